/** @jsxImportSource hono/jsx */
/**
 * The article editor's structure, for editing (`mode="edit"`) and creating (`mode="new"`):
 * fields, Markdown body beside its live preview, save and workflow buttons, the conflict and
 * unsaved-text notices, and the revisions table. editor-article.js fills and drives it.
 */
import { ARTICLE_KINDS, AUDIENCES, LOCALES } from '../../../db/schema/index.js';
import type { WebLocale } from '../web.i18n.js';
import { EDITOR_TEXTS } from './editor.i18n.js';

type Props = { locale: WebLocale; mode: 'edit' | 'new'; id?: string };

export function ArticleForm(props: Props) {
  const t = EDITOR_TEXTS[props.locale];
  const edit = props.mode === 'edit';
  return (
    <>
      {edit ? (
        <div class="ed-head">
          <div id="status-line" class="row" />
          <div id="links" class="row" />
        </div>
      ) : (
        <p id="translation-of" class="notice" hidden />
      )}
      <div id="backup" class="notice" role="status" hidden>
        <span id="backup-text" />
        <button type="button" class="secondary" id="backup-restore">
          {t.backupRestore}
        </button>
        <button type="button" class="link-button" id="backup-discard">
          {t.backupDiscard}
        </button>
      </div>
      {edit ? <Conflict locale={props.locale} /> : null}
      <form id="article-form" class="ed-form" data-mode={props.mode} data-id={props.id} novalidate>
        <p id="form-error" class="error" role="alert" />
        <div class="ed-fields panel">
          <div class="field wide">
            <label for="title">{t.fieldTitle}</label>
            <input id="title" name="title" required maxlength={200} autocomplete="off" />
          </div>
          <div class="field">
            <label for="slug">{t.fieldSlug}</label>
            <input id="slug" name="slug" required maxlength={80} pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" aria-describedby="slug-hint" spellcheck={false} />
            <small id="slug-hint" class="muted">
              {t.fieldSlugHint}
            </small>
          </div>
          <div class="field">
            <label for="locale">{t.fieldLocale}</label>
            <select id="locale" name="locale" disabled={edit}>
              {LOCALES.map((l) => (
                <option value={l} selected={l === props.locale}>
                  {t[`locale_${l}`]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="category">{t.category}</label>
            <select id="category" name="category" required />
          </div>
          <div class="field">
            <label for="kind">{t.kind}</label>
            <select id="kind" name="kind">
              {ARTICLE_KINDS.map((k) => (
                <option value={k}>{t[`kind_${k}`]}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="audience">{t.audience}</label>
            <select id="audience" name="audience">
              {AUDIENCES.map((a) => (
                <option value={a}>{t[`audience_${a}`]}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="tags">{t.fieldTags}</label>
            <input id="tags" name="tags" autocomplete="off" aria-describedby="tags-hint" />
            <small id="tags-hint" class="muted">
              {t.fieldTagsHint}
            </small>
          </div>
          <div class="field wide">
            <label for="summary">{t.fieldSummary}</label>
            <textarea id="summary" name="summary" rows={2} maxlength={600} aria-describedby="summary-hint" />
            <small id="summary-hint" class="muted">
              {t.fieldSummaryHint}
            </small>
          </div>
          <fieldset class="field wide questions" aria-describedby="questions-hint">
            <legend>{t.fieldQuestions}</legend>
            <small id="questions-hint" class="muted">
              {t.fieldQuestionsHint}
            </small>
            <ol id="questions" />
            <button type="button" class="secondary" id="add-question">
              {t.addQuestion}
            </button>
          </fieldset>
        </div>
        <div class="ed-split">
          <div class="ed-source field">
            <label for="body">{t.fieldBody}</label>
            <textarea id="body" name="body" required rows={22} spellcheck={false} />
          </div>
          <section class="ed-preview panel" aria-labelledby="preview-title">
            <h2 id="preview-title">{t.preview}</h2>
            <div id="preview" class="article-html">
              <p class="muted">{t.previewEmpty}</p>
            </div>
          </section>
        </div>
        <div class="ed-actions panel">
          {edit ? (
            <div class="field note">
              <label for="change-note">{t.fieldNote}</label>
              <input id="change-note" name="change_note" maxlength={500} placeholder={t.fieldNoteHint} autocomplete="off" />
            </div>
          ) : null}
          <div class="row">
            <button type="submit" id="save">
              {edit ? t.save : t.create}
            </button>
            <span id="dirty" class="muted" aria-live="polite" />
          </div>
          {edit ? <Workflow locale={props.locale} /> : null}
        </div>
      </form>
      {edit ? <Revisions locale={props.locale} /> : null}
    </>
  );
}

function Conflict(props: { locale: WebLocale }) {
  const t = EDITOR_TEXTS[props.locale];
  return (
    <section id="conflict" class="conflict" role="alert" aria-labelledby="conflict-title" hidden>
      <h2 id="conflict-title">{t.conflictTitle}</h2>
      <p id="conflict-body" />
      <p>{t.conflictWhat}</p>
      <div class="row">
        <button type="button" class="secondary" id="conflict-diff-button">
          {t.showTheirChanges}
        </button>
        <button type="button" id="conflict-keep">
          {t.keepMine}
        </button>
        <button type="button" class="secondary" id="conflict-load">
          {t.loadTheirs}
        </button>
      </div>
      <div id="conflict-diff" hidden />
    </section>
  );
}

function Workflow(props: { locale: WebLocale }) {
  const t = EDITOR_TEXTS[props.locale];
  return (
    <div class="workflow" role="group" aria-label={t.workflow}>
      <div class="row">
        <button type="button" class="secondary" data-action="submit" hidden>
          {t.submit}
        </button>
        <button type="button" class="publish" data-action="publish" hidden>
          {t.publish}
        </button>
        <span class="row schedule" data-action-group="schedule" hidden>
          <label for="publish-at">{t.scheduleAt}</label>
          <input id="publish-at" type="datetime-local" />
          <button type="button" class="secondary" data-action="schedule">
            {t.schedule}
          </button>
        </span>
        <button type="button" class="danger" data-action="archive" hidden>
          {t.archive}
        </button>
      </div>
      <p id="review-note" class="muted" hidden>
        {t.reviewRequired}
      </p>
    </div>
  );
}

function Revisions(props: { locale: WebLocale }) {
  const t = EDITOR_TEXTS[props.locale];
  return (
    <section class="revisions panel" aria-labelledby="revisions-title">
      <h2 id="revisions-title">{t.revisions}</h2>
      <table class="list" id="revisions">
        <thead>
          <tr>
            <th scope="col">{t.revVersion}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.colTitle}</th>
            <th scope="col">{t.revWhen}</th>
            <th scope="col">{t.revNote}</th>
            <th scope="col">{t.revActions}</th>
          </tr>
        </thead>
        <tbody />
      </table>
      <div id="diff" class="diff-box" tabindex={-1} hidden />
    </section>
  );
}

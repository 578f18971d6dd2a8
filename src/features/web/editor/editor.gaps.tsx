/** @jsxImportSource hono/jsx */
/** The content-gaps report's structure: one table per kind of gap (rows come from editor-gaps.js). */
import type { WebLocale } from '../web.i18n.js';
import { EDITOR_TEXTS } from './editor.i18n.js';

type Column = keyof (typeof EDITOR_TEXTS)['en'];

export function GapsReport(props: { locale: WebLocale }) {
  const t = EDITOR_TEXTS[props.locale];
  const section = (id: string, title: string, columns: Column[]) => (
    <section class="gap panel" id={`gap-${id}`} aria-labelledby={`gap-${id}-title`}>
      <h2 id={`gap-${id}-title`}>{title}</h2>
      <table class="list">
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col">{t[c]}</th>
            ))}
          </tr>
        </thead>
        <tbody />
      </table>
      <p class="muted empty" hidden>
        {t.none}
      </p>
    </section>
  );
  return (
    <>
      <p class="muted intro">{t.gapsIntro}</p>
      <div class="row toolbar">
        <label for="period">{t.period}</label>
        <select id="period">
          <option value="7">{t.last7}</option>
          <option value="30" selected>
            {t.last30}
          </option>
          <option value="90">{t.last90}</option>
        </select>
      </div>
      {section('unanswered', t.unanswered, ['colQuestion', 'colTimes', 'colActions', 'colClosest'])}
      {section('zero', t.zeroResults, ['colSearch', 'colTimes', 'colActions'])}
      {section('handoff', t.beforeHandoff, ['colQuestion', 'colTimes', 'colActions'])}
      {section('unhelpful', t.unhelpful, ['colTitle', 'colVotes', 'colActions'])}
      {section('outdated', t.outdatedTranslations, ['colTitle', 'language', 'colActions'])}
    </>
  );
}

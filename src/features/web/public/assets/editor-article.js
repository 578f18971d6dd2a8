// The article editor (/{locale}/editor/articles/{id}) and the new-article page (/{locale}/editor/new):
// load, live preview, save with If-Match, the conflict notice when someone saved first (the
// editor's text is never lost: it stays in the form and in a browser backup), workflow,
// revisions, translations.
import { ApiError, api, boot, el, t, toast, when } from './staff.js';
import { debounce, editorUrl, fillCategorySelect, loadCategories, revisionAtOrBefore, stateBadges, tf } from './editor-common.js';
import { showTheirChanges } from './editor-conflict.js';
import { createBackup } from './editor-backup.js';
import { createForm, normalize } from './editor-form.js';
import { createHistory } from './editor-history.js';
import { createWorkflow } from './editor-workflow.js';
import { prefillNew, linkTranslations } from './editor-links.js';

const $ = (id) => document.getElementById(id);

boot(async (me) => {
  const formEl = $('article-form');
  const isNew = formEl.dataset.mode === 'new';
  const id = formEl.dataset.id;
  const backup = createBackup(isNew ? 'new' : id);
  const preview = $('preview');
  let article = null;
  let baseline = '';
  let saving = false;
  let conflict = null;
  let prefill = {};

  const form = createForm(formEl, { onChange: changed });
  const snapshot = () => JSON.stringify(form.read());
  const dirty = () => snapshot() !== baseline;
  const keepLater = debounce(() => dirty() && backup.save(form.read(), article?.version), 400);

  function changed() {
    $('dirty').textContent = dirty() ? t('unsaved') : t('allSaved');
    keepLater();
    previewLater();
  }

  // Live preview: the API renders and sanitises (marked + js-xss); only its HTML is inserted.
  let previewed = null;
  let previewSeq = 0;
  async function renderPreview() {
    const body = formEl.elements.body.value;
    if (body === previewed) return;
    previewed = body;
    const mine = ++previewSeq;
    if (!body.trim()) return preview.replaceChildren(el('p', { class: 'muted' }, t('previewEmpty')));
    try {
      const { html } = await api('/api/articles/preview', { method: 'POST', body: { body } });
      if (mine === previewSeq) preview.innerHTML = html;
    } catch {
      if (mine === previewSeq) preview.replaceChildren(el('p', { class: 'error' }, t('previewFailed')));
    }
  }
  const previewLater = debounce(renderPreview, 300);

  function offerBackup() {
    const b = backup.read();
    const box = $('backup');
    box.hidden = !b || JSON.stringify(normalize(b.content)) === baseline;
    if (!box.hidden) $('backup-text').textContent = tf('backupFound', { when: when(b.at) });
  }
  $('backup-restore').addEventListener('click', () => {
    const b = backup.read();
    if (b) form.write(normalize(b.content));
    $('backup').hidden = true;
    changed();
  });
  $('backup-discard').addEventListener('click', () => {
    backup.clear();
    $('backup').hidden = true;
  });

  function handleError(e) {
    if (e instanceof ApiError && e.status === 412 && !isNew) return showConflict(e.problem);
    if (e instanceof ApiError && e.problem?.errors?.length && form.showErrors(e.problem)) return;
    const message = e instanceof ApiError ? e.message : t('failed');
    $('form-error').textContent = message;
    toast(message, 'error');
  }

  async function save() {
    if (saving) return false;
    if (!isNew && !dirty()) return true;
    saving = true;
    $('save').disabled = true;
    $('dirty').textContent = t('saving');
    form.clearErrors();
    const content = form.read();
    try {
      if (isNew) {
        const body = { ...content, locale: formEl.elements.locale.value, ...(prefill.translationOf ? { translation_of: prefill.translationOf } : {}) };
        const created = await api('/api/articles', { method: 'POST', body });
        backup.clear();
        baseline = snapshot();
        location.assign(`${editorUrl(created.id)}?created=1`);
        return true;
      }
      const note = $('change-note').value.trim();
      const saved = await api(`/api/articles/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        headers: { 'If-Match': `"${article.version}"` },
        body: { ...content, ...(note ? { change_note: note } : {}) },
      });
      $('change-note').value = '';
      backup.clear();
      hideConflict();
      setArticle(saved);
      toast(saved.status === 'published' ? t('savedStaged') : tf('saved', { version: saved.version }));
      return true;
    } catch (e) {
      handleError(e);
      return false;
    } finally {
      saving = false;
      $('save').disabled = false;
      changed();
    }
  }
  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    void save();
  });
  // Ctrl+S / ⌘S saves, as in any editor.
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    }
  });
  window.addEventListener('beforeunload', (e) => {
    if (!dirty()) return;
    backup.save(form.read(), article?.version);
    e.preventDefault();
  });

  // Someone saved first: say so, keep the text, offer their changes, "keep mine" or "load theirs".
  function showConflict(problem) {
    conflict = { base: article.version, current: problem?.current_version ?? article.version, mine: JSON.parse(baseline) };
    backup.save(form.read(), article.version);
    $('conflict-body').textContent = tf('conflictBody', { version: conflict.current, when: problem?.updated_at ? when(problem.updated_at) : '—' });
    $('conflict-diff').hidden = true;
    $('conflict').hidden = false;
    $('conflict').scrollIntoView({ block: 'start' });
    $('conflict-diff-button').focus();
  }
  function hideConflict() {
    conflict = null;
    $('conflict').hidden = true;
  }
  $('conflict-diff-button')?.addEventListener('click', async () => {
    try {
      const [current, revs] = await Promise.all([api(`/api/editor/articles/${encodeURIComponent(id)}`), revisions.load()]);
      const range = [revisionAtOrBefore(revs, conflict.base), revisionAtOrBefore(revs, conflict.current)];
      const load = (from, to) => api(`/api/editor/articles/${encodeURIComponent(id)}/diff?from=${from}&to=${to}`);
      await showTheirChanges($('conflict-diff'), { mine: conflict.mine, theirs: normalize(current.working), range, load, categories });
    } catch (e) {
      handleError(e);
    }
  });
  $('conflict-keep')?.addEventListener('click', async () => {
    article = { ...article, version: conflict.current };
    await save();
  });
  $('conflict-load')?.addEventListener('click', async () => {
    backup.save(form.read(), conflict.base);
    hideConflict();
    try {
      setArticle(await api(`/api/editor/articles/${encodeURIComponent(id)}`), { replaceForm: true });
      offerBackup();
      $('backup-restore').focus();
    } catch (e) {
      handleError(e);
    }
  });

  function renderStatus() {
    const a = article;
    const votes = a.feedback.helpful + a.feedback.not_helpful;
    $('status-line').replaceChildren(
      ...stateBadges({ ...a, audience: a.working.audience }),
      el('span', { class: 'muted' }, tf('version', { version: a.version }), ' · ', tf('updatedAt', { when: when(a.updated_at) })),
      ...(votes ? [el('span', { class: 'muted' }, tf('helpfulCounts', { yes: a.feedback.helpful, no: a.feedback.not_helpful }))] : []),
    );
    if (a.translation_outdated) $('status-line').append(el('p', { class: 'notice small' }, t('outdatedHelp')));
  }

  /** Takes the API's view of the article; the form is replaced only when asked (load, restore). */
  function setArticle(a, { replaceForm = false } = {}) {
    article = a;
    formEl.elements.locale.value = a.locale;
    if (replaceForm) form.write(a.working);
    baseline = JSON.stringify(normalize(a.working));
    renderStatus();
    workflow.render();
    void linkTranslations(a, $('links'));
    void revisions.load();
    void renderPreview();
    changed();
  }

  const categories = await loadCategories().catch(() => []);
  fillCategorySelect(formEl.elements.category, categories);
  if (isNew) prefill = await prefillNew(formEl, form, categories);

  if (isNew) {
    baseline = snapshot();
    offerBackup();
    void renderPreview();
    changed();
    return;
  }

  const settings = await api('/api/admin/settings').catch(() => ({ review_required: false }));
  const revisions = createHistory({
    id,
    version: () => article.version,
    beforeRestore: () => dirty() && backup.save(form.read(), article.version),
    onRestored: (a, v) => {
      setArticle(a, { replaceForm: true });
      toast(tf('restored', { version: v }));
      offerBackup();
    },
    onError: handleError,
  });
  const workflow = createWorkflow({
    me,
    reviewRequired: settings.review_required,
    article: () => article,
    ensureSaved: () => (dirty() ? save() : Promise.resolve(true)),
    onDone: (a) => setArticle(a),
    onError: handleError,
  });
  try {
    setArticle(await api(`/api/editor/articles/${encodeURIComponent(id)}`), { replaceForm: true });
  } catch (e) {
    handleError(e);
    return;
  }
  offerBackup();
  if (new URLSearchParams(location.search).has('created')) {
    toast(t('created'));
    history.replaceState(null, '', location.pathname);
  }
});

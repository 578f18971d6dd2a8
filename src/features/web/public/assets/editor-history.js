// An article's revisions: the list (GET /api/editor/articles/{id}/revisions), the changes a
// version made (…/diff), and restoring an old version as a new one (POST …/restore, If-Match).
import { api, el, t, when } from './staff.js';
import { renderDiff, tf } from './editor-common.js';

/** A revision's note in the page's language: the server's own notes are translated, editors' notes shown as written. */
function noteText(note) {
  if (note === 'Created') return t('note_created');
  if (note === 'Published') return t('note_published');
  const restored = /^Restored version (\d+)$/.exec(note ?? '');
  if (restored) return tf('note_restored', { version: restored[1] });
  const imported = /^Imported from (\S+)$/.exec(note ?? '');
  return imported ? tf('note_imported', { path: imported[1] }) : (note ?? '');
}

/**
 * @param {{ id: string, version: () => number, beforeRestore: () => void, onRestored: (article: object, version: number) => void, onError: (e: unknown) => void }} options
 */
export function createHistory({ id, version, beforeRestore, onRestored, onError }) {
  const tbody = document.querySelector('#revisions tbody');
  const box = document.getElementById('diff');
  let revisions = [];

  async function showChanges(from, to) {
    try {
      const diff = await api(`/api/editor/articles/${encodeURIComponent(id)}/diff?from=${from}&to=${to}`);
      renderDiff(box, diff);
      box.prepend(el('button', { type: 'button', class: 'link-button close', onclick: () => (box.hidden = true) }, t('closeDiff')));
      box.focus();
    } catch (e) {
      onError(e);
    }
  }

  async function restore(v) {
    beforeRestore();
    try {
      const article = await api(`/api/articles/${encodeURIComponent(id)}/restore`, {
        method: 'POST',
        headers: { 'If-Match': `"${version()}"` },
        body: { version: v },
      });
      onRestored(article, v);
    } catch (e) {
      onError(e);
    }
  }

  const row = (r, i) => {
    const older = revisions[i + 1];
    return el(
      'tr',
      { dataset: { version: String(r.version) } },
      el('td', {}, String(r.version), i === 0 ? el('span', { class: 'muted' }, ` (${t('current')})`) : null),
      el('td', {}, t(`status_${r.status}`)),
      el('td', {}, r.title),
      el('td', {}, el('time', { datetime: r.created_at }, when(r.created_at))),
      el('td', {}, noteText(r.change_note)),
      el(
        'td',
        { class: 'actions' },
        older ? el('button', { type: 'button', class: 'secondary small', 'aria-label': tf('showChangesOf', { version: r.version }), onclick: () => showChanges(older.version, r.version) }, t('showChanges')) : null,
        i > 0 ? el('button', { type: 'button', class: 'secondary small', 'aria-label': tf('restoreOf', { version: r.version }), onclick: () => restore(r.version) }, t('restore')) : null,
      ),
    );
  };

  async function load() {
    try {
      revisions = (await api(`/api/editor/articles/${encodeURIComponent(id)}/revisions`)).items;
      tbody.replaceChildren(...revisions.map(row));
    } catch (e) {
      onError(e);
    }
    return revisions;
  }

  return { load, showChanges, revisions: () => revisions };
}

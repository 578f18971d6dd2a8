// The workflow buttons of the article editor: which ones an article's status allows (draft →
// in review → published → archived, staged edits, scheduling), disabled with a note when
// review is required and the signed-in editor made the last change; each sends If-Match.
import { api, t, toast, when } from './staff.js';
import { tf } from './editor-common.js';

const DONE = { submit: 'submitted', publish: 'published', archive: 'archived' };

/** The value for <input type=datetime-local> (local time, minutes). */
const localInput = (date) => {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/**
 * @param {{ me: {id: string}, reviewRequired: boolean, article: () => object, ensureSaved: () => Promise<boolean>, onDone: (article: object) => void, onError: (e: unknown) => void }} options
 */
export function createWorkflow({ me, reviewRequired, article, ensureSaved, onDone, onError }) {
  const button = (action) => document.querySelector(`[data-action="${action}"]`);
  const scheduleGroup = document.querySelector('[data-action-group="schedule"]');
  const when$ = document.getElementById('publish-at');
  const note = document.getElementById('review-note');
  let busy = false;

  function render() {
    const a = article();
    const s = a.status;
    const pending = a.has_pending_changes;
    const show = {
      submit: s === 'draft',
      publish: s !== 'published' || pending,
      schedule: s === 'draft' || s === 'in_review' || (s === 'published' && pending),
      archive: s !== 'archived',
    };
    button('submit').hidden = !show.submit;
    button('archive').hidden = !show.archive;
    button('publish').hidden = !show.publish;
    button('publish').textContent = t(s === 'in_review' ? 'approve' : s === 'published' ? 'publishChanges' : s === 'archived' ? 'republish' : 'publish');
    scheduleGroup.hidden = !show.schedule;
    when$.min = localInput(new Date());
    if (a.publish_at) when$.value = localInput(new Date(a.publish_at));
    const blocked = reviewRequired && a.updated_by === me.id;
    button('publish').disabled = blocked;
    button('schedule').disabled = blocked;
    note.hidden = !(blocked && (show.publish || show.schedule));
  }

  async function act(action) {
    if (busy) return;
    let body;
    if (action === 'schedule') {
      const at = when$.value ? new Date(when$.value) : null;
      if (!at || Number.isNaN(at.getTime()) || at <= new Date()) {
        toast(t('pickTime'), 'error');
        when$.focus();
        return;
      }
      body = { publish_at: at.toISOString() };
    }
    busy = true;
    try {
      if (!(await ensureSaved())) return;
      const a = await api(`/api/articles/${encodeURIComponent(article().id)}/${action}`, {
        method: 'POST',
        headers: { 'If-Match': `"${article().version}"` },
        body,
      });
      onDone(a);
      toast(action === 'schedule' ? tf('scheduled', { when: when(a.publish_at) }) : t(DONE[action]));
    } catch (e) {
      onError(e);
    } finally {
      busy = false;
    }
  }

  for (const b of document.querySelectorAll('[data-action]')) b.addEventListener('click', () => act(b.dataset.action));
  return { render };
}

// The case view's confirm forms for transfer, escalate and resolve: opened under the action
// buttons, focus moves into them, Cancel (or Escape) puts it back on the button that opened them.
import { el, t } from './staff.js';
import { label } from './agent-common.js';

const box = document.getElementById('action-form');

export function closeForm() {
  const opener = box.firstElementChild?.opener;
  box.replaceChildren();
  opener?.focus();
}

/** Shows one form; `submit(data)` gets the FormData and returns a promise (the form stays on failure). */
function show(opener, name, fields, confirm, submit) {
  const form = el(
    'form',
    { class: 'action-form', 'aria-label': name },
    ...fields,
    el('div', { class: 'row' }, el('button', { type: 'submit' }, confirm), el('button', { type: 'button', class: 'secondary', onclick: closeForm }, t('cancel'))),
  );
  form.opener = opener;
  form.addEventListener('keydown', (e) => e.key === 'Escape' && closeForm());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    try {
      await submit(new FormData(form));
    } finally {
      for (const b of form.querySelectorAll('button')) b.disabled = false;
    }
  });
  box.replaceChildren(form);
  form.querySelector('select, textarea, input')?.focus();
}

const field = (id, text, control) => el('div', { class: 'field' }, el('label', { for: id }, text), control);

export function openTransfer(opener, { me, names, act }) {
  const select = el(
    'select',
    { id: 'transfer-to', name: 'to', required: true },
    el('option', { value: '' }, t('chooseColleague')),
    el('optgroup', { label: t('colleagues') }, ...[...names].filter(([id]) => id !== me.id).map(([id, name]) => el('option', { value: `agent:${id}` }, name))),
    el('optgroup', { label: t('queues') }, ...['general', 'supervisor'].map((q) => el('option', { value: `queue:${q}` }, label('queue', q)))),
  );
  show(opener, t('transferTo'), [field('transfer-to', t('transferTo'), select), field('transfer-note', t('noteForColleague'), el('textarea', { id: 'transfer-note', name: 'note', maxlength: 2000 }))], t('confirmTransfer'), (data) => {
    const [kind, value] = String(data.get('to')).split(/:(.*)/s);
    const note = String(data.get('note') ?? '').trim();
    const body = { ...(kind === 'agent' ? { agent_id: value } : { queue: value }), ...(note ? { note } : {}) };
    return act('transfer', body, kind === 'agent' ? names.get(value) : label('queue', value));
  });
}

export function openEscalate(opener, { act }) {
  show(opener, t('confirmEscalate'), [field('escalate-note', t('escalateNote'), el('textarea', { id: 'escalate-note', name: 'note', maxlength: 2000 }))], t('confirmEscalate'), (data) => {
    const note = String(data.get('note') ?? '').trim();
    return act('escalate', note ? { note } : {});
  });
}

/** `articles` is id → title: the ones the agent inserted (checked) and the ones the bot cited. */
export function openResolve(opener, { articles, inserted, act }) {
  const boxes = [...articles].map(([id, title]) =>
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'article', value: id, checked: inserted.has(id) }), ' ', title),
  );
  const fields = [
    field('resolve-note', t('resolveNote'), el('textarea', { id: 'resolve-note', name: 'note', required: true, maxlength: 5000 })),
    boxes.length ? el('fieldset', { class: 'articles-used' }, el('legend', {}, t('articlesUsed')), ...boxes) : null,
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'return_to_bot', value: '1' }), ' ', t('returnToBot')),
  ].filter(Boolean);
  show(opener, t('confirmResolve'), fields, t('confirmResolve'), (data) =>
    act('resolve', { note: String(data.get('note')).trim(), article_ids: data.getAll('article').map(String), return_to_bot: data.get('return_to_bot') === '1' }),
  );
}

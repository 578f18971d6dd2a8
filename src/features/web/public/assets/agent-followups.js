// Follow-ups (回访) owed on resolved cases and callback requests (回拨), earliest due first,
// with their clocks and the outcomes the API takes (POST /api/follow-ups/{id}, /api/callbacks/{id}).
import { api, boot, el, locale, t, toast, when } from './staff.js';
import { clock, fmt, label, problemText } from './agent-common.js';

const followUps = document.getElementById('follow-ups');
const callbacks = document.getElementById('callbacks');
const showDone = document.getElementById('show-done');

const caseLink = (id) => el('a', { href: `/${locale}/agent/handoffs/${encodeURIComponent(id)}` }, t('openCase'));

function followUpForm(f) {
  const form = el(
    'form',
    { class: 'outcome' },
    el(
      'fieldset',
      {},
      el('legend', {}, t('outcomeLabel')),
      ...['satisfied', 'not_satisfied', 'unreachable'].map((o) =>
        el('label', { class: 'check' }, el('input', { type: 'radio', name: 'outcome', value: o, required: true }), ' ', label('outcome', o)),
      ),
    ),
    el('label', { for: `note-${f.id}` }, t('followUpNote')),
    el('textarea', { id: `note-${f.id}`, name: 'note', maxlength: 2000, rows: 2 }),
    el('p', { class: 'error', role: 'alert' }),
    el('button', { type: 'submit' }, t('record')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const note = String(data.get('note') ?? '').trim();
    const outcome = String(data.get('outcome'));
    try {
      await api(`/api/follow-ups/${encodeURIComponent(f.id)}`, { method: 'POST', body: { outcome, ...(note ? { note } : {}) } });
      toast(t(outcome === 'not_satisfied' ? 'didRecordEscalated' : 'didRecord'));
      await load();
    } catch (error) {
      form.querySelector('.error').textContent = problemText(error);
    }
  });
  return form;
}

const telLink = (phone) => el('a', { href: `tel:${phone.replace(/[^\d+]/g, '')}`, 'aria-label': `${t('call')} ${phone}` }, phone);

/** Who to call: name, phone and email from the case, as far as the customer gave them. */
function contact(customer) {
  const facts = [];
  if (customer.name) facts.push(el('dt', {}, t('customerName')), el('dd', {}, customer.name));
  if (customer.phone) facts.push(el('dt', {}, t('phone')), el('dd', {}, telLink(customer.phone)));
  if (customer.email) facts.push(el('dt', {}, t('customerEmail')), el('dd', {}, el('a', { href: `mailto:${customer.email}` }, customer.email)));
  return facts.length ? el('dl', { class: 'facts' }, ...facts) : null;
}

function followUpItem(f) {
  return el(
    'li',
    { class: `task${f.overdue ? ' is-overdue' : ''}`, dataset: { id: f.id } },
    el('div', { class: 'task-head' }, clock(fmt('due', { when: when(f.due_at) }), f.due_at, f.done_at), f.overdue ? el('span', { class: 'badge major' }, t('overdue')) : null),
    el('p', { class: 'task-summary' }, f.summary, ' ', caseLink(f.handoff_id)),
    contact(f.customer),
    f.done_at
      ? el('p', {}, el('strong', {}, label('outcome', f.outcome)), f.note ? ` · ${f.note}` : '', ' · ', fmt('doneAt', { when: when(f.done_at) }))
      : followUpForm(f),
  );
}

function callbackItem(c) {
  const phone = telLink(c.phone);
  const windowText = c.window_start ? `${when(c.window_start)}${c.window_end ? ` – ${when(c.window_end)}` : ''}` : t('anyTime');
  const close = (status) => async () => {
    try {
      await api(`/api/callbacks/${encodeURIComponent(c.id)}`, { method: 'POST', body: { status } });
      toast(t('didCallback'));
      await load();
    } catch (error) {
      toast(problemText(error), 'error');
    }
  };
  return el(
    'li',
    { class: `task${c.overdue ? ' is-overdue' : ''}`, dataset: { id: c.id } },
    el(
      'div',
      { class: 'task-head' },
      c.status === 'open' ? clock(fmt('due', { when: when(c.due_at) }), c.due_at) : el('span', { class: 'muted' }, fmt('due', { when: when(c.due_at) })),
      el('span', { class: `badge status-${c.status}` }, label('callback', c.status)),
      c.overdue ? el('span', { class: 'badge major' }, t('overdue')) : null,
    ),
    el('dl', { class: 'facts' }, el('dt', {}, t('phone')), el('dd', {}, phone), el('dt', {}, t('window')), el('dd', {}, windowText), c.note ? [el('dt', {}, t('note')), el('dd', {}, c.note)] : null),
    c.handoff_id ? el('p', {}, caseLink(c.handoff_id)) : null,
    c.status === 'open'
      ? el('div', { class: 'row' }, el('button', { type: 'button', onclick: close('done') }, t('markDone')), el('button', { type: 'button', class: 'secondary', onclick: close('unreachable') }, t('markUnreachable')))
      : null,
  );
}

async function load() {
  const open = showDone.checked ? '0' : '1';
  try {
    const [f, c] = await Promise.all([api(`/api/follow-ups?open=${open}&limit=200`), api(`/api/callbacks?open=${open}&limit=200`)]);
    followUps.replaceChildren(...(f.items.length ? f.items.map(followUpItem) : [el('li', { class: 'empty muted' }, t('noFollowUps'))]));
    callbacks.replaceChildren(...(c.items.length ? c.items.map(callbackItem) : [el('li', { class: 'empty muted' }, t('noCallbacks'))]));
  } catch (error) {
    toast(problemText(error), 'error');
  }
}

boot(() => {
  showDone.addEventListener('change', load);
  void load();
});

// One case (/{locale}/agent/handoffs/{id}): the context packet (summary first), the live
// transcript, the actions (claim, release, transfer, escalate, resolve) as buttons that follow
// the case's state, the reply/note composer and the knowledge panel.
import { api, boot, el, sse, t, toast, when } from './staff.js';
import { clock, colleagueNames, fmt, label, problemText, severityBadge } from './agent-common.js';
import { closeForm, openEscalate, openResolve, openTransfer } from './agent-case-forms.js';
import { addMessages } from './agent-transcript.js';
import { mountKnowledge } from './agent-kb.js';

const id = document.getElementById('case').dataset.id;
const path = `/api/handoffs/${encodeURIComponent(id)}`;
const $ = (x) => document.getElementById(x);
const composer = $('composer');
const errorBox = $('action-error');

let me;
let names = new Map();
let handoff;
/** Articles the agent inserted into messages: id → title (pre-checked when resolving). */
const inserted = new Map();

const ownerLine = (h) => (!h.assignee_id ? t('unclaimed') : h.assignee_id === me.id ? t('claimedByMe') : fmt('claimedBy', { name: ownerName(h) }));
const ownerName = (h) => (h.assignee_id ? (h.assignee_id === me.id ? t('claimedByYou') : names.get(h.assignee_id) ?? t('someone')) : t('unclaimed'));
const canAct = (h) => h.status === 'claimed' && (h.assignee_id === me.id || me.role === 'admin');
const canEscalate = (h) => !h.assignee_id || h.assignee_id === me.id || me.role === 'admin';

/** A dt/dd pair, or nothing when the packet has no value (the list stays short enough to read at a glance). */
function fact(name, value) {
  return value ? [el('dt', {}, name), el('dd', {}, value)] : [];
}

function renderSummary() {
  const h = handoff;
  const p = h.packet;
  const badges = [severityBadge(h.severity), el('span', { class: `badge status-${h.status}` }, label('status', h.status)), el('span', { class: 'owner' }, ownerLine(h))];
  if (h.escalation_level > 0) badges.push(el('span', { class: 'muted' }, fmt('escalatedTimes', { n: h.escalation_level })));
  $('case-badges').replaceChildren(...badges);
  $('case-summary').textContent = h.summary;
  $('case-clocks').replaceChildren(clock(t('firstContact'), h.first_response_due, h.first_response_at), clock(t('feedback'), h.resolution_due, h.resolved_at));
  const c = p.customer;
  const titles = new Map(p.bot_answers.flatMap((a) => a.citations.map((x) => [x.article_id, x.title])));
  $('case-details').replaceChildren(
    ...fact(t('reason'), label('reason', p.reason)),
    ...fact(t('severity'), label('severity', h.severity)),
    ...fact(t('complaintCategory'), p.complaint_category ? label('category', p.complaint_category) : ''),
    ...fact(t('temperament'), p.temperament ? label('temperament', p.temperament) : ''),
    ...fact(t('customerName'), c.name),
    ...fact(t('customerPhone'), c.phone ? el('a', { href: `tel:${c.phone.replace(/[^\d+]/g, '')}` }, c.phone) : ''),
    ...fact(t('customerEmail'), c.email ? el('a', { href: `mailto:${c.email}` }, c.email) : ''),
    ...fact(t('customerId'), c.external_id),
    ...fact(t('language'), p.locale === 'zh' ? '中文' : 'English'),
    ...fact(t('pageUrl'), p.page_url && /^https?:/i.test(p.page_url) ? el('a', { href: p.page_url, target: '_blank', rel: 'noopener' }, p.page_url) : p.page_url),
    ...fact(t('articlesOpened'), p.articles_opened.map((a) => `${titles.get(a.article_id) ?? a.article_id} (${when(a.at)})`).join(', ')),
    ...fact(t('queueLabel'), label('queue', h.queue)),
    ...fact(t('owner'), ownerLine(h)),
  );
}

/** The action buttons, made once and then updated in place (so focus is never lost to a re-render). */
let buttons;

function makeButtons() {
  const b = (name, kind, onclick) => el('button', { type: 'button', id: `act-${name}`, class: kind, onclick });
  buttons = {
    claim: b('claim', '', () => act('claim')),
    release: b('release', 'secondary', () => act('release')),
    transfer: b('transfer', 'secondary', (e) => openTransfer(e.currentTarget, { me, names, act })),
    escalate: b('escalate', 'secondary', (e) => openEscalate(e.currentTarget, { act })),
    resolve: b('resolve', 'secondary', (e) => openResolve(e.currentTarget, { articles: resolveArticles(), inserted, act })),
  };
  $('case-actions').replaceChildren(...Object.values(buttons));
}

function renderActions() {
  const h = handoff;
  if (!buttons) makeButtons();
  const claimText = h.status === 'waiting' ? t('claim') : h.status === 'claimed' ? ownerLine(h) : label('status', h.status);
  const state = {
    claim: [claimText, h.status === 'waiting'],
    release: [t('release'), canAct(h)],
    transfer: [t('transfer'), canAct(h)],
    escalate: [t('escalate'), canEscalate(h)],
    resolve: [t('resolve'), canAct(h)],
  };
  for (const [name, [text, enabled]] of Object.entries(state)) {
    buttons[name].textContent = text;
    buttons[name].disabled = !enabled;
  }
  const lock = h.status === 'resolved' ? t('lockedResolved') : h.status === 'waiting' ? t('lockedWaiting') : canAct(h) ? '' : fmt('lockedOther', { name: ownerName(h) });
  $('composer-lock').textContent = lock;
  for (const control of composer.querySelectorAll('textarea, button, input')) control.disabled = Boolean(lock);
}

function resolveArticles() {
  const out = new Map(inserted);
  for (const a of handoff.packet.bot_answers) for (const c of a.citations) if (!out.has(c.article_id)) out.set(c.article_id, c.title);
  return out;
}

function render() {
  renderSummary();
  renderActions();
}

const DONE = { claim: 'didClaim', release: 'didRelease', escalate: 'didEscalate', resolve: 'didResolve' };

/** Runs an action; the case's new state comes back from the API. Errors are said in plain words. */
async function act(action, body, targetName) {
  errorBox.textContent = '';
  try {
    const next = await api(`${path}/${action}`, { method: 'POST', body });
    handoff = { ...handoff, ...next };
    closeForm();
    render();
    toast(action === 'transfer' ? fmt('didTransfer', { name: targetName ?? '' }) : t(DONE[action]));
    // The button just used is now disabled: carry on where the work continues.
    if (action === 'claim') $('message').focus();
  } catch (error) {
    handoff = { ...handoff, ...(await api(path).catch(() => ({}))) };
    render();
    errorBox.textContent = problemText(error, { action, state: handoff, me });
  }
}

function wireComposer() {
  const text = $('message');
  const hint = $('composer-hint');
  const send = $('send');
  composer.addEventListener('change', () => {
    const mode = new FormData(composer).get('mode');
    composer.dataset.mode = mode;
    hint.textContent = hint.dataset[mode];
    send.textContent = send.dataset[mode];
  });
  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    const internal = composer.dataset.mode === 'note';
    send.disabled = true;
    try {
      const message = await api(`${path}/messages`, { method: 'POST', body: { text: text.value, internal } });
      addMessages([{ ...message, internal }]);
      text.value = '';
      toast(t(internal ? 'didNote' : 'didReply'));
      if (!internal && !handoff.first_response_at) handoff = { ...handoff, first_response_at: message.created_at };
      render();
    } catch (error) {
      errorBox.textContent = problemText(error, { action: 'reply', state: handoff, me });
    } finally {
      send.disabled = false;
      renderActions();
    }
  });
}

/** Puts "title url" at the cursor of the message box and remembers the article for resolving. */
function insertLink(hit) {
  const text = $('message');
  const link = `${hit.title} ${new URL(hit.url, location.origin).href}`;
  const [start, end] = [text.selectionStart ?? text.value.length, text.selectionEnd ?? text.value.length];
  const before = text.value.slice(0, start);
  const glue = before && !/\s$/.test(before) ? ' ' : '';
  text.value = `${before}${glue}${link} ${text.value.slice(end)}`;
  inserted.set(hit.id, hit.title);
  text.focus();
  text.selectionStart = text.selectionEnd = before.length + glue.length + link.length + 1;
  toast(t('didInsert'));
}

boot(async (signedIn) => {
  me = signedIn;
  try {
    const [detail, transcript, colleagues] = await Promise.all([api(path), api(`${path}/messages`), colleagueNames().catch(() => new Map())]);
    handoff = detail;
    names = colleagues;
    render();
    addMessages(transcript.items, { customerName: detail.packet.customer.name });
    wireComposer();
    mountKnowledge({ locale: detail.locale, onInsert: insertLink });
    const last = transcript.items.at(-1)?.id;
    sse(`${path}/events${last ? `?after=${encodeURIComponent(last)}` : ''}`, ({ event, data }) => {
      if (event === 'message') addMessages([data], { customerName: handoff.packet.customer.name, live: true });
      if (event === 'handoff') {
        handoff = { ...handoff, ...data };
        render();
      }
    });
  } catch (error) {
    $('case').replaceChildren(el('p', { class: 'error', role: 'alert' }, problemText(error)));
  }
});

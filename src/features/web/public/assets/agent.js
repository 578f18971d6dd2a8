// The agent queue (/{locale}/agent): open cases most urgent first, severity colours, SLA clocks
// ticking in the browser, filters kept in the URL, and live updates from GET /api/queue/events
// with new arrivals announced in a polite live region.
import { api, boot, el, locale, sse, t, when } from './staff.js';
import { clock, colleagueNames, fmt, label, problemText, severityBadge } from './agent-common.js';

const form = document.getElementById('queue-filters');
const list = document.getElementById('queue-list');
const count = document.getElementById('queue-count');
const arrivals = document.getElementById('arrivals');
const liveState = document.getElementById('live-state');

let me;
let names = new Map();
/** Ids already shown, so only cases that appear later are announced. */
const known = new Set();
const announced = new Set();
let loaded = false;

const filters = () => Object.fromEntries(new FormData(form));

function queuePath() {
  const f = filters();
  const q = new URLSearchParams({ status: f.status === 'open' && f.owner === 'unclaimed' ? 'waiting' : f.status, limit: '200' });
  if (f.severity) q.set('severity', f.severity);
  if (f.owner === 'mine') q.set('mine', '1');
  return `/api/queue?${q}`;
}

function ownerText(h) {
  if (!h.assignee_id) return t('unclaimed');
  if (h.assignee_id === me.id) return t('claimedByYou');
  return fmt('claimedBy', { name: names.get(h.assignee_id) ?? t('someone') });
}

function card(h, fresh) {
  const breached = h.breached.first_response || h.breached.resolution;
  return el(
    'li',
    { class: `case sev-${h.severity}${fresh ? ' is-new' : ''}${breached && h.status !== 'resolved' ? ' is-breached' : ''}`, dataset: { id: h.id } },
    el(
      'div',
      { class: 'case-head' },
      severityBadge(h.severity),
      el('span', { class: `badge status-${h.status}` }, label('status', h.status)),
      el('span', { class: 'owner' }, ownerText(h)),
      el('span', { class: 'muted' }, label('reason', h.reason)),
      h.queue === 'supervisor' ? el('span', { class: 'muted' }, label('queue', h.queue)) : null,
      h.escalation_level > 0 ? el('span', { class: 'muted' }, fmt('escalatedTimes', { n: h.escalation_level })) : null,
      h.awaiting_reply_since && h.status !== 'resolved' ? el('span', { class: 'badge awaiting' }, fmt('awaitingSince', { when: when(h.awaiting_reply_since) })) : null,
    ),
    el('a', { class: 'case-link', href: `/${locale}/agent/handoffs/${encodeURIComponent(h.id)}` }, h.summary),
    el(
      'div',
      { class: 'clocks' },
      clock(t('firstContact'), h.first_response_due, h.first_response_at),
      clock(t('feedback'), h.resolution_due, h.resolved_at),
      el('span', { class: 'muted' }, fmt('arrived', { when: when(h.created_at) })),
    ),
  );
}

function announce(text) {
  arrivals.textContent = text;
}

async function refresh() {
  try {
    const f = filters();
    let items = (await api(queuePath())).items;
    if (f.owner === 'unclaimed') items = items.filter((h) => !h.assignee_id);
    const fresh = loaded ? items.filter((h) => !known.has(h.id)) : [];
    // Keyboard users keep their place when the list is redrawn under them.
    const focused = document.activeElement?.closest?.('.case')?.dataset.id;
    list.replaceChildren(...items.map((h) => card(h, fresh.includes(h))));
    if (focused) list.querySelector(`[data-id="${CSS.escape(focused)}"] .case-link`)?.focus();
    count.textContent = items.length === 1 ? t('caseCountOne') : fmt('caseCount', { n: items.length });
    if (items.length === 0) list.append(el('li', { class: 'empty muted' }, t('noCases')));
    for (const h of items) known.add(h.id);
    const arrived = fresh.filter((h) => h.status === 'waiting');
    if (arrived.length) announce(arrived.map((h) => fmt('newCase', { summary: h.summary })).join(' · '));
    loaded = true;
  } catch (error) {
    count.textContent = problemText(error);
  }
}

let timer;
const refreshSoon = () => {
  clearTimeout(timer);
  timer = setTimeout(refresh, 250);
};

function onEvent({ event, data }) {
  if (event === 'handoff.breached' && !announced.has(data.handoff_id)) {
    announced.add(data.handoff_id);
    // Cases already shown as overdue were not news; only a deadline passing while watching is.
    const card = list.querySelector(`[data-id="${CSS.escape(data.handoff_id)}"]:not(.is-breached) .case-link`);
    if (card) announce(fmt('breachedCase', { summary: card.textContent }));
  }
  if (event.startsWith('handoff.')) refreshSoon();
}

function setLive(on) {
  liveState.dataset.state = on ? 'on' : 'off';
  liveState.textContent = t(on ? 'liveOn' : 'liveOff');
}

boot(async (signedIn) => {
  me = signedIn;
  names = await colleagueNames().catch(() => new Map());
  form.addEventListener('change', () => {
    const f = filters();
    const q = new URLSearchParams();
    if (f.status !== 'open') q.set('status', f.status);
    if (f.severity) q.set('severity', f.severity);
    if (f.owner !== 'anyone') q.set('owner', f.owner);
    history.replaceState(null, '', `${location.pathname}${q.size ? `?${q}` : ''}`);
    loaded = false;
    void refresh();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  await refresh();
  sse('/api/queue/events', onEvent, { onOpen: () => setLive(true) });
  // sse() reconnects by itself; the label says so while it does.
  window.addEventListener('offline', () => setLive(false));
});

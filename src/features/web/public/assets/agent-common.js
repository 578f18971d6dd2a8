// Shared by the agent console's pages: placeholders in texts, labels for API values, SLA clocks
// that tick every second from the due times the API gives, colleagues' names, and problem+json
// errors said in plain words.
import { api, ApiError, el, locale, t, when } from './staff.js';

/** t(key) with `{name}` placeholders filled. */
export const fmt = (key, vars = {}) => t(key).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));

/** The label of an API value, e.g. label('severity', 'major'); unknown values show as they are. */
export const label = (prefix, value) => {
  if (value === null || value === undefined || value === '') return t('none');
  const key = `${prefix}_${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
};

/** A duration like "1h 05min" / "1小时05分", coarse when long. */
export function duration(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  const [d, h, m, sec] = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60];
  const part = (n, unit) => `${n}${t(unit)}`;
  const pad = (n) => String(n).padStart(2, '0');
  const join = (...parts) => parts.join(locale === 'en' ? ' ' : '');
  if (d > 0) return join(part(d, 'unitD'), part(h, 'unitH'));
  if (h > 0) return join(part(h, 'unitH'), part(pad(m), 'unitM'));
  return join(part(m, 'unitM'), part(pad(sec), 'unitS'));
}

/**
 * An SLA clock: "due in …" counting down to `due`, "overdue by …" (highlighted) once past, or
 * "done …" when `done` is set. Every clock on the page ticks from one timer.
 */
export function clock(name, due, done) {
  const value = el('span', { class: 'clock-value', dataset: { due, done: done || '' } });
  renderClock(value);
  return el('span', { class: 'clock' }, el('span', { class: 'clock-name' }, name), ' ', value);
}

function renderClock(node) {
  const { due, done } = node.dataset;
  const dueAt = new Date(due).getTime();
  if (done) {
    node.textContent = fmt('metAt', { when: when(done) });
    node.className = `clock-value ${new Date(done).getTime() > dueAt ? 'late' : 'met'}`;
    return;
  }
  const left = dueAt - Date.now();
  node.textContent = fmt(left >= 0 ? 'dueIn' : 'overdueBy', { time: duration(left) });
  node.className = `clock-value ${left >= 0 ? (left < 15 * 60_000 ? 'soon' : '') : 'overdue'}`;
  node.title = when(due);
}

setInterval(() => {
  for (const node of document.querySelectorAll('.clock-value[data-due]')) if (!node.dataset.done) renderClock(node);
}, 1000);

/** The severity as a coloured badge that also says it in words (never colour alone). */
export const severityBadge = (severity) => el('span', { class: `badge ${severity}` }, label('severity', severity));

let colleagues;
/** id → name of every active colleague (GET /api/agents), loaded once per page. */
export async function colleagueNames() {
  colleagues ??= api('/api/agents').then((r) => new Map(r.items.map((c) => [c.id, c.name])));
  return colleagues;
}

const FIELD_LABELS = { 'body.note': 'resolveNote', 'body.text': 'messageLabel', 'body.agent_id': 'transferTo', 'body.outcome': 'outcomeLabel' };

/**
 * A failed call in plain words. `action` is what was tried (claim, release, reply…); `state`
 * is the case as it is now, when known, to tell "taken by someone else" from "claim it first".
 */
export function problemText(error, { action, state, me } = {}) {
  if (!(error instanceof ApiError)) return fmt('errGeneric', { detail: String(error?.message ?? error) });
  const p = error.problem ?? {};
  if (error.status === 404) return t('errNotFound');
  if (error.status === 422) {
    const fields = (p.errors ?? []).map((e) => (FIELD_LABELS[e.path] ? t(FIELD_LABELS[e.path]) : e.path));
    return fmt('errInvalid', { fields: fields.join(', ') || p.detail });
  }
  if (error.status === 409) {
    if (action === 'claim') {
      if ((p.assignee_id ?? state?.assignee_id) === me?.id) return t('errAlreadyYours');
      if ((p.status ?? state?.status) === 'resolved') return t('errResolved');
      return t('errTaken');
    }
    return state?.status === 'resolved' ? t('errResolved') : t('errNotClaimed');
  }
  if (error.status === 403) return state && !state.assignee_id ? t('errClaimFirst') : t('errNotYours');
  return fmt('errGeneric', { detail: p.detail || p.title || error.message });
}

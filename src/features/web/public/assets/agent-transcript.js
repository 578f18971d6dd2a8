// The case view's transcript: every message in order, the bot's answers with their decision,
// confidence and cited articles, and internal notes set apart from what the customer sees.
import { el, t, when } from './staff.js';
import { fmt, label } from './agent-common.js';

const list = document.getElementById('transcript');
const news = document.getElementById('message-news');
const seen = new Set();

function citations(m) {
  if (!m.citations?.length) return null;
  return el(
    'div',
    { class: 'citations' },
    el('span', { class: 'muted' }, t('sources')),
    el('ul', {}, ...m.citations.map((c) => el('li', {}, el('a', { href: c.url, target: '_blank', rel: 'noopener' }, c.title)))),
  );
}

function meta(m, customerName) {
  const who = m.internal ? t('internalNote') : m.role === 'customer' && customerName ? `${t('role_customer')} · ${customerName}` : m.role === 'agent' && m.author ? `${label('role', m.role)} · ${m.author}` : label('role', m.role);
  const bits = [el('strong', {}, who), el('time', { datetime: m.created_at }, when(m.created_at))];
  if (m.role === 'bot' && m.decision) bits.push(el('span', { class: 'muted' }, label('decision', m.decision)));
  if (m.role === 'bot' && typeof m.confidence === 'number') bits.push(el('span', { class: 'muted' }, fmt('confidence', { n: Math.round(m.confidence * 100) })));
  return el('div', { class: 'msg-meta' }, ...bits);
}

/**
 * Adds messages not shown yet (by id, so the stream and the page's own replies never double).
 * `live` marks messages that arrived while the page was open: customer ones are announced.
 */
export function addMessages(messages, { customerName, live = false } = {}) {
  for (const m of messages) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    const kind = m.internal ? 'note' : m.role;
    list.append(el('li', { class: `msg msg-${kind}`, dataset: { id: m.id } }, meta(m, customerName), el('p', { class: 'msg-text' }, m.text), citations(m)));
    if (live && m.role === 'customer') {
      news.textContent = `${t('newMessage')}: ${m.text}`;
      list.lastElementChild.classList.add('is-new');
    }
  }
  // The transcript scrolls inside its own box, so the page stays where the agent is reading.
  list.scrollTop = list.scrollHeight;
}

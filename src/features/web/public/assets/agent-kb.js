// The case view's knowledge panel: searches with the agent's token, so internal solution
// articles are found too (and marked as such); reads an article in place; inserts a public
// article's link into the message being written.
import { api, el, t } from './staff.js';
import { fmt, problemText } from './agent-common.js';

const form = document.getElementById('kb-form');
const status = document.getElementById('kb-status');
const results = document.getElementById('kb-results');

async function read(hit, box, button) {
  if (!box.hidden) {
    box.hidden = true;
    button.textContent = t('read');
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  if (!box.dataset.loaded) {
    const article = await api(`/api/articles/${hit.locale}/${encodeURIComponent(hit.slug)}`);
    // The API's article HTML is its sanitised render: the one kind of HTML this page inserts.
    box.innerHTML = article.html;
    box.dataset.loaded = '1';
  }
  box.hidden = false;
  button.textContent = t('hide');
  button.setAttribute('aria-expanded', 'true');
}

function result(hit, onInsert) {
  const internal = hit.audience === 'internal';
  const body = el('div', { class: 'kb-article', id: `kb-article-${hit.id}`, hidden: true });
  const readButton = el('button', { type: 'button', class: 'secondary small', 'aria-expanded': 'false', 'aria-controls': body.id }, t('read'));
  readButton.addEventListener('click', () => read(hit, body, readButton).catch((e) => (status.textContent = problemText(e))));
  const snippet = el('p', { class: 'snippet' });
  // Search snippets are escaped text with <mark> around matched terms (safe HTML from the API).
  snippet.innerHTML = hit.snippet;
  return el(
    'li',
    { class: `kb-hit${internal ? ' is-internal' : ''}` },
    el(
      'div',
      { class: 'kb-head' },
      internal ? el('strong', {}, hit.title) : el('a', { href: hit.url, target: '_blank', rel: 'noopener' }, hit.title),
      internal ? el('span', { class: 'badge internal' }, t('internal')) : null,
    ),
    snippet,
    internal ? el('p', { class: 'muted small-text' }, t('internalOnly')) : null,
    el(
      'div',
      { class: 'row' },
      readButton,
      internal ? null : el('button', { type: 'button', class: 'secondary small', onclick: () => onInsert(hit) }, t('insertLink')),
    ),
    body,
  );
}

/** Wires the panel; `onInsert(hit)` puts the article's link into the composer. */
export function mountKnowledge({ locale, onInsert }) {
  if (locale) form.elements.locale.value = locale;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const q = String(data.get('q') ?? '').trim();
    if (!q) return;
    status.textContent = t('loading');
    try {
      const res = await api(`/api/search?${new URLSearchParams({ q, locale: String(data.get('locale')), limit: '8' })}`);
      results.replaceChildren(...res.results.map((hit) => result(hit, onInsert)));
      status.textContent = res.results.length ? fmt('kbResults', { n: res.results.length }) : t('kbNoResults');
    } catch (error) {
      status.textContent = problemText(error);
    }
  });
}

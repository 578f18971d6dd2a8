// The editors' article list (/{locale}/editor): filters kept in the URL, one page of articles
// from GET /api/editor/articles, status badges, helpfulness counts, paging.
import { ApiError, api, boot, el, t, toast, when } from './staff.js';
import { categoryName, debounce, editorUrl, fillCategorySelect, loadCategories, stateBadges, tf } from './editor-common.js';

const LIMIT = 20;
const FILTERS = ['q', 'status', 'locale', 'category', 'kind', 'audience', 'pending'];

boot(async () => {
  const form = document.getElementById('filters');
  const tbody = document.querySelector('#articles tbody');
  const count = document.getElementById('count');
  const prev = document.getElementById('prev');
  const next = document.getElementById('next');
  const pageOf = document.getElementById('page-of');
  const categories = await loadCategories().catch(() => []);
  fillCategorySelect(form.elements.category, categories, { keepFirst: true });

  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const field = form.elements[name];
    const value = params.get(name);
    if (!field || value === null) continue;
    if (field.type === 'checkbox') field.checked = value === '1';
    else field.value = value;
  }
  let page = Math.max(1, Number(params.get('page')) || 1);
  let seq = 0;

  const query = () => {
    const q = new URLSearchParams();
    for (const name of FILTERS) {
      const field = form.elements[name];
      if (field.type === 'checkbox') {
        if (field.checked) q.set(name, '1');
      } else if (field.value.trim()) q.set(name, field.value.trim());
    }
    return q;
  };

  const row = (a) =>
    el(
      'tr',
      {},
      el('td', {}, el('a', { href: editorUrl(a.id), class: 'title' }, a.working_title), el('div', { class: 'muted small' }, a.slug)),
      el('td', {}, el('div', { class: 'badges' }, stateBadges(a))),
      el('td', {}, t(`locale_${a.locale}`)),
      el('td', {}, categoryName(categories, a.category)),
      el('td', {}, el('time', { datetime: a.updated_at }, when(a.updated_at))),
      el('td', {}, a.feedback.helpful + a.feedback.not_helpful ? tf('helpfulCounts', { yes: a.feedback.helpful, no: a.feedback.not_helpful }) : el('span', { class: 'muted' }, t('noVotes'))),
    );

  async function load() {
    const mine = ++seq;
    const q = query();
    const shown = new URLSearchParams(q);
    if (page > 1) shown.set('page', String(page));
    history.replaceState(null, '', `${location.pathname}${shown.size ? `?${shown}` : ''}`);
    q.set('page', String(page));
    q.set('limit', String(LIMIT));
    tbody.setAttribute('aria-busy', 'true');
    try {
      const data = await api(`/api/editor/articles?${q}`);
      if (mine !== seq) return;
      const pages = Math.max(1, Math.ceil(data.total / LIMIT));
      if (page > pages) {
        page = pages;
        return load();
      }
      tbody.replaceChildren(...(data.items.length ? data.items.map(row) : [el('tr', {}, el('td', { colspan: 6, class: 'muted' }, t('noArticles')))]));
      count.textContent = data.total === 1 ? t('countOne') : tf('countArticles', { n: data.total });
      pageOf.textContent = tf('pageOf', { page, pages });
      prev.disabled = page <= 1;
      next.disabled = !data.has_more;
    } catch (error) {
      if (mine === seq) toast(error instanceof ApiError ? error.message : t('failed'), 'error');
    } finally {
      if (mine === seq) tbody.removeAttribute('aria-busy');
    }
  }

  const refilter = () => {
    page = 1;
    void load();
  };
  form.addEventListener('change', (e) => {
    if (e.target.name !== 'q') refilter();
  });
  form.elements.q.addEventListener('input', debounce(refilter, 250));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    refilter();
  });
  form.addEventListener('reset', () => setTimeout(refilter));
  prev.addEventListener('click', () => {
    page = Math.max(1, page - 1);
    void load();
  });
  next.addEventListener('click', () => {
    page += 1;
    void load();
  });
  await load();
});

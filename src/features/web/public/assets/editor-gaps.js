// The content-gaps report (/{locale}/editor/gaps): what customers asked and did not find
// (GET /api/admin/content-gaps), with one-click fixes — attach a question to an article chosen
// through a search box (POST /api/articles/{id}/questions) or write a new article prefilled.
import { ApiError, api, boot, el, locale, t, toast } from './staff.js';
import { debounce, editorUrl, guessLocale, stateBadges, tf } from './editor-common.js';

boot(async () => {
  const period = document.getElementById('period');
  const titles = new Map();

  const fillSection = (name, rows) => {
    const section = document.getElementById(`gap-${name}`);
    section.querySelector('tbody').replaceChildren(...rows);
    section.querySelector('table').hidden = rows.length === 0;
    section.querySelector('.empty').hidden = rows.length > 0;
  };

  /** The inline article picker under a question's row. */
  function picker(question, row, columns, closestId) {
    const id = `pick-${Math.random().toString(36).slice(2)}`;
    const input = el('input', { id, type: 'search', autocomplete: 'off', placeholder: t('findArticleHint') });
    const results = el('ul', { class: 'pick-results', 'aria-live': 'polite' });
    const status = el('p', { role: 'status', class: 'pick-status' });
    const cell = el('td', { colspan: columns });
    const pickRow = el('tr', { class: 'picker' }, cell);
    const close = () => {
      pickRow.remove();
      row.querySelector('.add').setAttribute('aria-expanded', 'false');
      row.querySelector('.add').focus();
    };
    const choose = async (a) => {
      try {
        await api(`/api/articles/${encodeURIComponent(a.id)}/questions`, { method: 'POST', body: { question } });
        const done = tf('added', { title: a.working_title });
        pickRow.remove();
        row.classList.add('done');
        row.querySelector('.actions').replaceChildren(el('span', { class: 'ok', role: 'status' }, '✓ ', done, ' '), el('a', { href: editorUrl(a.id) }, t('edit')));
        toast(done);
      } catch (e) {
        status.textContent = e instanceof ApiError && e.status === 409 ? t('alreadyThere') : e instanceof ApiError ? e.message : t('failed');
        status.className = 'pick-status error';
      }
    };
    const show = (items) =>
      results.replaceChildren(
        ...(items.length
          ? items.map((a) =>
              el(
                'li',
                {},
                el('span', { class: 'pick-title' }, a.working_title),
                el('span', { class: 'muted small' }, ` ${t(`locale_${a.locale}`)} `),
                ...stateBadges(a),
                el('button', { type: 'button', class: 'small', 'aria-label': tf('chooseOf', { title: a.working_title }), onclick: () => choose(a) }, t('choose')),
              ),
            )
          : [el('li', { class: 'muted' }, t('noMatch'))]),
      );
    const search = debounce(async () => {
      const q = input.value.trim();
      if (!q) return;
      try {
        const data = await api(`/api/editor/articles?${new URLSearchParams({ q, locale: guessLocale(question), limit: '8' })}`);
        if (input.value.trim() === q) show(data.items);
      } catch {
        show([]);
      }
    }, 250);
    input.addEventListener('input', search);
    input.addEventListener('keydown', (e) => e.key === 'Escape' && close());
    cell.append(
      el('h3', {}, tf('addToArticleOf', { question })),
      el('label', { for: id }, t('findArticle')),
      el('div', { class: 'row' }, input, el('button', { type: 'button', class: 'secondary', onclick: close }, t('cancel'))),
      results,
      status,
    );
    if (closestId) void api(`/api/editor/articles/${encodeURIComponent(closestId)}`).then((a) => !input.value && show([{ ...a, working_title: a.working.title }]), () => {});
    row.after(pickRow);
    input.focus();
  }

  /** A row for a question or search: text, times, actions (add to an article, write one), closest article. */
  function questionRow(text, count, { decision, closestId, columns }) {
    const add = el('button', { type: 'button', class: 'secondary small add', 'aria-expanded': 'false' }, t('addToArticle'));
    const write = el('a', { href: `/${locale}/editor/new?${new URLSearchParams({ question: text, locale: guessLocale(text) })}`, class: 'small' }, t('writeArticle'));
    const row = el(
      'tr',
      {},
      el('td', {}, el('span', { class: 'question' }, text), decision ? el('div', { class: 'muted small' }, t(`decision_${decision}`)) : null),
      el('td', { class: 'num' }, String(count)),
      el('td', { class: 'actions' }, add, ' ', write),
      closestId !== undefined ? el('td', { class: 'closest', dataset: { id: closestId ?? '' } }, closestId ? '…' : '—') : null,
    );
    add.addEventListener('click', () => {
      const open = row.nextElementSibling;
      if (open?.classList.contains('picker')) {
        open.remove();
        add.setAttribute('aria-expanded', 'false');
        return;
      }
      add.setAttribute('aria-expanded', 'true');
      picker(text, row, columns, closestId);
    });
    return row;
  }

  async function fillClosest() {
    for (const cell of document.querySelectorAll('td.closest[data-id]:not([data-id=""])')) {
      const id = cell.dataset.id;
      if (!titles.has(id)) titles.set(id, api(`/api/editor/articles/${encodeURIComponent(id)}`).then((a) => a.working.title, () => null));
      const title = await titles.get(id);
      cell.replaceChildren(title ? el('a', { href: editorUrl(id) }, title) : '—');
    }
  }

  async function load() {
    const from = new Date(Date.now() - Number(period.value) * 86_400_000).toISOString();
    try {
      const r = await api(`/api/admin/content-gaps?${new URLSearchParams({ from, limit: '50' })}`);
      fillSection('unanswered', r.unanswered_questions.map((q) => questionRow(q.question, q.count, { decision: q.decision, closestId: q.closest_article_id, columns: 4 })));
      fillSection('zero', r.zero_result_searches.map((q) => questionRow(q.query, q.count, { columns: 3 })));
      fillSection('handoff', r.searches_before_handoff.map((q) => questionRow(q.query, q.count, { columns: 3 })));
      fillSection(
        'unhelpful',
        r.unhelpful_articles.map((a) =>
          el('tr', {}, el('td', {}, el('a', { href: editorUrl(a.id) }, a.title)), el('td', {}, tf('votesOf', { helpful: a.helpful, votes: a.votes })), el('td', {}, el('a', { href: editorUrl(a.id) }, t('edit')))),
        ),
      );
      fillSection(
        'outdated',
        r.outdated_translations.map((a) => el('tr', {}, el('td', {}, el('a', { href: editorUrl(a.id) }, a.title)), el('td', {}, t(`locale_${a.locale}`)), el('td', {}, el('a', { href: editorUrl(a.id) }, t('edit'))))),
      );
      await fillClosest();
    } catch (e) {
      toast(e instanceof ApiError ? e.message : t('failed'), 'error');
    }
  }

  period.addEventListener('change', load);
  await load();
});

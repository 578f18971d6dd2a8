// Shared by the editor pages: placeholders, status badges, categories, diffs, small timing
// helpers. Everything builds DOM with el() (text only); nothing here touches innerHTML.
import { api, el, locale, t, when } from './staff.js';

/** t(key) with `{name}` placeholders filled. */
export const tf = (key, vars = {}) => t(key).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));

/** Calls fn after `ms` of quiet. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export const editorUrl = (id) => `/${locale}/editor/articles/${encodeURIComponent(id)}`;

/** A question's probable language: any Han character means Chinese. */
export const guessLocale = (text) => (/\p{Script=Han}/u.test(text) ? 'zh' : 'en');

/** Badges for an article's state: status, staged edit, schedule, outdated translation. */
export function stateBadges(a) {
  const out = [el('span', { class: `badge s-${a.status}` }, t(`status_${a.status}`))];
  if (a.audience === 'internal') out.push(el('span', { class: 'badge s-internal' }, t('internal')));
  if (a.has_pending_changes) out.push(el('span', { class: 'badge s-pending' }, t('pending')));
  if (a.publish_at) out.push(el('span', { class: 'badge s-scheduled' }, tf('scheduledFor', { when: when(a.publish_at) })));
  if (a.translation_outdated) out.push(el('span', { class: 'badge s-outdated', title: t('outdatedHelp') }, t('outdated')));
  return out;
}

let categories;
/** The categories ({slug, names}), loaded once per page. */
export async function loadCategories() {
  categories ??= api('/api/categories').then((r) => r.items);
  return categories;
}

export const categoryName = (list, slug) => list.find((c) => c.slug === slug)?.names?.[locale] ?? slug;

/** Fills a <select> with the categories, keeping its first option (e.g. "All") if asked. */
export function fillCategorySelect(select, list, { keepFirst = false } = {}) {
  const first = keepFirst ? select.options[0] : null;
  select.replaceChildren(...(first ? [first] : []), ...list.map((c) => el('option', { value: c.slug }, c.names?.[locale] ?? c.slug)));
}

/** Renders GET …/diff output ({from, to, changes: {field: lines[]}}) as text lines, one block per field. */
export function renderDiff(box, diff, heading) {
  const fields = Object.entries(diff.changes);
  const blocks = fields.map(([field, lines]) =>
    el(
      'section',
      { class: 'diff-field' },
      el('h3', {}, t(`field_${field}`)),
      el(
        'pre',
        { class: 'diff' },
        lines.map((line) => el('span', { class: line.startsWith('@@') ? 'hunk' : line[0] === '+' ? 'add' : line[0] === '-' ? 'del' : 'ctx' }, line)),
      ),
    ),
  );
  box.replaceChildren(
    el('h3', { class: 'diff-title' }, heading ?? tf('diffTitle', { from: diff.from, to: diff.to })),
    ...(blocks.length ? blocks : [el('p', { class: 'muted' }, t('diffNone'))]),
  );
  box.hidden = false;
}

/** The newest revision version at or before `version` (status-only changes keep no revision). */
export const revisionAtOrBefore = (revisions, version) => revisions.find((r) => r.version <= version)?.version ?? null;

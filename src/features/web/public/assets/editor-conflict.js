// "Show their changes" in the save-conflict notice: which fields the other editor changed since
// the version this editor started from — short fields with their new value, title/body/questions
// as the API's line diff between the two versions.
import { el, t } from './staff.js';
import { categoryName, renderDiff } from './editor-common.js';

const LABELS = { slug: 'fieldSlug', category: 'category', kind: 'kind', audience: 'audience', summary: 'fieldSummary', tags: 'fieldTags', title: 'fieldTitle', body: 'fieldBody', questions: 'fieldQuestions' };
const DIFFED = ['title', 'body', 'questions'];

function valueText(field, value, categories) {
  if (field === 'category') return categoryName(categories, value);
  if (field === 'kind' || field === 'audience') return t(`${field}_${value}`);
  if (Array.isArray(value)) return value.join(', ');
  return value;
}

/**
 * @param {HTMLElement} box
 * @param {{ mine: object, theirs: object, range: [number|null, number|null], load: (from: number, to: number) => Promise<object>, categories: object[] }} input
 */
export async function showTheirChanges(box, { mine, theirs, range, load, categories }) {
  const changed = Object.keys(theirs).filter((k) => JSON.stringify(theirs[k]) !== JSON.stringify(mine[k]));
  const parts = [el('h3', {}, t('theirChanges'))];
  if (!changed.length) parts.push(el('p', {}, t('noContentChange')));
  const simple = changed.filter((k) => !DIFFED.includes(k));
  if (simple.length) {
    parts.push(el('dl', { class: 'their-fields' }, simple.flatMap((k) => [el('dt', {}, t(LABELS[k] ?? k)), el('dd', {}, valueText(k, theirs[k], categories) || '—')])));
  }
  const [from, to] = range;
  if (changed.some((k) => DIFFED.includes(k)) && from !== null && to !== null && from !== to) {
    const lines = el('div', { class: 'their-diff' });
    renderDiff(lines, await load(from, to));
    lines.querySelector('.diff-title')?.remove();
    parts.push(lines);
  }
  box.replaceChildren(...parts);
  box.hidden = false;
}

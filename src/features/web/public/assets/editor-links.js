// Around the article editor: links to the published page and to the other language's version
// (or "write it"), and the new-article page's prefill from ?question=… (a content gap) or
// ?translation_of=… (a translation), with the slug following a Latin title until edited.
import { api, el, locale, t } from './staff.js';
import { editorUrl, guessLocale, tf } from './editor-common.js';

/** track-my-order from "Track my order"; empty for titles in Chinese (type the slug by hand). */
export function slugify(title) {
  if (/\p{Script=Han}/u.test(title)) return '';
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
}

/** Fills `box` with the published page and the translations of article `a`. */
export async function linkTranslations(a, box) {
  const items = [];
  if (a.status === 'published' && a.live.audience === 'public') {
    items.push(el('a', { href: `/${a.locale}/articles/${a.live.slug}`, target: '_blank', rel: 'noopener' }, t('viewLive')));
  }
  let others = [];
  try {
    const q = new URLSearchParams({ translation_group: a.translation_group, limit: '10' });
    others = (await api(`/api/editor/articles?${q}`)).items.filter((o) => o.id !== a.id);
  } catch {
    /* the links are a convenience: the editor works without them */
  }
  for (const o of others) {
    items.push(el('a', { href: editorUrl(o.id) }, tf('openTranslation', { language: t(`lang_${o.locale}`), title: o.working_title })));
    if (o.translation_outdated) items.push(el('span', { class: 'badge s-outdated', title: t('outdatedHelp') }, t('outdated')));
  }
  const other = a.locale === 'zh' ? 'en' : 'zh';
  if (!others.some((o) => o.locale === other)) {
    items.push(el('a', { href: `/${locale}/editor/new?translation_of=${encodeURIComponent(a.id)}` }, tf('createTranslation', { language: t(`lang_${other}`) })));
  }
  box.replaceChildren(...items);
}

/** Prefills the new-article form; returns {translationOf} when it translates another article. */
export async function prefillNew(formEl, form, categories) {
  const params = new URLSearchParams(location.search);
  const question = params.get('question')?.trim() ?? '';
  const content = { title: '', slug: '', category: categories[0]?.slug ?? '', kind: 'faq', audience: 'public', summary: '', body: '', tags: [], questions: [] };
  let language = params.get('locale');
  let translationOf;
  const sourceId = params.get('translation_of');
  if (sourceId) {
    try {
      const src = await api(`/api/editor/articles/${encodeURIComponent(sourceId)}`);
      const { slug, category, kind, audience, tags } = src.working;
      Object.assign(content, { slug, category, kind, audience, tags });
      language = src.locale === 'zh' ? 'en' : 'zh';
      translationOf = src.id;
      const note = document.getElementById('translation-of');
      note.replaceChildren(tf('translationOf', { title: src.working.title, language: t(`lang_${src.locale}`) }), ' ', el('a', { href: editorUrl(src.id) }, t('edit')));
      note.hidden = false;
    } catch {
      /* the source is gone: write a plain new article */
    }
  }
  if (question) {
    content.title = question;
    content.questions = [question];
    language ??= guessLocale(question);
  }
  if (language === 'zh' || language === 'en') formEl.elements.locale.value = language;
  form.write(content);
  const { title, slug } = formEl.elements;
  let slugByHand = Boolean(content.slug);
  if (!slugByHand) slug.value = slugify(title.value);
  slug.addEventListener('input', () => (slugByHand = slug.value !== ''));
  title.addEventListener('input', () => {
    if (!slugByHand) slug.value = slugify(title.value);
  });
  return { translationOf };
}

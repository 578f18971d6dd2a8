import { Marked } from 'marked';
// js-xss is CommonJS: Node's ESM loader only sees its default export.
import xss from 'xss';

// Its typings describe the default export as the bare function, but it carries the whole API.
const { FilterXSS, getDefaultWhiteList } = xss as unknown as typeof import('xss');

const marked = new Marked({ gfm: true, breaks: false });

const whiteList = getDefaultWhiteList();
// Tables and code blocks from GFM keep their alignment and language class; nothing else is added.
for (const tag of ['th', 'td'] as const) whiteList[tag] = [...(whiteList[tag] ?? []), 'align'];
whiteList.code = ['class'];

const sanitizer = new FilterXSS({
  whiteList,
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript'],
  onTagAttr(tag, name, value) {
    // Links in articles open normally but never hand the opener to another site.
    if (tag === 'a' && name === 'target') return 'target="_blank" rel="noopener noreferrer"';
    return undefined;
  },
});

/**
 * Markdown → HTML that is safe to put in a page: rendered by marked, then every tag and
 * attribute outside an allow-list is dropped by js-xss (no hand-written sanitiser).
 */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return sanitizer.process(html);
}

/** Markdown → plain text, for snippets and search (tags dropped, entities decoded). */
export function markdownToText(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  const text = html
    // Block boundaries become spaces; inline tags (strong, a, code…) vanish without one, so
    // "点 **发票**；" reads "点发票；".
    .replace(/<\/?(?:p|div|li|ul|ol|h[1-6]|br|hr|tr|td|th|table|thead|tbody|blockquote|pre)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return (
    decodeEntities(text)
      // CommonMark leaves ** unparsed around CJK punctuation (**关税：**大多数); drop the markers.
      .replace(/\*\*|__/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '');
}

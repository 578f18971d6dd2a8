import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers.js';

describe('editor pages (server-rendered shell)', () => {
  it('renders each page in both languages with its labels and script', async () => {
    const t = await createTestApp();
    const pages: Array<[string, string, string]> = [
      ['/en/editor', 'Articles', 'editor-list.js'],
      ['/zh/editor', '文章', 'editor-list.js'],
      ['/en/editor/new?question=%3Cscript%3Ex%3C%2Fscript%3E', 'New article', 'editor-article.js'],
      ['/zh/editor/articles/0199-abc', '编辑文章', 'editor-article.js'],
      ['/en/editor/gaps', 'Content gaps', 'editor-gaps.js'],
      ['/zh/editor/gaps', '内容缺口', 'editor-gaps.js'],
    ];
    for (const [path, title, script] of pages) {
      const res = await t.request(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<h1 class="page-title">${title}</h1>`);
      expect(html).toContain(`/assets/${script}`);
      expect(html).not.toContain('<script>x</script>');
    }
    const edit = await (await t.request('/en/editor/articles/0199-abc')).text();
    expect(edit).toContain('<label for="body">Body (Markdown)</label>');
    expect(edit).toContain('href="/zh/editor/articles/0199-abc"');
  });

  it('answers 404 for other languages and ids that cannot be article ids', async () => {
    const t = await createTestApp();
    expect((await t.request('/fr/editor')).status).toBe(404);
    expect((await t.request('/en/editor/articles/a.b')).status).toBe(404);
  });
});

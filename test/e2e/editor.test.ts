/**
 * The editor pages in a real browser: list filters, editing with live preview, publishing (and
 * search finding the new text), a save conflict between two editors, revisions with diff and
 * restore, stored XSS that must not run anywhere, and the content-gaps report's one-click fix.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshots, signIn, useProduct } from './harness.js';

describe('editor pages in a real browser', () => {
  const env = useProduct();

  /** The API as the editor (for setting up and checking what the pages did). */
  const apiCall = async (path: string, init: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    const token = init.token === undefined ? env.product.tokens.editor : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${env.product.url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, any> }; // any: test-side JSON
  };
  const articleId = async (locale: string, slug: string) => (await apiCall(`/api/articles/${locale}/${slug}`)).json.id as string;

  /** A fresh env.browser context signed in as the editor on `path`. */
  async function editorPage(path: string) {
    const context = await env.browser.newContext();
    const { page, errors } = await openPage(context);
    await signIn(page, env.product.url, path, env.product.tokens.editor);
    await page.locator('#who').filter({ hasText: 'Editor Wang' }).waitFor();
    return { page, errors, context };
  }
  const body = (page: Page) => page.getByLabel('Body (Markdown)');
  const waitLoaded = (page: Page) => expect.poll(() => page.locator('#status-line').textContent()).toMatch(/Version \d+/);

  it('filters the list, edits with a live preview, saves and publishes; search finds the new phrase', async () => {
    const { page, errors, context } = await editorPage('/en/editor');
    await expect.poll(() => page.locator('#articles tbody tr').count()).toBe(20);
    expect(await page.locator('#count').textContent()).toMatch(/^\d+ articles$/);
    await page.getByLabel('Status').selectOption('published');
    await page.getByLabel('Language').selectOption('en');
    await page.getByRole('searchbox', { name: 'Text' }).fill('refund');
    await expect.poll(() => page.locator('#articles tbody a.title').allTextContents()).toContain('When will I get my refund?');
    const statuses = await page.locator('#articles tbody tr td:nth-child(2) .badge:first-child').allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['Published']));
    expect(new Set(await page.locator('#articles tbody tr td:nth-child(3)').allTextContents())).toEqual(new Set(['English']));
    expect(page.url()).toMatch(/status=published/);
    await screenshots(page, 'editor-list-en');

    await page.getByRole('link', { name: 'When will I get my refund?' }).click();
    await page.waitForURL(/\/en\/editor\/articles\//);
    await waitLoaded(page);
    expect(await page.getByLabel('Title').inputValue()).toBe('When will I get my refund?');
    const phrase = 'Quokkaflux refunds arrive by carrier pigeon on Tuesdays.';
    await body(page).press('End');
    await body(page).pressSequentially(`\n\n**${phrase}**`, { delay: 2 });
    await expect.poll(() => page.locator('#preview strong').last().textContent()).toBe(phrase);
    await screenshots(page, 'editor-edit-en');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('#status-line').textContent()).toMatch(/Unpublished changes/);
    // Staged: customers do not see it yet.
    const staged = await (await fetch(`${env.product.url}/en/search?q=quokkaflux`)).text();
    expect(staged).not.toContain('When will I get my refund?');
    await page.getByRole('button', { name: 'Publish changes' }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toMatch(/Published/);
    expect(await page.locator('#status-line').textContent()).not.toMatch(/Unpublished changes/);

    await page.goto(`${env.product.url}/en/search?q=quokkaflux`);
    const first = page.locator('.results li a').first();
    expect(await first.textContent()).toBe('When will I get my refund?');
    await first.click();
    expect(await page.locator('article.body').textContent()).toContain(phrase);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('when someone else saved first, says so, keeps the text, shows their changes, and lets either side win', async () => {
    const id = await articleId('en', 'track-my-order');
    const a = await editorPage(`/en/editor/articles/${id}`);
    const b = await editorPage(`/en/editor/articles/${id}`);
    await waitLoaded(a.page);
    await waitLoaded(b.page);
    const theirSummary = 'Summary written by the first editor.';
    await a.page.getByLabel('Summary', { exact: true }).fill(theirSummary);
    await a.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => a.page.locator('#dirty').textContent()).toBe('All changes saved');

    const mine = 'Text from the second editor that must not be lost.';
    await body(b.page).fill(mine);
    await b.page.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = b.page.getByRole('alert').filter({ hasText: 'Someone else saved this article first' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/still here in the form/);
    expect(await body(b.page).inputValue()).toBe(mine);
    await b.page.getByRole('button', { name: 'Show their changes' }).click();
    await expect.poll(() => b.page.locator('#conflict-diff').textContent()).toContain(theirSummary);
    await expect.poll(() => b.page.locator('#preview').textContent()).toContain(mine);
    await screenshots(b.page, 'editor-conflict');

    // Load theirs: their summary appears, and the unsaved text can be put back from the env.browser.
    await b.page.getByRole('button', { name: 'Load their version' }).click();
    await expect.poll(() => b.page.getByLabel('Summary', { exact: true }).inputValue()).toBe(theirSummary);
    expect(await body(b.page).inputValue()).not.toBe(mine);
    await b.page.getByRole('button', { name: 'Put it back' }).click();
    expect(await body(b.page).inputValue()).toBe(mine);
    await b.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => b.page.locator('#dirty').textContent()).toBe('All changes saved');
    expect((await apiCall(`/api/editor/articles/${id}`)).json.working.body).toBe(mine);

    // Now the first editor is behind: "save mine over theirs" wins with their own text.
    await a.page.getByLabel('Title').fill('How do I track my order? (first editor)');
    await a.page.keyboard.press('Control+s');
    await a.page.getByRole('alert').filter({ hasText: 'Someone else saved this article first' }).waitFor();
    await a.page.getByRole('button', { name: 'Save mine over theirs' }).click();
    await expect.poll(() => a.page.locator('#conflict').isHidden()).toBe(true);
    const now = (await apiCall(`/api/editor/articles/${id}`)).json;
    expect(now.working.title).toBe('How do I track my order? (first editor)');
    expect(now.working.body).not.toBe(mine);
    expect([...a.errors, ...b.errors].filter((e) => !e.includes('412'))).toEqual([]);
    await a.context.close();
    await b.context.close();
  }, 90_000);

  it('shows what a version changed and restores the previous one', async () => {
    const id = await articleId('en', 'gift-cards');
    const { page, errors, context } = await editorPage(`/en/editor/articles/${id}`);
    await waitLoaded(page);
    const original = await body(page).inputValue();
    await body(page).fill('Gift cards are now made of chocolate.');
    await page.getByLabel('Change note').fill('chocolate');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('#revisions tbody tr').first().textContent()).toMatch(/chocolate/);
    const latest = Number(await page.locator('#revisions tbody tr').first().getAttribute('data-version'));
    await page.getByRole('button', { name: `Changes in version ${latest}` }).click();
    await expect.poll(() => page.locator('#diff .add').allTextContents()).toContain('+Gift cards are now made of chocolate.');
    expect((await page.locator('#diff .del').allTextContents()).length).toBeGreaterThan(0);
    await screenshots(page, 'editor-diff');

    const previous = Number(await page.locator('#revisions tbody tr').nth(1).getAttribute('data-version'));
    await page.getByRole('button', { name: `Restore version ${previous}` }).click();
    await expect.poll(() => body(page).inputValue()).toBe(original);
    await expect.poll(() => page.locator('#revisions tbody tr').first().textContent()).toMatch(new RegExp(`Restored version ${previous}`));
    expect((await apiCall(`/api/editor/articles/${id}`)).json.working.body).toBe(original);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('never runs a stored XSS payload: not in the preview, the editor, the list nor the public page', async () => {
    const payload = [
      'Safe words before.',
      '<img src=x onerror="window.__xss=1;alert(1)">',
      '<script>window.__xss=2;alert(2)</script>',
      '[click me](javascript:window.__xss=3)',
      '<a href="#" onclick="window.__xss=4">x</a>',
      'Safe words after.',
    ].join('\n\n');
    const created = await apiCall('/api/articles', {
      method: 'POST',
      body: { locale: 'en', slug: 'xss-probe', title: 'XSS probe <img src=x onerror=alert(5)>', body: payload, category: 'orders' },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await apiCall(`/api/articles/${id}/publish`, { method: 'POST' })).status).toBe(200);

    const { page, errors, context } = await editorPage(`/en/editor/articles/${id}`);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      // Leaving with unsaved text asks first (beforeunload); any other dialog is the payload running.
      if (d.type() === 'beforeunload') return void d.accept();
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await waitLoaded(page);
    expect(await body(page).inputValue()).toContain('<script>window.__xss=2;alert(2)</script>');
    await expect.poll(() => page.locator('#preview').textContent()).toMatch(/Safe words after/);
    // Typing into the body renders the payload again through the live preview.
    await body(page).press('End');
    await body(page).pressSequentially('\n\n<img src=y onerror=alert(6)>', { delay: 2 });
    await expect.poll(() => page.locator('#preview img').count()).toBe(2);
    expect(await page.locator('#preview [onerror], #preview script, #preview [onclick], #preview a[href^="javascript"]').count()).toBe(0);
    await page.locator('#preview a', { hasText: 'x' }).last().click();
    await page.goto(`${env.product.url}/en/editor?q=xss`);
    await expect.poll(() => page.locator('#articles tbody a.title').first().textContent()).toBe('XSS probe <img src=x onerror=alert(5)>');
    await page.goto(`${env.product.url}/en/articles/xss-probe`);
    expect(await page.locator('article.body').textContent()).toMatch(/Safe words after/);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // The sanitised <img src=x> fails to load: that is the only error allowed.
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await context.close();
  }, 90_000);

  it('lists a question the bot could not answer and attaches it to an article in one go', async () => {
    const question = 'can I pay with crypto or bitcoin';
    const ask = async () => {
      const conv = (await apiCall('/api/conversations', { method: 'POST', body: { locale: 'en' }, token: null })).json;
      const said = await apiCall(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { text: question }, token: null, headers: { 'x-conversation-token': conv.token } });
      return said.json.reply.decision as string;
    };
    expect(await ask()).toBe('fallback');

    const { page, errors, context } = await editorPage('/en/editor/gaps');
    const row = page.locator('#gap-unanswered tbody tr', { hasText: question });
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('1');
    await screenshots(page, 'editor-gaps-en');
    await row.getByRole('button', { name: 'Add to an article…' }).click();
    await page.getByLabel('Find the article').fill('payment methods');
    await page.getByRole('button', { name: 'Add to “Which payment methods can I use?”' }).waitFor();
    await screenshots(page, 'editor-gaps-picker-en');
    await page.getByRole('button', { name: 'Add to “Which payment methods can I use?”' }).click();
    await expect.poll(() => row.textContent()).toMatch(/Added to “Which payment methods can I use\?”/);
    const methods = await apiCall('/api/articles/en/accepted-payment-methods');
    expect(methods.json.questions).toContain(question);
    expect(await ask()).toBe('answer');

    // "Write a new article" opens the editor prefilled with the question.
    await page.goto(`${env.product.url}/en/editor/gaps`);
    const again = page.locator('#gap-unanswered tbody tr', { hasText: question }).first();
    await again.getByRole('link', { name: 'Write a new article' }).click();
    await page.waitForURL(/\/en\/editor\/new\?/);
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe(question);
    expect(await page.getByLabel('Slug (web address)').inputValue()).toBe('can-i-pay-with-crypto-or-bitcoin');
    expect(await page.getByLabel('Question 1', { exact: true }).inputValue()).toBe(question);
    await body(page).fill('We do **not** accept cryptocurrency.');
    await expect.poll(() => page.locator('#preview strong').textContent()).toBe('not');
    await screenshots(page, 'editor-new-en');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/en\/editor\/articles\/[^?]+$/);
    await expect.poll(() => page.locator('#status-line').textContent()).toMatch(/Draft/);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows the workflow buttons the status allows, and needs a second person when review is required', async () => {
    const created = await apiCall('/api/articles', {
      method: 'POST',
      body: { locale: 'en', slug: 'workflow-probe', title: 'Workflow probe', body: 'Checking the workflow.', category: 'orders' },
    });
    const id = created.json.id as string;
    const visible = (page: Page) => page.locator('.workflow button:visible').allTextContents();
    const ed = await editorPage(`/en/editor/articles/${id}`);
    await waitLoaded(ed.page);
    expect(await visible(ed.page)).toEqual(['Submit for review', 'Publish', 'Schedule', 'Archive']);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await ed.page.getByLabel('Publish at').fill(local);
    await ed.page.getByRole('button', { name: 'Schedule' }).click();
    await expect.poll(() => ed.page.locator('#status-line').textContent()).toMatch(/Scheduled/);
    await ed.page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => ed.page.locator('#status-line .badge').first().textContent()).toBe('In review');
    expect(await visible(ed.page)).toEqual(['Approve and publish', 'Schedule', 'Archive']);

    expect((await apiCall('/api/admin/settings', { method: 'PUT', body: { review_required: true }, token: env.product.tokens.admin })).status).toBe(200);
    try {
      await ed.page.reload();
      await waitLoaded(ed.page);
      expect(await ed.page.getByRole('button', { name: 'Approve and publish' }).isDisabled()).toBe(true);
      expect(await ed.page.locator('#review-note').textContent()).toMatch(/another editor must publish/);
      await screenshots(ed.page, 'editor-review');

      const context = await env.browser.newContext();
      const { page, errors } = await openPage(context);
      await signIn(page, env.product.url, `/en/editor/articles/${id}`, env.product.tokens.admin);
      await waitLoaded(page);
      await page.getByRole('button', { name: 'Approve and publish' }).click();
      await expect.poll(() => page.locator('#status-line .badge').first().textContent()).toBe('Published');
      expect(await visible(page)).toEqual(['Archive']);
      await page.getByRole('button', { name: 'Archive' }).click();
      await expect.poll(() => page.locator('#status-line .badge').first().textContent()).toBe('Archived');
      expect(await visible(page)).toEqual(['Publish again']);
      expect([...errors, ...ed.errors]).toEqual([]);
      await context.close();
    } finally {
      await apiCall('/api/admin/settings', { method: 'PUT', body: { review_required: false }, token: env.product.tokens.admin });
      await ed.context.close();
    }
  }, 90_000);

  it('speaks Chinese at /zh', async () => {
    const { page, errors, context } = await editorPage('/zh/editor');
    await expect.poll(() => page.locator('#articles tbody tr').count()).toBe(20);
    expect(await page.locator('h1.page-title').textContent()).toBe('文章');
    expect(await page.locator('#count').textContent()).toMatch(/^共 \d+ 篇文章$/);
    await screenshots(page, 'editor-list-zh');
    await page.locator('#articles tbody a.title').first().click();
    await expect.poll(() => page.locator('#status-line').textContent()).toMatch(/版本 \d+/);
    // The server's own revision notes are shown in Chinese too.
    await expect.poll(() => page.locator('#revisions tbody').textContent()).toMatch(/从 \S+\.md 导入|新建|已发布|恢复自版本 \d+/);
    expect(await page.locator('#revisions tbody').textContent()).not.toMatch(/Imported|Created|Published|Restored/);
    await screenshots(page, 'editor-edit-zh');
    await page.goto(`${env.product.url}/zh/editor/gaps`);
    await page.locator('#gap-unanswered').waitFor();
    await screenshots(page, 'editor-gaps-zh');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

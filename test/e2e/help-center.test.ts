import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectLabelledControls, expectVisibleFocus, tabStops } from './a11y.js';
import { openPage, screenshots, useProduct } from './harness.js';

/** The search box: a combobox once help.js has enhanced it. */
const searchBox = (page: Page) => page.getByRole('combobox', { name: /^(Search|搜索)$/ });
const options = (page: Page) => page.getByRole('listbox').getByRole('option');

describe('help center in a real browser', () => {
  const env = useProduct();

  it('a customer searches in Chinese and opens an article', async () => {
    const { page, errors } = await openPage(env.browser);
    await page.goto(`${env.product.url}/zh`);
    await screenshots(page, 'help-home-zh');
    await searchBox(page).fill('退款多久到账');
    await searchBox(page).press('Enter');
    await page.waitForURL(/\/zh\/search/);
    await screenshots(page, 'help-search-zh');
    const first = page.locator('.results li a').first();
    const title = (await first.textContent())?.trim() ?? '';
    expect(title).toMatch(/退款/);
    await first.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(title);
    await screenshots(page, 'help-article-zh');
    expect(errors).toEqual([]);
  });

  it('a customer searches in English and opens an article', async () => {
    const { page, errors } = await openPage(env.browser);
    await page.goto(`${env.product.url}/en`);
    await screenshots(page, 'help-home-en');
    await searchBox(page).fill('change delivery address');
    await searchBox(page).press('Enter');
    await page.waitForURL(/\/en\/search/);
    const first = page.locator('.results li a').first();
    expect(await first.textContent()).toMatch(/address/i);
    await first.click();
    await page.waitForURL(/\/en\/articles\//);
    expect(await page.locator('article.body').textContent()).toMatch(/address/i);
    await screenshots(page, 'help-article-en');
    expect(errors).toEqual([]);
  });

  it('suggests articles while a customer types in Chinese; the keyboard alone opens one', async () => {
    const { page, errors } = await openPage(env.browser);
    await page.goto(`${env.product.url}/zh`);
    const box = searchBox(page);
    await box.click();
    await box.pressSequentially('退款', { delay: 40 });
    await expect.poll(() => options(page).count()).toBeGreaterThan(0);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByRole('group', { name: '文章' }).count()).toBe(1);
    expect(await page.locator('.suggest + [role=status]').textContent()).toMatch(/条建议/);
    await screenshots(page, 'help-suggest-zh');
    await box.press('ArrowDown');
    const chosen = page.locator('[role=option][aria-selected=true]');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await chosen.getAttribute('id'));
    const title = (await chosen.textContent()) ?? '';
    expect(title).toMatch(/退款/);
    await box.press('Enter');
    await page.waitForURL(/\/zh\/articles\//);
    expect(await page.locator('article.body h1').textContent()).toBe(title);
    expect(errors).toEqual([]);
  });

  it('suggests in English too; arrows move through the list, Escape closes it and Enter then searches', async () => {
    const { page, errors } = await openPage(env.browser);
    await page.goto(`${env.product.url}/en`);
    const box = searchBox(page);
    await box.click();
    await box.pressSequentially('refund', { delay: 40 });
    await expect.poll(() => options(page).count()).toBeGreaterThan(1);
    const titles = await options(page).allTextContents();
    expect(titles.some((x) => /refund/i.test(x))).toBe(true);
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    expect(await page.locator('[role=option][aria-selected=true]').textContent()).toBe(titles[1]);
    await box.press('ArrowUp');
    expect(await page.locator('[role=option][aria-selected=true]').textContent()).toBe(titles[0]);
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('listbox').isHidden()).toBe(true);
    await box.press('Enter');
    await page.waitForURL(/\/en\/search\?q=refund/);
    expect(await page.locator('.results li a').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('searches without JavaScript', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.product.url}/en`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('refund');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/en\/search\?q=refund/);
    expect(await page.locator('.results li a').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('shows a translated page with a search box for an unknown address', async () => {
    const { page, errors } = await openPage(env.browser);
    const res = await page.goto(`${env.product.url}/en/no-such-page`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('We could not find that page.');
    expect(await page.title()).toBe('Page not found · Brightcart Help Center');
    await screenshots(page, 'help-404-en');
    await searchBox(page).fill('invoice');
    await searchBox(page).press('Enter');
    await page.waitForURL(/\/en\/search\?q=invoice/);
    const zh = await page.goto(`${env.product.url}/zh/articles/no-such-article`);
    expect(zh?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('没有找到这个页面。');
    await page.getByRole('link', { name: '返回帮助中心首页' }).click();
    await page.waitForURL(/\/zh$/);
    // The 404 itself is the one console error the env.browser reports.
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  });

  it('is usable with the keyboard: labelled controls, visible focus, a sensible order', async () => {
    const { page, errors } = await openPage(env.browser);
    await page.goto(`${env.product.url}/en/articles/when-will-i-get-my-refund`);
    await expectLabelledControls(page);
    const stops = await tabStops(page, 5);
    expect(stops).toEqual(['a:Skip to content', 'a:Brightcart Help Center', 'a:中文', 'input:Search', 'button:Search']);
    await expectVisibleFocus(page);
    // The skip link takes keyboard users past the header to the page's content.
    await page.goto(`${env.product.url}/en/articles/when-will-i-get-my-refund`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(errors).toEqual([]);
  });
});

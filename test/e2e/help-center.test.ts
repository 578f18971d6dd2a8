import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshots, startProduct, type Product } from './harness.js';

describe('help center in a real browser', () => {
  let product: Product;
  let browser: Browser;
  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.close();
  });

  it('a customer searches in Chinese and opens an article', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${product.url}/zh`);
    await screenshots(page, 'help-home-zh');
    await page.getByRole('searchbox').fill('退款多久到账');
    await page.getByRole('searchbox').press('Enter');
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
    const { page, errors } = await openPage(browser);
    await page.goto(`${product.url}/en`);
    await screenshots(page, 'help-home-en');
    await page.getByRole('searchbox').fill('change delivery address');
    await page.getByRole('searchbox').press('Enter');
    await page.waitForURL(/\/en\/search/);
    const first = page.locator('.results li a').first();
    expect(await first.textContent()).toMatch(/address/i);
    await first.click();
    await page.waitForURL(/\/en\/articles\//);
    expect(await page.locator('article.body').textContent()).toMatch(/address/i);
    await screenshots(page, 'help-article-en');
    expect(errors).toEqual([]);
  });
});

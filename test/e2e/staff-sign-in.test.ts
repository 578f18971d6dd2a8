import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, signIn, startProduct, type Product } from './harness.js';

describe('staff sign-in', () => {
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

  it('rejects a wrong token, accepts a right one, and hides pages above the role', async () => {
    const { page, errors } = await openPage(browser);
    await signIn(page, product.url, '/en/agent', 'ehd_not-a-real-token');
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toMatch(/not accepted/);
    await page.getByLabel(/token/i).fill(product.tokens.agent);
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect.poll(() => page.locator('#who').textContent()).toMatch(/Agent Wang · agent/);
    expect(await page.getByRole('link', { name: 'Dashboard' }).isHidden()).toBe(true);
    await page.goto(`${product.url}/en/admin`);
    await expect.poll(() => page.locator('main [role=alert]').textContent()).toMatch(/admin role/);
    // The 401 of the wrong token is the only console error expected.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});

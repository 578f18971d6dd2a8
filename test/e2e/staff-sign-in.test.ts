import { describe, expect, it } from 'vitest';
import { openPage, signIn, useProduct } from './harness.js';

describe('staff sign-in', () => {
  const env = useProduct();

  it('rejects a wrong token, accepts a right one, and hides pages above the role', async () => {
    const { page, errors } = await openPage(env.browser);
    await signIn(page, env.product.url, '/en/agent', 'ehd_not-a-real-token');
    await expect.poll(() => page.locator('#sign-in-error').textContent()).toMatch(/not accepted/);
    await page.getByLabel(/token/i).fill(env.product.tokens.agent);
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect.poll(() => page.locator('#who').textContent()).toMatch(/Agent Wang · agent/);
    expect(await page.getByRole('link', { name: 'Dashboard' }).isHidden()).toBe(true);
    await page.goto(`${env.product.url}/en/admin`);
    await expect.poll(() => page.locator('main [role=alert]').textContent()).toMatch(/admin role/);
    // The 401 of the wrong token is the only console error expected.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});

/** Accessibility checks shared by the browser tests of the admin pages and the help center. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Every visible form control of the page (outside shadow roots) has a label or an aria-label. */
export async function expectLabelledControls(page: Page): Promise<void> {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('input, select, textarea')]
      .filter((c) => c.type !== 'hidden' && c.offsetParent !== null)
      .filter((c) => (c.labels?.length ?? 0) === 0 && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
      .map((c) => c.outerHTML),
  );
  expect(unlabelled).toEqual([]);
}

/** Presses Tab `count` times from the top of the page; returns a short description of each stop. */
export async function tabStops(page: Page, count: number): Promise<string[]> {
  // Start from the top: focus a temporary, untabbable element placed first in the body.
  await page.evaluate(() => {
    const start = document.createElement('span');
    start.id = 'tab-start';
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
  });
  const stops: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        const name = a.getAttribute('aria-label') || (a as HTMLInputElement).labels?.[0]?.textContent || a.textContent || '';
        return `${a.tagName.toLowerCase()}:${name.trim().replace(/\s+/g, ' ').slice(0, 40)}`;
      }),
    );
  }
  await page.evaluate(() => document.getElementById('tab-start')?.remove());
  return stops;
}

/** The focused element shows a visible outline (keyboard focus). */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const focus = await page.evaluate(() => {
    const a = document.activeElement as HTMLElement;
    const style = getComputedStyle(a);
    return { tag: a.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(focus.tag).not.toBe('BODY');
  expect(focus.outline).not.toBe('none');
  expect(focus.width).toBeGreaterThanOrEqual(2);
}

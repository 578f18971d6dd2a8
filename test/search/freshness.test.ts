/**
 * Freshness across instances: two app instances (as two isolates) over one libSQL file. An
 * editor publishes through instance 1; instance 2, with the default one-second version check,
 * serves the change well within the 10 s bound — and drops an archived article the same way.
 * Run on both backends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/features/search/search.index.js';
import type { BackendKind } from '../../src/features/search/search.backend.js';
import { createStaffToken, insertArticle, insertCategory } from '../helpers.js';
import { openInstance, tempDatabase } from './instances.js';

const BOUND_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Searches through `instance` until `pass` holds; returns how long it took. */
async function until(search: () => Promise<{ results: { slug: string }[] }>, pass: (slugs: string[]) => boolean): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < BOUND_MS + 2000) {
    const body = await search();
    if (pass(body.results.map((r) => r.slug))) return Date.now() - started;
    await sleep(50);
  }
  return Number.POSITIVE_INFINITY;
}

describe.each<BackendKind>(['memory', 'fts5'])('freshness across instances (%s)', (backend) => {
  it('serves what another instance published within 10 s, through the cheap version check', async () => {
    const db = await tempDatabase();
    cleanups.push(db.cleanup);
    const one = await openInstance(db.url, new SearchIndex({ backend }));
    cleanups.push(one.close);
    await insertCategory(one.deps.db, 'orders');
    await insertArticle(one.deps.db, { slug: 'track-order', title: 'How do I track my order?', body: 'Open Orders and tap Track.' });
    // Instance 2 checks the version at most once a second (the default).
    const two = await openInstance(db.url, new SearchIndex({ backend }));
    cleanups.push(two.close);
    const search = async () => (await two.request('/api/search?q=gift+wrap&locale=en')).json();
    expect((await search()).results).toEqual([]);

    const { token } = await createStaffToken(one.deps, 'editor');
    const created = await one.request('/api/articles', {
      method: 'POST',
      token,
      body: JSON.stringify({ locale: 'en', slug: 'gift-wrap', title: 'Can you gift-wrap my order?', body: 'Yes: choose gift wrap at checkout.', category: 'orders' }),
    });
    const { id } = (await created.json()) as { id: string };
    const published = await one.request(`/api/articles/${id}/publish`, { method: 'POST', token });
    expect(published.status).toBe(200);

    const seenAfter = await until(search, (slugs) => slugs[0] === 'gift-wrap');
    expect(seenAfter).toBeLessThan(BOUND_MS);

    const { version } = (await (await one.request(`/api/editor/articles/${id}`, { token })).json()) as { version: number };
    const archived = await one.request(`/api/articles/${id}/archive`, { method: 'POST', token, headers: { 'If-Match': `"${version}"` } });
    expect(archived.status).toBe(200);
    const goneAfter = await until(search, (slugs) => !slugs.includes('gift-wrap'));
    expect(goneAfter).toBeLessThan(BOUND_MS);
    await one.deps.background.flush();
  });
});

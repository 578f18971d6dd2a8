/**
 * Freshness across isolates, in workerd over D1: two isolates each hold their own search index
 * and share only the database. After an editor publishes through one, the other serves the change
 * within 10 s through its cheap version check, without a reload per request.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { SearchIndex } from '../../src/features/search/search.index.js';
import { EventBus } from '../../src/lib/events.js';
import { resolveWorkerDeps } from '../../src/runtime/worker.js';
import { BASE, call, importSampleKnowledge, staffToken } from './helpers.js';

/** A second isolate: the same Worker code and D1 binding, its own index and event bus. */
function otherIsolate() {
  const deps = { ...resolveWorkerDeps(env), search: new SearchIndex(), events: new EventBus() };
  const app = createApp({ resolveDeps: () => deps, compress: false });
  return (path: string) => app.request(`${BASE}${path}`, {}, env);
}

const slugs = async (res: Response) => ((await res.json()) as { results: Array<{ slug: string }> }).results.map((r) => r.slug);

describe('two isolates over one D1 database', () => {
  it('an article published through one isolate is found by the other within 10 s', async () => {
    await importSampleKnowledge();
    const second = otherIsolate();
    // The second isolate has built its index and answers from memory.
    expect(await slugs(await second('/api/search?q=gift%20wrap&locale=en'))).not.toContain('gift-wrapping');

    const editor = await staffToken('editor');
    const created = await call('/api/articles', {
      method: 'POST',
      token: editor.token,
      body: JSON.stringify({ locale: 'en', slug: 'gift-wrapping', title: 'Can you gift-wrap my order?', body: 'Yes: choose gift wrap at checkout.', category: 'orders' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const published = Date.now();
    expect((await call(`/api/articles/${id}/publish`, { method: 'POST', token: editor.token })).status).toBe(200);

    let seenAfterMs = -1;
    while (Date.now() - published < 10_000) {
      if ((await slugs(await second('/api/search?q=gift%20wrap&locale=en'))).includes('gift-wrapping')) {
        seenAfterMs = Date.now() - published;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(seenAfterMs, 'the second isolate never served the new article').toBeGreaterThanOrEqual(0);
    expect(seenAfterMs).toBeLessThanOrEqual(10_000);
  });
});

import { describe, expect, it } from 'vitest';
import { createStaffToken, createTestApp } from '../helpers.js';

/**
 * Every documented route, called the wrong way (no body, malformed JSON, unexpected fields,
 * unknown ids, wrong content type), as anonymous and as an admin: a client mistake is a 4xx
 * problem+json, never a 500.
 */
describe('no 500 for client mistakes', () => {
  it('holds for every route in the OpenAPI document', async () => {
    const t = await createTestApp({ config: { rateLimitPerMinute: 100_000 } });
    const { token } = await createStaffToken(t.deps, 'admin');
    const doc = await (await t.request('/openapi.json')).json();
    const bodies: Array<{ body?: string; type?: string }> = [
      {},
      { body: '{"broken": ', type: 'application/json' },
      { body: '{"unexpected": 1}', type: 'application/json' },
      { body: '[1,2,3]', type: 'application/json' },
      { body: 'text=1', type: 'application/x-www-form-urlencoded' },
    ];
    const failures: string[] = [];
    let calls = 0;
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      const url = path.replace(/\{[^}]+\}/g, 'zz-unknown');
      for (const method of Object.keys(ops)) {
        if (url.endsWith('/events') && method === 'get') continue; // streams; covered elsewhere
        for (const auth of [undefined, token]) {
          for (const b of method === 'get' || method === 'head' ? [{}] : bodies) {
            const headers: Record<string, string> = { 'X-Conversation-Token': 'cv_wrong' };
            if (b.type) headers['Content-Type'] = b.type;
            const res = await t.request(`${url}?limit=abc&q=%00`, { method: method.toUpperCase(), headers, ...(b.body ? { body: b.body } : {}), ...(auth ? { token: auth } : {}) });
            calls++;
            if (res.status >= 500) failures.push(`${method.toUpperCase()} ${url} ${b.type ?? 'no body'} ${auth ? 'admin' : 'anonymous'} → ${res.status}`);
            else if (res.status >= 400) expect(res.headers.get('content-type'), `${method} ${url}`).toMatch(/problem\+json/);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(150);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { createStaffToken, createTestApp, problemOf } from '../helpers.js';

describe('health', () => {
  it('/healthz and /readyz answer', async () => {
    const t = await createTestApp();
    expect(await (await t.request('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.request('/readyz');
    expect(ready.status).toBe(200);
    expect((await ready.json()).status).toBe('ready');
  });

  it('/readyz is 503 problem+json when the database is gone', async () => {
    const t = await createTestApp();
    t.client.close();
    const res = await t.request('/readyz');
    expect(res.status).toBe(503);
    expect((await problemOf(res)).type).toBe('/problems/unavailable');
  });
});

describe('errors are RFC 9457 problem+json', () => {
  it('404 for an unknown route', async () => {
    const t = await createTestApp();
    const res = await t.request('/api/nope');
    expect(res.status).toBe(404);
    const p = await problemOf(res);
    expect(p).toMatchObject({ type: '/problems/not-found', title: 'Not found', status: 404 });
    const type = await t.request(p.type);
    expect(await type.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('405 with Allow for a wrong method', async () => {
    const t = await createTestApp();
    const res = await t.request('/api/articles', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    await problemOf(res);
    const res2 = await t.request('/api/articles/en/some-slug', { method: 'POST', body: '{}' });
    expect(res2.status).toBe(405);
  });

  it('413 for an oversized body, 400 for malformed JSON, 422 for a missing body', async () => {
    const t = await createTestApp({ config: { maxBodyBytes: 2048 } });
    const { token } = await createStaffToken(t.deps, 'admin');
    const big = await t.request('/api/admin/staff', {
      method: 'POST',
      token,
      body: JSON.stringify({ name: 'x'.repeat(5000), role: 'agent' }),
    });
    expect(big.status).toBe(413);
    await problemOf(big);
    const malformed = await t.request('/api/admin/staff', { method: 'POST', token, body: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect((await problemOf(malformed)).detail).toMatch(/JSON/i);
    const empty = await t.request('/api/admin/staff', { method: 'POST', token, headers: { 'Content-Type': 'text/plain' }, body: 'hi' });
    expect([400, 415, 422]).toContain(empty.status);
    await problemOf(empty);
  });

  it('500s leak nothing and carry the request id', async () => {
    const t = await createTestApp();
    t.app.get('/boom', () => {
      throw new Error('secret internal detail');
    });
    const res = await t.request('/boom');
    expect(res.status).toBe(500);
    const p = await problemOf(res);
    expect(JSON.stringify(p)).not.toContain('secret');
    expect(p.detail).toContain(res.headers.get('x-request-id')!);
  });
});

describe('standard middleware', () => {
  it('sets request id, security headers, CORS and compression', async () => {
    const t = await createTestApp({ config: { corsOrigins: ['https://shop.example'] } });
    const res = await t.request('/api/categories', {
      headers: { Origin: 'https://shop.example', 'Accept-Encoding': 'gzip' },
    });
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const other = await t.request('/api/categories', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.request('/api/admin/staff', {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('compresses large JSON responses', async () => {
    const t = await createTestApp();
    const res = await t.request('/openapi.json', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document describing every route and its problems', async () => {
    const t = await createTestApp();
    const doc = await (await t.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/articles', '/api/articles/{locale}/{slug}', '/api/categories', '/api/admin/staff', '/healthz', '/readyz']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/articles'].get.responses['422'].content['application/problem+json']).toBeTruthy();
    expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
  });

  it('serves an interactive reference page', async () => {
    const t = await createTestApp();
    const res = await t.request('/docs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/openapi.json');
  });
});

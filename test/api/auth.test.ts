import { describe, expect, it } from 'vitest';
import { auditLog, staffUsers } from '../../src/db/schema/index.js';
import { ensureBootstrapAdmin } from '../../src/features/auth/auth.service.js';
import { createStaffToken, createTestApp, problemOf } from '../helpers.js';

describe('staff auth', () => {
  it('401s without a token and for an invalid or malformed one, with WWW-Authenticate', async () => {
    const t = await createTestApp();
    const none = await t.request('/api/admin/staff');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await problemOf(none)).type).toBe('/problems/unauthorized');
    expect((await t.request('/api/admin/staff', { token: 'ehd_not-a-real-token' })).status).toBe(401);
    const basic = await t.request('/api/admin/staff', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
    // A bad token is refused even on a public endpoint, never treated as anonymous.
    expect((await t.request('/api/articles', { token: 'wrong' })).status).toBe(401);
  });

  it('403s when the role is too low', async () => {
    const t = await createTestApp();
    for (const role of ['agent', 'editor'] as const) {
      const { token } = await createStaffToken(t.deps, role);
      const res = await t.request('/api/admin/staff', { token });
      expect(res.status).toBe(403);
      expect((await problemOf(res)).detail).toContain('admin');
    }
  });

  it('lets an admin create staff whose token works at once and is stored only hashed', async () => {
    const t = await createTestApp();
    const { token: admin } = await createStaffToken(t.deps, 'admin');
    const res = await t.request('/api/admin/staff', {
      method: 'POST',
      token: admin,
      body: JSON.stringify({ name: 'Li Wei', email: 'Li.Wei@Example.com', role: 'editor' }),
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.staff).toMatchObject({ name: 'Li Wei', email: 'li.wei@example.com', role: 'editor', active: true });
    expect(created.token).toMatch(/^ehd_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.staff.token_prefix)).toBe(true);

    const rows = await t.deps.db.select().from(staffUsers);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(created.token.slice(4));
    const list = await (await t.request('/api/admin/staff', { token: admin })).json();
    expect(list.items).toHaveLength(2);
    expect(JSON.stringify(list)).not.toContain('hash');

    // The new editor can read drafts but not manage staff.
    expect((await t.request('/api/admin/staff', { token: created.token })).status).toBe(403);
    const audits = await t.deps.db.select().from(auditLog);
    expect(audits.map((a) => a.action)).toContain('staff.create');
  });

  it('rejects bad staff input with the field named and a duplicate email with 409', async () => {
    const t = await createTestApp();
    const { token } = await createStaffToken(t.deps, 'admin');
    const post = (body: unknown) => t.request('/api/admin/staff', { method: 'POST', token, body: JSON.stringify(body) });
    const bad = await post({ name: '', role: 'boss', email: 'nope' });
    expect(bad.status).toBe(422);
    expect((await problemOf(bad)).errors?.map((e) => e.path).sort()).toEqual(['body.email', 'body.name', 'body.role']);
    expect((await post({ name: 'A', role: 'agent', email: 'a@example.com' })).status).toBe(201);
    const dup = await post({ name: 'B', role: 'agent', email: 'a@example.com' });
    expect(dup.status).toBe(409);
    expect((await problemOf(dup)).errors?.[0]?.path).toBe('body.email');
    const rows = await t.deps.db.select().from(staffUsers);
    expect(rows).toHaveLength(2);
  });

  it('deactivating a staff member revokes their token at once', async () => {
    const t = await createTestApp();
    const { token: admin, staff: adminRow } = await createStaffToken(t.deps, 'admin');
    const { token: agent, staff } = await createStaffToken(t.deps, 'agent');
    expect((await t.request('/api/articles', { token: agent })).status).toBe(200);
    const res = await t.request(`/api/admin/staff/${staff.id}`, { method: 'PATCH', token: admin, body: JSON.stringify({ active: false }) });
    expect(res.status).toBe(200);
    expect((await t.request('/api/articles', { token: agent })).status).toBe(401);
    const self = await t.request(`/api/admin/staff/${adminRow.id}`, { method: 'PATCH', token: admin, body: JSON.stringify({ active: false }) });
    expect(self.status).toBe(409);
    const missing = await t.request('/api/admin/staff/nobody', { method: 'PATCH', token: admin, body: JSON.stringify({ active: false }) });
    expect(missing.status).toBe(404);
  });

  it('bootstraps exactly one admin on a new installation', async () => {
    const t = await createTestApp();
    const token = await ensureBootstrapAdmin(t.deps);
    expect(token).toBeTruthy();
    expect(await ensureBootstrapAdmin(t.deps)).toBeUndefined();
    expect((await t.request('/api/admin/staff', { token: token! })).status).toBe(200);
  });
});

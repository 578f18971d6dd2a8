/** The admin pages' server-rendered shells: both languages, labelled controls, the right scripts. */
import { describe, expect, it } from 'vitest';
import { ADMIN_TEXTS } from '../../src/features/web/admin/admin.i18n.js';
import { createTestApp } from '../helpers.js';

describe('admin pages (server-rendered shell)', () => {
  it('renders the dashboard with its period picker, today in the service time zone', async () => {
    const t = await createTestApp();
    // 20 Nov 2026 23:30 in UTC is already 21 Nov in Shanghai.
    t.clock.set('2026-11-20T23:30:00Z');
    const res = await t.request('/en/admin');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<title>Service dashboard · Edge Helpdesk</title>');
    expect(page).toContain('data-today="2026-11-21"');
    expect(page).toContain('<label for="from">From</label>');
    expect(page).toContain('<label for="lang">Language</label>');
    expect(page).toContain('src="/assets/admin.js"');
    expect(page).toContain('id="chart-complaints"');
    expect(page).toContain('data-role="admin"');
    const zh = await (await t.request('/zh/admin')).text();
    expect(zh).toContain('<h2 id="h-reasons">转人工原因</h2>');
    expect(zh).toContain('"kpiDeflection":"自助解决率"');
  });

  it('renders staff management with a labelled form and no token field until one is created', async () => {
    const t = await createTestApp();
    const page = await (await t.request('/en/admin/staff')).text();
    expect(page).toContain('<label for="staff-name">Name</label>');
    expect(page).toContain('<label for="staff-role">Role</label>');
    expect(page).toContain('src="/assets/admin-staff.js"');
    expect(page).not.toContain('id="new-token-value"');
    expect(await (await t.request('/zh/admin/staff')).text()).toContain('<h2 id="add-heading">添加员工</h2>');
    expect((await t.request('/fr/admin')).status).toBe(404);
  });

  it('has every string in both languages', () => {
    expect(Object.keys(ADMIN_TEXTS.zh).sort()).toEqual(Object.keys(ADMIN_TEXTS.en).sort());
    for (const [key, value] of Object.entries(ADMIN_TEXTS.zh)) expect(value, key).not.toBe('');
  });
});

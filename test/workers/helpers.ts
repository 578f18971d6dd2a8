/**
 * Helpers of the workerd tests: requests go to the real Worker (`SELF`, the default export of
 * src/runtime/worker.ts) over the database its configuration picks (D1, or libSQL over HTTP in
 * the turso project); staff are created directly in that database with the product's own
 * service, and the sample knowledge base goes in through the admin import endpoint, as
 * `npm run kb:push` does.
 */
import { env, SELF } from 'cloudflare:test';
import { expect } from 'vitest';
import type { StaffRole } from '../../src/db/schema/index.js';
import { createStaff } from '../../src/features/auth/auth.service.js';
import type { ImportReport } from '../../src/features/knowledge/knowledge.service.js';
import { systemClock } from '../../src/lib/clock.js';
import { newId } from '../../src/lib/ids.js';
import { importInChunks } from '../../scripts/lib/knowledge-push.js';
import { resolveWorkerDeps } from '../../src/runtime/worker.js';

export const BASE = 'https://helpdesk.test';

/** The Worker's own database handle (this isolate's), for assertions the API does not expose. */
export const db = resolveWorkerDeps(env).db;

export type CallInit = RequestInit & { token?: string };

/** One request to the Worker; a string body is sent as JSON. */
export function call(path: string, init: CallInit = {}): Promise<Response> {
  const { token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (typeof rest.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  return SELF.fetch(`${BASE}${path}`, { ...rest, headers });
}

/** A staff member with a fresh token, written straight into D1. */
export async function staffToken(role: StaffRole, name = `${role} ${newId().slice(-6)}`) {
  return createStaff({ db, clock: systemClock, newId }, { name, role }, null);
}

/** Imports knowledge/ (read on the Node side by vitest.workers.config.ts) through POST /api/admin/knowledge/import. */
export async function importSampleKnowledge(): Promise<ImportReport> {
  const admin = await staffToken('admin');
  return importInChunks(env.TEST_KNOWLEDGE, async (body) => {
    const res = await call('/api/admin/knowledge/import', { method: 'POST', token: admin.token, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as ImportReport;
  });
}

/** The body of a problem+json response, after checking its content type. */
export async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as { type: string; title: string; status: number; detail: string; errors?: Array<{ path: string; message: string }> };
}

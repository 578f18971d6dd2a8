import { createRoute, z } from '@hono/zod-openapi';
import { settings } from '../../db/schema/index.js';
import { createRouter, jsonContent, pickProblems } from '../../lib/openapi.js';
import { currentStaff, requireRole } from '../auth/auth.middleware.js';
import { auditStatement } from '../audit/audit.service.js';
import { reviewRequired } from './editor.service.js';

const SettingsSchema = z.object({ review_required: z.boolean().openapi({ description: 'Publishing needs a second editor (reviewer ≠ author)' }) }).openapi('WorkspaceSettings');

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/api/admin/settings',
  tags: ['Editing'],
  security: [{ bearer: [] }],
  middleware: requireRole('editor'),
  summary: 'Workspace settings (editor)',
  responses: { 200: jsonContent(SettingsSchema, 'Settings'), ...pickProblems(401, 403) },
});

const putSettingsRoute = createRoute({
  method: 'put',
  path: '/api/admin/settings',
  tags: ['Editing'],
  security: [{ bearer: [] }],
  middleware: requireRole('admin'),
  summary: 'Change workspace settings (admin)',
  request: { body: { required: true, content: { 'application/json': { schema: SettingsSchema.strict() } } } },
  responses: { 200: jsonContent(SettingsSchema, 'Saved'), ...pickProblems(400, 401, 403, 422) },
});

export const settingsRouter = createRouter()
  .openapi(getSettingsRoute, async (c) => c.json({ review_required: await reviewRequired(c.var.deps) }, 200))
  .openapi(putSettingsRoute, async (c) => {
    const { review_required } = c.req.valid('json');
    const actor = currentStaff(c);
    const now = c.var.deps.clock.now();
    await c.var.deps.db.batch([
      c.var.deps.db
        .insert(settings)
        .values({ key: 'review_required', value: review_required, updatedBy: actor.id, updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value: review_required, updatedBy: actor.id, updatedAt: now } }),
      auditStatement(c.var.deps.db, now, { actorId: actor.id, action: 'settings.update', entityType: 'settings', entityId: 'review_required', summary: String(review_required) }),
    ]);
    return c.json({ review_required }, 200);
  });

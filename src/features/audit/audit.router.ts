import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, pickProblems } from '../../lib/openapi.js';
import { createRouter } from '../../lib/openapi.js';
import { requireRole } from '../auth/auth.middleware.js';
import { listAudit } from './audit.service.js';

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

const auditRoute = createRoute({
  method: 'get',
  path: '/api/admin/audit',
  tags: ['Staff'],
  security: [{ bearer: [] }],
  middleware: requireRole('admin'),
  summary: 'Who changed what, newest first (admin)',
  request: {
    query: z.object({
      entity_type: z.string().min(1).max(40).optional().openapi({ example: 'article' }),
      entity_id: z.string().min(1).max(64).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({
        items: z.array(z.object({ id: z.number().int(), actor_id: z.string().nullable(), action: z.string(), entity_type: z.string(), entity_id: z.string().nullable(), summary: z.string(), at: z.string() })),
      }),
      'Audit entries',
    ),
    ...pickProblems(401, 403, 422),
  },
});

export const auditRouter = createRouter().openapi(auditRoute, async (c) => {
  const q = c.req.valid('query');
  const rows = await listAudit(c.var.deps.db, {
    entityType: q.entity_type,
    entityId: q.entity_id,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    limit: q.limit,
  });
  return c.json(
    { items: rows.map((r) => ({ id: r.id, actor_id: r.actorId, action: r.action, entity_type: r.entityType, entity_id: r.entityId, summary: r.summary, at: r.at.toISOString() })) },
    200,
  );
});

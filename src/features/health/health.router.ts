import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { AppError } from '../../lib/errors.js';
import { createRouter, jsonContent, problems } from '../../lib/openapi.js';

const tags = ['Health'];

const healthzRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags,
  summary: 'The process is up',
  responses: { 200: jsonContent(z.object({ status: z.literal('ok') }), 'Up') },
});

const readyzRoute = createRoute({
  method: 'get',
  path: '/readyz',
  tags,
  summary: 'The database answers',
  responses: {
    200: jsonContent(z.object({ status: z.literal('ready'), database_ms: z.number() }), 'Ready'),
    503: { description: 'The database did not answer', content: problems[401].content },
  },
});

export const healthRouter = createRouter()
  .openapi(healthzRoute, (c) => c.json({ status: 'ok' as const }, 200))
  .openapi(readyzRoute, async (c) => {
    const started = performance.now();
    try {
      await c.var.deps.db.run(sql`select 1`);
    } catch (error) {
      c.var.deps.logger.error('readyz: database unreachable', { error: String(error) });
      throw new AppError('unavailable', 'health: the database is not reachable');
    }
    return c.json({ status: 'ready' as const, database_ms: Math.round((performance.now() - started) * 100) / 100 }, 200);
  });

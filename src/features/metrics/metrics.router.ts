import { AppError } from '../../lib/errors.js';
import { createRouter } from '../../lib/openapi.js';
import { requireRole } from '../auth/auth.middleware.js';
import { summaryRoute } from './metrics.routes.js';
import { metricsSummary } from './metrics.service.js';

export const metricsRouter = createRouter();
metricsRouter.use('/api/metrics/*', requireRole('admin'));

metricsRouter.openapi(summaryRoute, async (c) => {
  const q = c.req.valid('query');
  const to = q.to ? new Date(q.to) : c.var.deps.clock.now();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
  if (from >= to) throw new AppError('validation_failed', 'metrics: `from` must be before `to`', { errors: [{ path: 'query.from', message: 'Must be before query.to' }] });
  return c.json(await metricsSummary(c.var.deps, { from, to, locale: q.locale }), 200);
});

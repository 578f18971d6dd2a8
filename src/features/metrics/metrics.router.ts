import { AppError } from '../../lib/errors.js';
import { createRouter } from '../../lib/openapi.js';
import { requireRole } from '../auth/auth.middleware.js';
import { summaryRoute } from './metrics.routes.js';
import { zoneOffsetMs } from './metrics.series.js';
import { metricsSummary } from './metrics.service.js';

export const metricsRouter = createRouter();
metricsRouter.use('/api/metrics/*', requireRole('admin'));

/** A date-only value (2026-11-20) is that day's midnight in the service time zone; a date-time is taken as given. */
function instant(value: string, timeZone: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value);
  const utcMidnight = new Date(`${value}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - zoneOffsetMs(timeZone, utcMidnight));
}

metricsRouter.openapi(summaryRoute, async (c) => {
  const q = c.req.valid('query');
  const tz = c.var.deps.config.serviceCalendar.timeZone;
  const to = q.to ? instant(q.to, tz) : c.var.deps.clock.now();
  const from = q.from ? instant(q.from, tz) : new Date(to.getTime() - 30 * 86_400_000);
  if (from >= to) throw new AppError('validation_failed', 'metrics: `from` must be before `to`', { errors: [{ path: 'query.from', message: 'Must be before query.to' }] });
  return c.json(await metricsSummary(c.var.deps, { from, to, locale: q.locale }), 200);
});

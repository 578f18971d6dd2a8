import { createRoute, z } from '@hono/zod-openapi';
import { LOCALES } from '../../db/schema/index.js';
import { jsonContent, pickProblems } from '../../lib/openapi.js';

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());
const quantiles = z.object({ median: z.number().nullable(), p90: z.number().nullable(), count: z.number().int() });

export const MetricsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    conversations: z.number().int(),
    bot_resolved_share: z.number().nullable().openapi({ description: 'Self-service deflection: conversations never handed to a person' }),
    handoffs: z.number().int(),
    handoff_rate: z.number().nullable(),
    handoffs_by_reason: z.record(z.string(), z.number().int()),
    first_contact_resolution: z.number().nullable(),
    time_to_first_response_minutes: quantiles,
    time_to_resolution_minutes: quantiles,
    sla_breaches: z.object({ first_response: z.number().int(), resolution: z.number().int() }),
    csat: z.object({ responses: z.number().int(), average: z.number().nullable(), distribution: z.record(z.string(), z.number().int()) }),
    complaints_by_category: z.record(z.string(), z.record(z.string(), z.number().int())),
    callbacks: z.object({ requested: z.number().int(), done: z.number().int(), unreachable: z.number().int(), open: z.number().int(), overdue: z.number().int() }),
    follow_ups: z.object({ due: z.number().int(), done: z.number().int(), satisfied: z.number().int(), not_satisfied: z.number().int(), unreachable: z.number().int() }),
    search: z
      .object({ searches: z.number().int(), zero_result: z.number().int(), zero_result_share: z.number().nullable() })
      .openapi({ description: 'Help-center searches by customers in the period, and those that found nothing' }),
    series: z
      .object({
        time_zone: z.string(),
        bucket_days: z.number().int().openapi({ description: 'Days per point: 1 for periods up to 60 days, more beyond' }),
        points: z.array(
          z.object({
            start: z.string().openapi({ description: 'First local day of the bucket (YYYY-MM-DD, service time zone)' }),
            conversations: z.number().int(),
            bot_resolved_share: z.number().nullable(),
            handoffs: z.number().int(),
            sla_breached: z.number().int(),
            csat_responses: z.number().int(),
            csat_average: z.number().nullable(),
          }),
        ),
      })
      .openapi({ description: 'The same figures per day (or per bucket of days) of the service calendar, for charts' }),
  })
  .openapi('MetricsSummary');

export const summaryRoute = createRoute({
  method: 'get',
  path: '/api/metrics/summary',
  tags: ['Metrics'],
  security: [{ bearer: [] }],
  summary: 'Service metrics for a period (admin); definitions in docs/metrics.md',
  request: {
    query: z.object({
      from: isoDate.optional().openapi({ description: 'Start (inclusive); default 30 days before `to`. A date alone is its midnight in the service time zone' }),
      to: isoDate.optional().openapi({ description: 'End (exclusive); default now. A date alone is its midnight in the service time zone' }),
      locale: z.enum(LOCALES).optional(),
    }),
  },
  responses: { 200: jsonContent(MetricsSchema, 'The figures'), ...pickProblems(401, 403, 422) },
});

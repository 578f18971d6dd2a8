import { z } from 'zod';
import { DEFAULT_CONFIG, type AppConfig } from '../deps.js';

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Environment variables both runtimes understand (Node: process.env; Workers: vars and secrets). */
const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  CORS_ORIGINS: z.string().optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).optional(),
  PUBLIC_BASE_URL: z.union([z.url(), z.literal('')]).optional(),
  LOG_LEVEL: z.enum(['info', 'warn', 'error', 'silent']).optional(),
  SEARCH_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  SEARCH_BACKEND: z.enum(['memory', 'fts5', 'auto']).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).optional(),
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).max(20_000).optional(),
  MAX_MESSAGES_PER_CONVERSATION: z.coerce.number().int().min(10).max(10_000).optional(),
  LLM_PROVIDER: z.enum(['none', 'openai', 'workers-ai']).optional(),
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_MODEL: z.string().min(1).optional(),
  CLOUDFLARE_ACCOUNT_ID: z.string().min(1).optional(),
  CLOUDFLARE_API_TOKEN: z.string().min(1).optional(),
  EMBEDDINGS_PROVIDER: z.enum(['none', 'openai', 'workers-ai']).optional(),
  EMBEDDINGS_BASE_URL: z.url().optional(),
  EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  EMBEDDINGS_MODEL: z.string().min(1).optional(),
  EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).optional(),
  SEARCH_SEMANTIC_WEIGHT: z.coerce.number().min(0).max(10).optional(),
  BOT_ANSWER_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  BOT_CLARIFY_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  WEBHOOK_URL: z.url().optional(),
  WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).optional(),
  SERVICE_TIME_ZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'not an IANA time zone')
    .optional(),
  SERVICE_HOURS: z
    .string()
    .regex(/^\d{1,2}(\.\d+)?-\d{1,2}(\.\d+)?$/, 'like 9-21')
    .optional(),
  SERVICE_WORKDAYS: z
    .string()
    .regex(/^[0-6](,[0-6])*$/, 'weekday numbers, 0 = Sunday: like 1,2,3,4,5')
    .optional(),
  SERVICE_HOLIDAYS: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*$/, 'dates like 2026-10-01,2026-10-02')
    .optional(),
  SLA_FIRST_RESPONSE_MINUTES: z.coerce.number().int().min(1).max(100_000).optional(),
  SLA_MAJOR_FIRST_RESPONSE_MINUTES: z.coerce.number().int().min(1).max(100_000).optional(),
  SLA_RESOLUTION_DAYS: z.coerce.number().int().min(1).max(365).optional(),
  SLA_MAJOR_RESOLUTION_DAYS: z.coerce.number().int().min(1).max(365).optional(),
});

export type RuntimeEnv = z.infer<typeof EnvSchema>;

/** Validates the environment once at start; a bad value stops the process with its name. */
export function readEnv(source: Record<string, unknown>): RuntimeEnv {
  if (source.WEBHOOK_URL && !source.WEBHOOK_SECRET) throw new Error('config: invalid environment\n  WEBHOOK_SECRET: required with WEBHOOK_URL');
  const picked = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, source[k] === '' ? undefined : source[k]]));
  const result = EnvSchema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`config: invalid environment\n${lines}`);
  }
  return result.data;
}

export function toAppConfig(env: RuntimeEnv): AppConfig {
  return {
    corsOrigins: env.CORS_ORIGINS ? list(env.CORS_ORIGINS) : DEFAULT_CONFIG.corsOrigins,
    maxBodyBytes: env.MAX_BODY_BYTES ?? DEFAULT_CONFIG.maxBodyBytes,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? DEFAULT_CONFIG.publicBaseUrl,
    searchLogRetentionDays: env.SEARCH_LOG_RETENTION_DAYS ?? DEFAULT_CONFIG.searchLogRetentionDays,
    searchBackend: env.SEARCH_BACKEND ?? DEFAULT_CONFIG.searchBackend,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE ?? DEFAULT_CONFIG.rateLimitPerMinute,
    maxMessageChars: env.MAX_MESSAGE_CHARS ?? DEFAULT_CONFIG.maxMessageChars,
    maxMessagesPerConversation: env.MAX_MESSAGES_PER_CONVERSATION ?? DEFAULT_CONFIG.maxMessagesPerConversation,
    llmTimeoutMs: env.LLM_TIMEOUT_MS ?? DEFAULT_CONFIG.llmTimeoutMs,
    botPolicy: {
      ...DEFAULT_CONFIG.botPolicy,
      ...(env.BOT_ANSWER_THRESHOLD === undefined ? {} : { answerThreshold: env.BOT_ANSWER_THRESHOLD }),
      ...(env.BOT_CLARIFY_THRESHOLD === undefined ? {} : { clarifyThreshold: env.BOT_CLARIFY_THRESHOLD }),
    },
    serviceCalendar: {
      timeZone: env.SERVICE_TIME_ZONE ?? DEFAULT_CONFIG.serviceCalendar.timeZone,
      open: env.SERVICE_HOURS ? Number(env.SERVICE_HOURS.split('-')[0]) : DEFAULT_CONFIG.serviceCalendar.open,
      close: env.SERVICE_HOURS ? Number(env.SERVICE_HOURS.split('-')[1]) : DEFAULT_CONFIG.serviceCalendar.close,
      workdays: env.SERVICE_WORKDAYS ? env.SERVICE_WORKDAYS.split(',').map(Number) : DEFAULT_CONFIG.serviceCalendar.workdays,
      holidays: env.SERVICE_HOLIDAYS ? env.SERVICE_HOLIDAYS.split(',') : DEFAULT_CONFIG.serviceCalendar.holidays,
    },
    sla: {
      major: {
        firstResponseMinutes: env.SLA_MAJOR_FIRST_RESPONSE_MINUTES ?? DEFAULT_CONFIG.sla.major.firstResponseMinutes,
        resolutionDays: env.SLA_MAJOR_RESOLUTION_DAYS ?? DEFAULT_CONFIG.sla.major.resolutionDays,
      },
      medium: {
        firstResponseMinutes: env.SLA_FIRST_RESPONSE_MINUTES ?? DEFAULT_CONFIG.sla.medium.firstResponseMinutes,
        resolutionDays: env.SLA_RESOLUTION_DAYS ?? DEFAULT_CONFIG.sla.medium.resolutionDays,
      },
      general: {
        firstResponseMinutes: env.SLA_FIRST_RESPONSE_MINUTES ?? DEFAULT_CONFIG.sla.general.firstResponseMinutes,
        resolutionDays: env.SLA_RESOLUTION_DAYS ?? DEFAULT_CONFIG.sla.general.resolutionDays,
      },
    },
    reopenWindowDays: DEFAULT_CONFIG.reopenWindowDays,
    webhook: env.WEBHOOK_URL ? { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET ?? '', attempts: 4, backoffMs: 1000 } : null,
  };
}

/** The database a Worker talks to. */
export type WorkerDatabaseChoice = { kind: 'd1' } | { kind: 'libsql'; url: string; authToken?: string };

/**
 * Picks the Worker's database from its configuration: Turso/libSQL over HTTP when the
 * DATABASE_URL secret is set (it wins, so setting the secret is all it takes to switch),
 * otherwise the D1 binding `DB`. An embedded `file:` URL cannot work in an isolate.
 */
export function chooseWorkerDatabase(env: RuntimeEnv, hasD1Binding: boolean): WorkerDatabaseChoice {
  if (env.DATABASE_URL) {
    if (!/^(libsql|https?|wss?):\/\//.test(env.DATABASE_URL)) {
      throw new Error('config: DATABASE_URL must be a libsql://, https:// or wss:// URL on Workers (no files in an isolate)');
    }
    return { kind: 'libsql', url: env.DATABASE_URL, ...(env.DATABASE_AUTH_TOKEN ? { authToken: env.DATABASE_AUTH_TOKEN } : {}) };
  }
  if (hasD1Binding) return { kind: 'd1' };
  throw new Error('config: no database: bind a D1 database as DB in wrangler.toml, or set the DATABASE_URL secret (Turso)');
}

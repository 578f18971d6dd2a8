import type { Db } from './db/client.js';
import type { StaffRow } from './db/schema/index.js';
import { DEFAULT_POLICY, type BotPolicy } from './features/bot/bot.policy.js';
import type { BackendSetting } from './features/search/search.backend.js';
import type { SearchIndex } from './features/search/search.index.js';
import type { SemanticSearch } from './features/search/search.semantic.js';
import type { BackgroundTasks } from './lib/background.js';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Clock } from './lib/clock.js';
import type { EventBus } from './lib/events.js';
import type { Logger } from './lib/logger.js';
import type { WebhookConfig } from './lib/webhooks.js';
import { DEFAULT_CALENDAR, type ServiceCalendar } from './lib/service-calendar.js';

/** Settings read by the runtime entry from the environment or Worker bindings. */
export type AppConfig = {
  /** Origins allowed by CORS; `['*']` allows any (the API uses bearer tokens, not cookies). */
  corsOrigins: string[];
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Public base URL used in links (citations, canonical URLs). Empty: derive from the request. */
  publicBaseUrl: string;
  /** Days a search-log row is kept for analytics before it is purged. */
  searchLogRetentionDays: number;
  /**
   * Search backend (SEARCH_BACKEND): `memory` (in-process engine, snapshots for cold starts),
   * `fts5` (SQLite FTS5 in the database, for knowledge bases too large for an isolate's heap),
   * or `auto` (memory up to 10k published articles; docs/scaling.md).
   */
  searchBackend: BackendSetting;
  /** Requests per minute one anonymous client may make to each public API family. */
  rateLimitPerMinute: number;
  /** Longest customer chat message, in characters. */
  maxMessageChars: number;
  /** Messages one conversation may hold. */
  maxMessagesPerConversation: number;
  /** Time budget of one LLM answer before the extractive answer is used instead. */
  llmTimeoutMs: number;
  /** When the bot answers, asks, falls back or hands over (thresholds on its 0–1 confidence). */
  botPolicy: BotPolicy;
  /** When agents work: SLA clocks run and wait times are promised in this calendar. */
  serviceCalendar: ServiceCalendar;
  /** Service-level targets per severity: first contact (working minutes) and result (working days). */
  sla: Record<'major' | 'medium' | 'general', { firstResponseMinutes: number; resolutionDays: number }>;
  /** A customer writing again within this many days of a resolution reopens the case. */
  reopenWindowDays: number;
  /** Where handoff.created / handoff.resolved are POSTed, signed; none when unset. */
  webhook: WebhookConfig | null;
};

export const DEFAULT_CONFIG: AppConfig = {
  corsOrigins: ['*'],
  maxBodyBytes: 256 * 1024,
  publicBaseUrl: '',
  searchLogRetentionDays: 90,
  searchBackend: 'auto',
  rateLimitPerMinute: 120,
  maxMessageChars: 2000,
  maxMessagesPerConversation: 200,
  llmTimeoutMs: 8000,
  botPolicy: DEFAULT_POLICY,
  serviceCalendar: DEFAULT_CALENDAR,
  sla: {
    major: { firstResponseMinutes: 30, resolutionDays: 1 },
    medium: { firstResponseMinutes: 120, resolutionDays: 3 },
    general: { firstResponseMinutes: 120, resolutionDays: 3 },
  },
  reopenWindowDays: 7,
  webhook: null,
};

/**
 * Everything a service may depend on, built once per process (Node) or isolate (Workers) by
 * the runtime entry and reached through `c.var.deps`. Tests build their own and swap any part.
 */
export type Deps = {
  db: Db;
  clock: Clock;
  /** New unique, time-ordered id. */
  newId: () => string;
  config: AppConfig;
  logger: Logger;
  /** The live search index of this process or isolate. */
  search: SearchIndex;
  /** Work that must not delay a response. */
  background: BackgroundTasks;
  /** Live updates for SSE streams in this process or isolate. */
  events: EventBus;
  /** The optional LLM; without one the bot answers extractively from articles. */
  chatModel?: BaseChatModel | undefined;
  /** Optional semantic re-ranking with an embedding model; without it search is lexical only. */
  semantic?: SemanticSearch | undefined;
};

/** The authenticated staff member, when the request carried a valid bearer token. */
export type Staff = Pick<StaffRow, 'id' | 'name' | 'role'>;

export type AppEnv = {
  Bindings: object;
  Variables: {
    deps: Deps;
    staff: Staff | undefined;
    requestId: string;
  };
};

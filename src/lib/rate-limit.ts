import type { Context } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { AppEnv } from '../deps.js';
import { AppError } from './errors.js';
import { WindowStore } from './window-store.js';

/**
 * The caller's address: Cloudflare's header on Workers, the usual proxy headers behind one,
 * else the socket address that @hono/node-server exposes as `c.env.incoming` on Node.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const forwarded = c.req.header('cf-connecting-ip') ?? c.req.header('x-real-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0];
  if (forwarded) return forwarded.trim();
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * A per-client request budget (fixed one-minute window, kept in this process or isolate's
 * memory) for anonymous callers; staff are not limited. Over budget is a 429 problem with
 * Retry-After. `perMinute` reads the limit from config so tests and deployments can set it.
 */
export function limitRequests(name: string, perMinute: (c: Context<AppEnv>) => number) {
  return rateLimiter<AppEnv>({
    windowMs: 60_000,
    // Not the default MemoryStore: its timer, started here at module load, stops a Worker from starting.
    store: new WindowStore(60_000),
    limit: (c) => perMinute(c),
    standardHeaders: 'draft-7',
    keyGenerator: (c) => `${name}:${clientAddress(c)}`,
    skip: (c) => c.var.staff !== undefined,
    handler: (c) => {
      const info = c.get('rateLimit' as never) as { resetTime?: Date } | undefined;
      const retryAfter = info?.resetTime ? Math.max(1, Math.ceil((info.resetTime.getTime() - Date.now()) / 1000)) : 60;
      c.header('Retry-After', String(retryAfter));
      throw new AppError('rate_limited', `Too many requests; try again in ${retryAfter} s`, { extra: { retry_after: retryAfter } });
    },
  });
}

/**
 * In-memory hit counts for the rate limiter, without timers. hono-rate-limiter's MemoryStore
 * starts a setInterval when the middleware is created, at module load: Workers forbid timers
 * in global scope (the Worker fails to start), and a timer set during one request would not
 * outlive it. This store does the same two-generation cleanup lazily, on increments.
 */
import type { ClientRateLimitInfo, Store } from 'hono-rate-limiter';

type Client = { totalHits: number; resetTime: Date };

export class WindowStore implements Store {
  private previous = new Map<string, Client>();
  private current = new Map<string, Client>();
  private lastSweep = Date.now();

  constructor(private readonly windowMs: number) {}

  get(key: string): ClientRateLimitInfo | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  increment(key: string): ClientRateLimitInfo {
    const now = Date.now();
    this.sweep(now);
    const client = this.client(key, now);
    if (client.resetTime.getTime() <= now) this.reset(client, now);
    client.totalHits++;
    return client;
  }

  decrement(key: string): void {
    const client = this.get(key);
    if (client && client.totalHits > 0) client.totalHits--;
  }

  resetKey(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  resetAll(): void {
    this.current.clear();
    this.previous.clear();
  }

  /** Clients idle for a whole window are dropped: each sweep forgets the generation before. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.previous = this.current;
    this.current = new Map();
    this.lastSweep = now;
  }

  private client(key: string, now: number): Client {
    let client = this.current.get(key);
    if (client) return client;
    client = this.previous.get(key);
    if (client) this.previous.delete(key);
    else client = this.reset({ totalHits: 0, resetTime: new Date() }, now);
    this.current.set(key, client);
    return client;
  }

  private reset(client: Client, now: number): Client {
    client.totalHits = 0;
    client.resetTime = new Date(now + this.windowMs);
    return client;
  }
}

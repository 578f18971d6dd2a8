/**
 * Work that must not delay a response (search logging, webhooks, the LLM handoff summary).
 * On Workers an isolate may be frozen as soon as the response is sent, so each task is handed
 * to the request's `waitUntil`; on Node it runs detached. Either way it is tracked, so tests
 * and shutdown can wait for it with `flush()`.
 */
import type { Context } from 'hono';

export type BackgroundOptions = {
  /**
   * Keeps the current request alive until `promise` settles, for tasks started without a Hono
   * context (deep in a service). The Worker passes `waitUntil` from `cloudflare:workers`, which
   * finds the request by itself; Node passes nothing.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
};

export class BackgroundTasks {
  private pending = new Set<Promise<unknown>>();
  private generations = new Map<string, number>();

  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly options: BackgroundOptions = {},
  ) {}

  /** Starts `task` now; `c` (when the caller has one) ties it to that request on Workers. */
  run(c: Context | undefined, task: () => Promise<unknown>): void {
    const promise = task().catch(this.onError);
    this.keepAlive(c, promise);
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  /**
   * Starts `task` after `delayMs` unless another call with the same `key` comes meanwhile
   * (then only the last one runs): one piece of work for a burst of changes.
   */
  debounce(c: Context | undefined, key: string, delayMs: number, task: () => Promise<unknown>): void {
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    this.run(c, async () => {
      await new Promise<void>((resolve) => setTimeout(resolve, delayMs));
      if (this.generations.get(key) === generation) await task();
    });
  }

  /** Resolves when every task started so far has ended. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private keepAlive(c: Context | undefined, promise: Promise<unknown>): void {
    if (c) {
      try {
        c.executionCtx.waitUntil(promise);
        return;
      } catch {
        // Not on Workers: Hono throws when there is no execution context.
      }
    }
    try {
      this.options.waitUntil?.(promise);
    } catch {
      // Outside a request (module start-up): nothing to extend; the task still runs.
    }
  }
}

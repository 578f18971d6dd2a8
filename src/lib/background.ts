import type { Context } from 'hono';

/**
 * Work that must not delay the response (analytics writes, webhooks). On Workers it is handed
 * to `executionCtx.waitUntil`, which keeps the isolate alive until it ends; on Node it runs
 * detached and is tracked so tests and shutdown can wait for it.
 */
export class BackgroundTasks {
  private pending = new Set<Promise<unknown>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  run(c: Context | undefined, task: () => Promise<unknown>): void {
    const promise = task().catch(this.onError);
    if (c) {
      try {
        c.executionCtx.waitUntil(promise);
        return;
      } catch {
        // Not on Workers: Hono throws when there is no execution context.
      }
    }
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  /** Resolves when every task started so far has ended. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}

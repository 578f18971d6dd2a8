import type { SSEStreamingApi } from 'hono/streaming';
import type { EventBus, LiveEvent } from './events.js';

export type LiveStreamOptions = {
  bus: EventBus;
  channel: string;
  /**
   * Called every `pollMs`, and at once when the bus carries an event: reads what is new (the
   * database is the source of truth, other processes write too), writes it, and receives the
   * bus events that arrived since the last call. Returns how many events it wrote.
   */
  tick: (stream: SSEStreamingApi, busEvents: LiveEvent[]) => Promise<number>;
  pollMs?: number;
  heartbeatMs?: number;
  /** Streams end after this; clients reconnect with Last-Event-ID. */
  maxMs?: number;
};

/** The loop behind every SSE endpoint: poll, wake early on the bus, keep the connection alive. */
export async function runLiveStream(stream: SSEStreamingApi, options: LiveStreamOptions): Promise<void> {
  const { pollMs = 2000, heartbeatMs = 15_000, maxMs = 10 * 60_000 } = options;
  const pending: LiveEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = options.bus.subscribe(options.channel, (event) => {
    pending.push(event);
    wake?.();
  });
  stream.onAbort(unsubscribe);
  const started = Date.now();
  let lastWrite = Date.now();
  try {
    while (!stream.aborted && !stream.closed && Date.now() - started < maxMs) {
      if ((await options.tick(stream, pending.splice(0))) > 0) lastWrite = Date.now();
      if (Date.now() - lastWrite >= heartbeatMs) {
        await stream.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
      if (pending.length === 0) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, Math.min(pollMs, heartbeatMs));
        });
      }
      wake = undefined;
    }
  } finally {
    unsubscribe();
  }
}

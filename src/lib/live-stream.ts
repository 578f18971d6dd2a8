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

/** How often a waiting stream looks for bus events (the latency they may add). */
const BUS_CHECK_MS = 50;

/** The loop behind every SSE endpoint: poll, wake early on the bus, keep the connection alive. */
export async function runLiveStream(stream: SSEStreamingApi, options: LiveStreamOptions): Promise<void> {
  const { pollMs = 2000, heartbeatMs = 15_000, maxMs = 10 * 60_000 } = options;
  const pending: LiveEvent[] = [];
  // The listener only queues: it runs inside the publishing request, and on Workers a promise
  // resolved there would continue this loop in that request, where this stream's I/O (D1,
  // the response body) is forbidden. The loop wakes itself on its own timers instead.
  const unsubscribe = options.bus.subscribe(options.channel, (event) => {
    pending.push(event);
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
      const until = Date.now() + Math.min(pollMs, heartbeatMs);
      while (pending.length === 0 && Date.now() < until && !stream.aborted) {
        await new Promise<void>((resolve) => setTimeout(resolve, Math.min(BUS_CHECK_MS, until - Date.now())));
      }
    }
  } finally {
    unsubscribe();
  }
}

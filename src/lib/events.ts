/**
 * In-process publish/subscribe for live updates (SSE). It only reaches listeners in the same
 * process or isolate; streams also poll the database, so events from elsewhere still arrive.
 */
export type LiveEvent = { type: string; id?: string; data: unknown };
type Listener = (event: LiveEvent) => void;

export class EventBus {
  private channels = new Map<string, Set<Listener>>();

  publish(channel: string, event: LiveEvent): void {
    for (const listener of this.channels.get(channel) ?? []) listener(event);
  }

  /** Returns the function that unsubscribes. */
  subscribe(channel: string, listener: Listener): () => void {
    let set = this.channels.get(channel);
    if (!set) {
      set = new Set();
      this.channels.set(channel, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      // Only our own set: a second call after a new subscriber made a new set must not drop it.
      if (set.size === 0 && this.channels.get(channel) === set) this.channels.delete(channel);
    };
  }

  listenerCount(channel: string): number {
    return this.channels.get(channel)?.size ?? 0;
  }
}

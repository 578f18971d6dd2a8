// The in-process event bus behind every SSE stream.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../src/lib/events.js';

describe('EventBus', () => {
  it('keeps a new subscriber when an old one unsubscribes twice (a stream aborted, then finished)', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const unsubscribeOld = bus.subscribe('conversation:1', () => seen.push('old'));
    unsubscribeOld(); // the old stream's onAbort: the channel empties
    bus.subscribe('conversation:1', (e) => seen.push(`new:${e.type}`)); // the reloaded page's stream
    unsubscribeOld(); // the old stream's loop ends later and unsubscribes again
    bus.publish('conversation:1', { type: 'status', data: { status: 'resolved' } });
    expect(seen).toEqual(['new:status']);
    expect(bus.listenerCount('conversation:1')).toBe(1);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { WindowStore } from '../../src/lib/window-store.js';

describe('WindowStore (timer-free rate-limit counts)', () => {
  afterEach(() => vi.useRealTimers());

  it('counts hits per key, resets after the window, and forgets idle keys without a timer', () => {
    vi.useFakeTimers({ now: 0 });
    const store = new WindowStore(60_000);
    expect(store.increment('a').totalHits).toBe(1);
    expect(store.increment('a').totalHits).toBe(2);
    expect(store.increment('b').totalHits).toBe(1);
    store.decrement('a');
    expect(store.get('a')?.totalHits).toBe(1);
    expect(vi.getTimerCount()).toBe(0);

    vi.setSystemTime(61_000);
    expect(store.increment('a').totalHits).toBe(1); // window over: a fresh count
    expect(store.get('b')?.totalHits).toBe(1); // idle for one window: still remembered
    vi.setSystemTime(122_000);
    store.increment('a');
    expect(store.get('b')).toBeUndefined(); // idle for two: forgotten
    store.resetKey('a');
    expect(store.get('a')).toBeUndefined();
  });
});

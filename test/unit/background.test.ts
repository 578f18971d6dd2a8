import { describe, expect, it } from 'vitest';
import { BackgroundTasks } from '../../src/lib/background.js';

describe('background tasks', () => {
  it('runs only the last of a burst of debounced tasks per key, and tasks of other keys too', async () => {
    const tasks = new BackgroundTasks((error) => {
      throw error;
    });
    const ran: string[] = [];
    for (const n of [1, 2, 3]) tasks.debounce(undefined, 'a', 20, async () => void ran.push(`a${n}`));
    tasks.debounce(undefined, 'b', 20, async () => void ran.push('b1'));
    await tasks.flush();
    expect(ran.sort()).toEqual(['a3', 'b1']);
    // A later call after the burst runs again.
    tasks.debounce(undefined, 'a', 5, async () => void ran.push('a4'));
    await tasks.flush();
    expect(ran).toContain('a4');
  });
});

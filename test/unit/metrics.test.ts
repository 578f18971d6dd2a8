import { describe, expect, it } from 'vitest';
import { auroc, percentile, rankOf, retrievalMetrics } from '../../scripts/lib/metrics.js';

describe('evaluation metrics', () => {
  it('computes recall and MRR from ranks', () => {
    expect(rankOf(['a', 'b', 'c'], 'b')).toBe(2);
    expect(rankOf(['a'], 'z')).toBe(0);
    const m = retrievalMetrics([1, 2, 0, 6]);
    expect(m.r1).toBe(0.25);
    expect(m.r5).toBe(0.5);
    expect(m.mrr10).toBeCloseTo((1 + 0.5 + 0 + 1 / 6) / 4);
  });

  it('computes AUROC with ties counted half', () => {
    expect(auroc([0.9, 0.8], [0.1, 0.2])).toBe(1);
    expect(auroc([0.1], [0.9])).toBe(0);
    expect(auroc([0.5], [0.5])).toBe(0.5);
    expect(auroc([0.9, 0.4], [0.5, 0.1])).toBe(0.75);
    expect(auroc([0.5], [])).toBeNull();
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([], 99)).toBe(0);
  });
});

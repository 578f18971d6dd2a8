/** Retrieval and detection metrics for the evaluation harness. */

/** 1-based rank of `expected` in `ranked`, or 0 when absent. */
export function rankOf(ranked: readonly string[], expected: string): number {
  const i = ranked.indexOf(expected);
  return i < 0 ? 0 : i + 1;
}

/** Recall@k, MRR@10 over in-scope queries given each query's rank (0 = not found). */
export function retrievalMetrics(ranks: readonly number[]) {
  const n = ranks.length || 1;
  const within = (k: number) => ranks.filter((r) => r > 0 && r <= k).length / n;
  const mrr10 = ranks.reduce((sum, r) => sum + (r > 0 && r <= 10 ? 1 / r : 0), 0) / n;
  return { r1: within(1), r5: within(5), mrr10 };
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative (ties count half). Here positives are in-scope queries, scored by top confidence.
 */
export function auroc(positives: readonly number[], negatives: readonly number[]): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  const all = [...positives.map((s) => ({ s, p: 1 })), ...negatives.map((s) => ({ s, p: 0 }))].sort((a, b) => a.s - b.s);
  // Rank-sum (Mann–Whitney U) with average ranks for ties.
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.s === all[i]!.s) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]!.p === 1) rankSumPos += avgRank;
    i = j;
  }
  const np = positives.length;
  const nn = negatives.length;
  return (rankSumPos - (np * (np + 1)) / 2) / (np * nn);
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

/** Query latency percentiles (ms): 50 warm-up calls, then every query once, awaited one at a time. */
export async function latencyPercentiles<Q>(queries: readonly Q[], run: (q: Q) => unknown): Promise<{ p50: number; p95: number; p99: number }> {
  for (const q of queries.slice(0, 50)) await run(q);
  const times: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    await run(q);
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

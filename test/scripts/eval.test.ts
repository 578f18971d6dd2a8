import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddingsServer } from '../support/concept-embeddings-server.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

const articles = [
  { id: 'REFUND_TIME', title: 'Refund time', body: 'Refunds arrive in 1-5 days.', locale: 'en', questions: ['when do i get my money back', 'refund not received yet'] },
  { id: 'TRACK_ORDER', title: 'Track order', body: 'Open Orders to track.', locale: 'en', questions: ['where is my parcel', 'track my package'] },
  { id: 'zh_refund', title: '退款到账时间', body: '退款一般1到5个工作日到账。', locale: 'zh' },
  { id: 'zh_invoice', title: '如何开发票', body: '在订单页面申请电子发票。', locale: 'zh' },
];
const queries = [
  { q: 'my money back when', expected: 'REFUND_TIME', locale: 'en' },
  { q: 'where is my package', expected: 'TRACK_ORDER', locale: 'en' },
  { q: '退款多久到账', expected: 'zh_refund', locale: 'zh', extra: 'ignored' },
  { q: '开发票', expected: 'zh_invoice', locale: 'zh' },
  { q: 'what is the weather in paris', expected: null, locale: 'en' },
  { q: '今天天气怎么样', expected: null, locale: 'zh' },
];

describe('npm run eval', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('scores any folder in the dataset format and ends stdout with one JSON line', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eval-'));
    await writeFile(path.join(dir, 'articles.jsonl'), articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
    await writeFile(path.join(dir, 'queries.jsonl'), queries.map((q) => JSON.stringify(q)).join('\n') + '\n');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', dir, '--json'], { cwd: ROOT });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toContain('4 articles, 6 queries (2 out of scope)');
    const result = JSON.parse(lines.at(-1)!);
    expect(result).toMatchObject({ articles: 4, queries: 6, search: { r1: 1, r5: 1, mrr10: 1 }, oos: { auroc: 1 } });
    expect(result.latency_ms.p95).toBeGreaterThan(0);
  }, 60_000);

  it('blends in a configured embedding model with --semantic (through the product\'s embedding job)', async () => {
    const server = await startEmbeddingsServer();
    try {
      const semanticDir = await mkdtemp(path.join(tmpdir(), 'eval-semantic-'));
      // Ten English articles at least: semantic scores are read against the locale's articles.
      const topics = ['Gift cards', 'Store hours', 'Company invoices', 'Student discount', 'Warranty repairs', 'Size guide', 'Loyalty points', 'Price match'];
      const more = topics.map((title, i) => ({ id: `TOPIC_${i}`, title, body: `${title}: what to know.`, locale: 'en' }));
      await writeFile(path.join(semanticDir, 'articles.jsonl'), [...articles, ...more].map((a) => JSON.stringify(a)).join('\n') + '\n');
      // Shares no word with its article: only the embedding model can find it.
      const paraphrase = [{ q: 'reimburse', expected: 'REFUND_TIME', locale: 'en' }, ...queries];
      await writeFile(path.join(semanticDir, 'queries.jsonl'), paraphrase.map((q) => JSON.stringify(q)).join('\n') + '\n');
      const env = { ...process.env, EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_BASE_URL: server.url, EMBEDDINGS_MODEL: 'concepts-http' };
      const lexical = JSON.parse((await run(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', semanticDir, '--json'], { cwd: ROOT, env })).stdout.trim().split('\n').at(-1)!);
      expect(lexical.search.r1).toBeLessThan(1);
      expect(lexical.semantic).toBeNull();
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', semanticDir, '--json', '--semantic'], { cwd: ROOT, env });
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
      expect(result.semantic).toEqual({ model: 'concepts-http', weight: 1 });
      expect(result.search.r1).toBe(1);
      await rm(semanticDir, { recursive: true, force: true });
    } finally {
      server.server.close();
    }
  }, 90_000);

  it('fits articles the product would refuse instead of losing them, and scores slugs per locale', async () => {
    const odd = await mkdtemp(path.join(tmpdir(), 'eval-odd-'));
    const rows = [
      // Regional locales, one id whose slug exists in both languages.
      { id: 'Refund', title: 'Refund time', body: 'Refunds arrive in 1-5 days.', locale: 'en-US', questions: ['when do i get my money back', '', '  '] },
      { id: 'refund', title: '退款到账时间', body: '退款一般1到5个工作日到账。', locale: 'zh_CN' },
      // Longer than the product's limits: a 250-character title, a 400-character question.
      { id: 'long', title: `Shipping to islands ${'and remote areas '.repeat(14)}`, body: 'Extra days apply.', locale: 'en', questions: [`can you ship to my island ${'really far away '.repeat(25)}`] },
    ];
    await writeFile(path.join(odd, 'articles.jsonl'), rows.map((a) => JSON.stringify(a)).join('\n') + '\n');
    const qs = [
      { q: 'money back when', expected: 'Refund', locale: 'en-GB' },
      { q: '退款多久到账', expected: 'refund', locale: 'zh-CN' },
      { q: 'ship to an island', expected: 'long', locale: 'en' },
    ];
    await writeFile(path.join(odd, 'queries.jsonl'), qs.map((q) => JSON.stringify(q)).join('\n') + '\n');
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', odd, '--json'], { cwd: ROOT });
    expect(stderr).not.toMatch(/import rejected/);
    expect(stderr).toMatch(/3 articles fitted to the product's limits/);
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ articles: 3, search: { r1: 1 } });
    await rm(odd, { recursive: true, force: true });
  }, 60_000);

  it('fails with a clear message on a malformed dataset', async () => {
    const bad = await mkdtemp(path.join(tmpdir(), 'eval-bad-'));
    await writeFile(path.join(bad, 'articles.jsonl'), '{"id": "x"}\n');
    await writeFile(path.join(bad, 'queries.jsonl'), '');
    const error = await run(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', bad], { cwd: ROOT }).catch((e: { stderr: string }) => e);
    expect((error as { stderr: string }).stderr).toMatch(/articles\.jsonl:1: title/);
    await rm(bad, { recursive: true, force: true });
  }, 60_000);
});

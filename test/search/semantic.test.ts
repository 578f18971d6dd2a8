/**
 * Semantic re-ranking with an embedding model (optional): paraphrases that share no word with
 * any article are found; a failing or slow model never changes lexical results; internal
 * articles stay internal; the embedding job re-embeds only what changed; and the product's real
 * OpenAI-compatible client works against an `/embeddings` endpoint over HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { articles, articleVectors } from '../../src/db/schema/index.js';
import { SemanticSearch } from '../../src/features/search/search.semantic.js';
import { rankArticles } from '../../src/features/search/search.service.js';
import { decodeVector, dotAt, encodeVector, quantize, unitVector } from '../../src/features/search/search.vectormath.js';
import { articleParts, passages, runVectorSync, syncVectors } from '../../src/features/search/search.vectors.js';
import { readEnv } from '../../src/runtime/config.js';
import { createSemanticSearch } from '../../src/runtime/embeddings.js';
import { ConceptEmbeddings } from '../support/concept-embeddings.js';
import { startEmbeddingsServer } from '../support/concept-embeddings-server.js';
import { createStaffToken, createTestApp, insertArticle, insertCategory } from '../helpers.js';

type Hit = { slug: string; score: number; audience: string; explain?: { semantic_match?: number } };
type Body = { results: Hit[] };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function seed(db: Parameters<typeof insertArticle>[0]) {
  await insertArticle(db, { slug: 'assistant-age', title: 'How old is the assistant?', body: 'The assistant was launched in 2019.', questions: ['when is your birthday'] });
  await insertArticle(db, { slug: 'track-order', title: 'Track my order', body: 'Open Orders and tap Track to follow the courier.', questions: ['where is my order'] });
  await insertArticle(db, { slug: 'refund-time', title: 'When will my refund arrive?', body: 'Refunds reach your card in 1-5 working days.', questions: ['refund not received'] });
  await insertArticle(db, { slug: 'reset-password', title: 'Reset your password', body: 'Use Forgot password on the sign-in page.', questions: [] });
  // A knowledge base of some size: the semantic score is read against the locale's articles.
  const topics = ['Gift cards', 'Store opening hours', 'Invoices for companies', 'Student discount', 'Warranty repairs', 'Size guide', 'Loyalty points', 'Price match'];
  for (const [i, title] of topics.entries()) await insertArticle(db, { slug: `topic-${i}`, title, body: `${title}: everything you need to know.`, category: 'help' });
}

function semanticWith(embeddings: ConceptEmbeddings, timeoutMs = 1000) {
  return new SemanticSearch(embeddings, { model: 'concepts-test', weight: 1, timeoutMs, checkIntervalMs: 0 });
}

describe('semantic re-ranking', () => {
  it('finds a paraphrase that shares no word with the article, which lexical search cannot', async () => {
    const lexical = await createTestApp();
    await seed(lexical.deps.db);
    const before = (await (await lexical.request('/api/search?q=what%27s+your+bday&locale=en')).json()) as Body;
    expect(before.results.map((r) => r.slug)).not.toContain('assistant-age');

    const embeddings = new ConceptEmbeddings();
    const t = await createTestApp({ semantic: semanticWith(embeddings) });
    await seed(t.deps.db);
    expect(await runVectorSync(t.deps)).toMatchObject({ embedded: expect.any(Number), removed: 0, articles: 12 });
    const { token } = await createStaffToken(t.deps, 'agent');
    const res = await t.request('/api/search?q=what%27s+your+bday&locale=en&explain=1', { token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    expect(body.results[0]?.slug).toBe('assistant-age');
    expect(body.results[0]?.explain?.semantic_match).toBeGreaterThan(0.5);
    // A query both sides agree on keeps its article first, with a higher score than either alone.
    const both = (await (await t.request('/api/search?q=refund+money+back&locale=en')).json()) as Body;
    expect(both.results[0]?.slug).toBe('refund-time');
  });

  it('leaves the lexical ranking as it is when the model fails or is too slow', async () => {
    const plain = await createTestApp();
    await seed(plain.deps.db);
    const expected = (await (await plain.request('/api/search?q=track+order&locale=en')).json()) as Body;
    expect(expected.results[0]?.slug).toBe('track-order');

    for (const embeddings of [new ConceptEmbeddings({ failQueries: true }), new ConceptEmbeddings({ queryDelayMs: 300 })]) {
      const t = await createTestApp({ semantic: semanticWith(embeddings, 100) });
      await seed(t.deps.db);
      await runVectorSync(t.deps);
      const res = await t.request('/api/search?q=track+order&locale=en');
      expect(res.status).toBe(200);
      const body = (await res.json()) as Body;
      expect(body.results.map((r) => [r.slug, r.score])).toEqual(expected.results.map((r) => [r.slug, r.score]));
      expect(embeddings.queries).toBe(1);
    }
  });

  it('never shows internal articles to anonymous callers; agents find them by meaning', async () => {
    const t = await createTestApp({ semantic: semanticWith(new ConceptEmbeddings()) });
    await seed(t.deps.db);
    const internal = await insertArticle(t.deps.db, { slug: 'internal-reimburse', title: 'Manual refund for VIP customers', body: 'Agents issue it in the back office.', audience: 'internal' });
    await runVectorSync(t.deps);
    // The ranking itself (what the bot reads), not only the API's last filter.
    const { ranked } = await rankArticles(t.deps, { q: 'give me my money back', locale: 'en', limit: 50 }, {});
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.map((r) => r.id)).not.toContain(internal.id);
    const staffRanked = await rankArticles(t.deps, { q: 'give me my money back', locale: 'en', limit: 50 }, { staff: { id: 's', name: 'A', role: 'agent' } });
    expect(staffRanked.ranked.map((r) => r.id)).toContain(internal.id);
    const anonymous = (await (await t.request('/api/search?q=give+me+my+money+back&locale=en')).json()) as Body;
    expect(anonymous.results.every((r) => r.audience === 'public')).toBe(true);
    expect(anonymous.results.map((r) => r.slug)).not.toContain('internal-reimburse');
    const { token } = await createStaffToken(t.deps, 'agent');
    const staff = (await (await t.request('/api/search?q=reimburse+vip&locale=en', { token })).json()) as Body;
    expect(staff.results[0]?.slug).toBe('internal-reimburse');
  });

  it('re-embeds only the parts that changed and drops the vectors of unpublished articles', async () => {
    const embeddings = new ConceptEmbeddings();
    const t = await createTestApp({ semantic: semanticWith(embeddings) });
    await seed(t.deps.db);
    const semantic = t.deps.semantic!;
    const first = await syncVectors(t.deps.db, semantic, new Date());
    const stored = await t.deps.db.select().from(articleVectors);
    expect(first.embedded).toBe(stored.length);
    expect(embeddings.documents).toBe(stored.length);

    expect((await syncVectors(t.deps.db, semantic, new Date())).embedded).toBe(0);
    const [age] = await t.deps.db.select().from(articles).where(eq(articles.slug, 'assistant-age'));
    await t.deps.db.update(articles).set({ title: 'How old is the assistant, and when was it born?' }).where(eq(articles.id, age!.id));
    expect(await syncVectors(t.deps.db, semantic, new Date())).toMatchObject({ embedded: 1, removed: 0 });

    const [track] = await t.deps.db.select().from(articles).where(eq(articles.slug, 'track-order'));
    const trackParts = (await t.deps.db.select().from(articleVectors).where(eq(articleVectors.articleId, track!.id))).length;
    await t.deps.db.update(articles).set({ status: 'archived' }).where(eq(articles.id, track!.id));
    expect(await syncVectors(t.deps.db, semantic, new Date())).toMatchObject({ embedded: 0, removed: trackParts });
    expect(await t.deps.db.select().from(articleVectors).where(eq(articleVectors.articleId, track!.id))).toEqual([]);
    // Other articles' vectors are untouched.
    expect((await t.deps.db.select().from(articleVectors)).length).toBe(stored.length - trackParts);
  });

  it('embeds an article an editor publishes, in the background, and finds it by meaning', async () => {
    const embeddings = new ConceptEmbeddings();
    const t = await createTestApp({ semantic: semanticWith(embeddings) });
    await seed(t.deps.db);
    await runVectorSync(t.deps);
    const { token } = await createStaffToken(t.deps, 'editor');
    const created = await t.request('/api/articles', {
      method: 'POST',
      token,
      body: JSON.stringify({ locale: 'en', slug: 'stop-subscription', title: 'Cancel your subscription', body: 'Open Settings, then Plan.', category: 'orders' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await t.request(`/api/articles/${id}/publish`, { method: 'POST', token })).status).toBe(200);
    const started = Date.now();
    let top: string | undefined;
    while (Date.now() - started < 5000 && top !== 'stop-subscription') {
      await new Promise((r) => setTimeout(r, 100));
      top = ((await (await t.request('/api/search?q=stop+paying&locale=en')).json()) as Body).results[0]?.slug;
    }
    expect(top).toBe('stop-subscription');
    expect((await t.deps.db.select().from(articleVectors).where(eq(articleVectors.articleId, id))).length).toBe(2);
  });

  it('serves re-embedded vectors at once, even when the clock stands still', async () => {
    // The test clock is fixed: every run writes the same updated_at, so only the counter tells.
    const t = await createTestApp({ semantic: semanticWith(new ConceptEmbeddings()) });
    await seed(t.deps.db);
    await runVectorSync(t.deps);
    const top = async (q: string) => ((await (await t.request(`/api/search?q=${q}&locale=en`)).json()) as Body).results[0]?.slug;
    expect(await top('passcode')).toBe('reset-password');
    const [gift] = await t.deps.db.select().from(articles).where(eq(articles.slug, 'topic-0'));
    await t.deps.db.update(articles).set({ title: 'Shipment insurance' }).where(eq(articles.id, gift!.id));
    // A search between the edit and the embedding job loads the vectors as they were.
    await top('insure+my+parcel');
    await runVectorSync(t.deps);
    expect(await top('insure+my+parcel')).toBe('topic-0');
  });

  it('never holds a search up while a new process loads the vectors: lexical first, meaning once loaded', async () => {
    const t = await createTestApp({ semantic: semanticWith(new ConceptEmbeddings()) });
    await seed(t.deps.db);
    await runVectorSync(t.deps);
    t.deps.semantic = semanticWith(new ConceptEmbeddings()); // as a freshly started isolate
    const top = async () => ((await (await t.request('/api/search?q=bday&locale=en')).json()) as Body).results[0]?.slug;
    expect(await top()).not.toBe('assistant-age');
    await t.deps.background.flush();
    expect(await top()).toBe('assistant-age');
  });

  it('loads vectors in pages and scores the same; over the memory budget it stays lexical and says so', async () => {
    const t = await createTestApp({ semantic: semanticWith(new ConceptEmbeddings()) });
    await seed(t.deps.db);
    await runVectorSync(t.deps);
    const filter = { locale: 'en', audiences: ['public'] };
    const whole = await t.deps.semantic!.scores('bday', filter, t.deps.logger);
    const paged = new SemanticSearch(new ConceptEmbeddings(), { model: 'concepts-test', weight: 1, timeoutMs: 1000, loadPage: 3 });
    await paged.refresh(t.deps.db, 'v', Date.now(), t.deps.logger);
    expect(paged.size).toBe(t.deps.semantic!.size);
    expect(await paged.scores('bday', filter, t.deps.logger)).toEqual(whole);

    const warnings: string[] = [];
    const logger = { ...t.deps.logger, warn: (msg: string) => void warnings.push(msg) };
    const small = new SemanticSearch(new ConceptEmbeddings(), { model: 'concepts-test', weight: 1, timeoutMs: 1000, maxBytes: 100 });
    await small.refresh(t.deps.db, 'v', Date.now(), logger);
    expect(small.size).toBe(0);
    expect(await small.scores('bday', filter, logger)).toBeNull();
    expect(warnings.some((w) => w.includes('in-memory budget'))).toBe(true);
  });

  it('embeds each part once when several runs are asked for at the same time', async () => {
    const embeddings = new ConceptEmbeddings();
    const t = await createTestApp({ semantic: semanticWith(embeddings) });
    await seed(t.deps.db);
    const reports = await Promise.all([runVectorSync(t.deps), runVectorSync(t.deps), runVectorSync(t.deps)]);
    const stored = (await t.deps.db.select().from(articleVectors)).length;
    expect(embeddings.documents).toBe(stored);
    expect(reports.every((r) => r !== null)).toBe(true);
  });

  it('keeps the lexical score of an article not embedded yet, and of a one-article category', async () => {
    const plain = await createTestApp();
    const t = await createTestApp({ semantic: semanticWith(new ConceptEmbeddings()) });
    for (const app of [plain, t]) await seed(app.deps.db);
    await runVectorSync(t.deps);
    for (const app of [plain, t]) await insertArticle(app.deps.db, { slug: 'late', title: 'Holiday delivery schedule', body: 'Orders placed after 20 December arrive in January.' });
    const scoreOf = async (app: typeof t, q: string, extra = '') =>
      ((await (await app.request(`/api/search?q=${q}&locale=en${extra}`)).json()) as Body).results.find((r) => r.slug === 'late')?.score;
    expect(await scoreOf(t, 'holiday+delivery+schedule')).toBe(await scoreOf(plain, 'holiday+delivery+schedule'));
    await runVectorSync(t.deps);
    // Alone in its category, the article is still read against all English articles: a full score.
    const [one] = await t.deps.db.select().from(articles).where(eq(articles.slug, 'reset-password'));
    await insertCategory(t.deps.db, 'account');
    await t.deps.db.update(articles).set({ category: 'account' }).where(eq(articles.id, one!.id));
    await insertArticle(t.deps.db, { slug: 'noise', title: 'Noise', category: 'account', status: 'draft' });
    const alone = ((await (await t.request('/api/search?q=reset+password&locale=en&category=account')).json()) as Body).results[0];
    expect(alone?.slug).toBe('reset-password');
    expect(alone!.score).toBeGreaterThan(0.7);
  });

  it('uses lexical search alone for a knowledge base too small to read meaning against', async () => {
    const plain = await createTestApp();
    const t = await createTestApp({ semantic: semanticWith(new ConceptEmbeddings()) });
    for (const app of [plain, t]) {
      await insertArticle(app.deps.db, { slug: 'a', title: 'Track my order', body: 'Open Orders.' });
      await insertArticle(app.deps.db, { slug: 'b', title: 'Refunds', body: 'Within 5 days.' });
    }
    await runVectorSync(t.deps);
    const results = async (app: typeof t) => ((await (await app.request('/api/search?q=track+refund&locale=en')).json()) as Body).results.map((r) => [r.slug, r.score]);
    expect(await results(t)).toEqual(await results(plain));
  });

  it('falls back to lexical results when the stored vectors cannot be loaded', async () => {
    const plain = await createTestApp();
    const t = await createTestApp({ semantic: semanticWith(new ConceptEmbeddings()) });
    for (const app of [plain, t]) await seed(app.deps.db);
    await runVectorSync(t.deps);
    await t.deps.db.run(sql`ALTER TABLE article_vectors RENAME TO article_vectors_gone`);
    // A new process (nothing in memory yet) whose load fails: lexical results, the failure logged.
    t.deps.semantic = semanticWith(new ConceptEmbeddings());
    const warnings: string[] = [];
    t.deps.logger = { ...t.deps.logger, warn: (msg: string) => void warnings.push(msg) };
    const res = await t.request('/api/search?q=track+order&locale=en');
    await t.deps.background.flush();
    expect(warnings.some((w) => w.includes('could not be loaded'))).toBe(true);
    expect(res.status).toBe(200);
    const expected = ((await (await plain.request('/api/search?q=track+order&locale=en')).json()) as Body).results;
    expect(((await res.json()) as Body).results.map((r) => r.slug)).toEqual(expected.map((r) => r.slug));
  });

  it('skips vectors the model gets wrong and re-embeds everything when its size changes', async () => {
    const embeddings = new ConceptEmbeddings();
    const t = await createTestApp({ semantic: semanticWith(embeddings) });
    await seed(t.deps.db);
    const original = embeddings.embedDocuments.bind(embeddings);
    // An empty vector for one text: that part is refused (not stored), the rest are.
    embeddings.embedDocuments = async (texts) => (await original(texts)).map((v, i) => (texts[i] === 'Reset your password' ? v.map(() => 0) : v));
    const first = await runVectorSync(t.deps);
    expect(first).toMatchObject({ refused: 1 });
    const count = (await t.deps.db.select().from(articleVectors)).length;
    expect(count).toBe(first!.embedded);
    // The same model name now answers with longer vectors: every part is embedded again.
    embeddings.embedDocuments = async (texts) => (await original(texts)).map((v) => [...v, 0.5]);
    const [one] = await t.deps.db.select().from(articles).where(eq(articles.slug, 'track-order'));
    await t.deps.db.update(articles).set({ title: 'Track my order online' }).where(eq(articles.id, one!.id));
    const second = await runVectorSync(t.deps);
    expect(second!.embedded).toBe(count);
    expect(new Set((await t.deps.db.select().from(articleVectors)).map((r) => r.dims))).toEqual(new Set([22]));
  });

  it('skips a text the model refuses, wherever it sits in a batch, and embeds the others', async () => {
    const embeddings = new ConceptEmbeddings();
    const t = await createTestApp({ semantic: semanticWith(embeddings) });
    await seed(t.deps.db);
    const original = embeddings.embedDocuments.bind(embeddings);
    const tooLong = Object.assign(new Error('This model maximum context length is 512 tokens'), { status: 400 });
    embeddings.embedDocuments = async (texts) => {
      if (texts.includes('How old is the assistant?')) throw tooLong;
      return original(texts);
    };
    const report = await runVectorSync(t.deps);
    expect(report).toMatchObject({ refused: 1 });
    expect(report!.embedded).toBeGreaterThan(20);
    expect((await t.deps.db.select().from(articleVectors)).length).toBe(report!.embedded);
  });

  it('treats an unreachable model as an outage: nothing is skipped, the next run catches up', async () => {
    const embeddings = new ConceptEmbeddings();
    const t = await createTestApp({ semantic: semanticWith(embeddings) });
    await seed(t.deps.db);
    await runVectorSync(t.deps);
    const original = embeddings.embedDocuments.bind(embeddings);
    embeddings.embedDocuments = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), { code: 'ECONNREFUSED' });
    };
    const [age] = await t.deps.db.select().from(articles).where(eq(articles.slug, 'assistant-age'));
    await t.deps.db.update(articles).set({ title: 'How old is the assistant? When was it born?' }).where(eq(articles.id, age!.id));
    expect(await runVectorSync(t.deps)).toBeNull();
    expect(t.deps.semantic!.refused.size).toBe(0);
    embeddings.embedDocuments = original;
    expect(await runVectorSync(t.deps)).toMatchObject({ embedded: 1, refused: 0 });
  });

  it('re-embeds everything when the model starts answering in another size with no text changed', async () => {
    const embeddings = new ConceptEmbeddings();
    const t = await createTestApp({ semantic: semanticWith(embeddings) });
    await seed(t.deps.db);
    await runVectorSync(t.deps);
    const count = (await t.deps.db.select().from(articleVectors)).length;
    const docs = embeddings.embedDocuments.bind(embeddings);
    const query = embeddings.embedQuery.bind(embeddings);
    embeddings.embedDocuments = async (texts) => (await docs(texts)).map((v) => [...v, 0.5]);
    embeddings.embedQuery = async (text) => [...(await query(text)), 0.5];
    // A search notices the mismatch (and stays lexical); the next run re-embeds every part.
    expect((await t.request('/api/search?q=track+order&locale=en')).status).toBe(200);
    expect(t.deps.semantic!.observedDims).toBe(22);
    expect(await runVectorSync(t.deps)).toMatchObject({ embedded: count });
    expect(new Set((await t.deps.db.select().from(articleVectors)).map((r) => r.dims))).toEqual(new Set([22]));
  });

  it('scores a query against one consistent set of vectors while a reload replaces them', async () => {
    const embeddings = new ConceptEmbeddings({ queryDelayMs: 50 });
    const semantic = semanticWith(embeddings);
    const t = await createTestApp({ semantic });
    await seed(t.deps.db);
    await runVectorSync(t.deps);
    const pending = semantic.scores('bday', { locale: 'en', audiences: ['public'] }, t.deps.logger);
    // While the query is being embedded, more articles arrive and the vectors are reloaded.
    for (let i = 0; i < 5; i++) await insertArticle(t.deps.db, { slug: `extra-${i}`, title: `Extra topic ${i}`, body: 'More.' });
    await runVectorSync(t.deps);
    expect(semantic.size).toBe(17);
    const scores = await pending;
    expect(scores).not.toBeNull();
    expect([...scores!.values()].every(Number.isFinite)).toBe(true);
    const [top] = [...scores!].sort((a, b) => b[1] - a[1]);
    const [row] = await t.deps.db.select().from(articles).where(eq(articles.id, top![0]));
    expect(row!.slug).toBe('assistant-age');
  });

  it('does not lose the stored vectors when the model fails during the embedding job', async () => {
    const embeddings = new ConceptEmbeddings();
    const t = await createTestApp({ semantic: semanticWith(embeddings) });
    await seed(t.deps.db);
    await runVectorSync(t.deps);
    const before = await t.deps.db.select().from(articleVectors);
    embeddings.embedDocuments = async () => {
      throw new Error('model server down');
    };
    await insertArticle(t.deps.db, { slug: 'new-one', title: 'Cancel a subscription', body: 'Open Settings.' });
    expect(await runVectorSync(t.deps)).toBeNull();
    expect(await t.deps.db.select().from(articleVectors)).toEqual(before);
  });

  it('works with an OpenAI-compatible /embeddings endpoint through the configured client', async () => {
    const server = await startEmbeddingsServer();
    cleanups.push(() => new Promise((resolve) => server.server.close(resolve)));
    const env = readEnv({ EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_BASE_URL: server.url, EMBEDDINGS_API_KEY: 'sk-test', EMBEDDINGS_MODEL: 'concepts-http' });
    const semantic = createSemanticSearch(env)!;
    expect(semantic.model).toBe('concepts-http');
    const t = await createTestApp({ semantic });
    await seed(t.deps.db);
    const report = await runVectorSync(t.deps);
    expect(report?.embedded).toBeGreaterThan(0);
    const body = (await (await t.request('/api/search?q=bday&locale=en')).json()) as Body;
    expect(body.results[0]?.slug).toBe('assistant-age');
    expect(server.requests.every((r) => r.model === 'concepts-http' && r.auth === 'Bearer sk-test')).toBe(true);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('reports its state to editors: model, vectors loaded, the last run and its failures', async () => {
    const plain = await createTestApp();
    const editorPlain = await createStaffToken(plain.deps, 'editor');
    expect(await (await plain.request('/api/admin/search-status', { token: editorPlain.token })).json()).toMatchObject({ semantic: null });

    const embeddings = new ConceptEmbeddings();
    const t = await createTestApp({ semantic: semanticWith(embeddings) });
    await seed(t.deps.db);
    expect((await t.request('/api/admin/search-status')).status).toBe(401);
    const agent = await createStaffToken(t.deps, 'agent');
    expect((await t.request('/api/admin/search-status', { token: agent.token })).status).toBe(403);
    const editor = await createStaffToken(t.deps, 'editor');
    await runVectorSync(t.deps);
    const status = async () => (await (await t.request('/api/admin/search-status', { token: editor.token })).json()) as { semantic: Record<string, unknown> };
    expect((await status()).semantic).toMatchObject({ model: 'concepts-test', articles_loaded: 12, dimensions: 21, last_run: { embedded: expect.any(Number), refused: 0 } });
    embeddings.embedDocuments = async () => {
      throw new Error('model server down');
    };
    await insertArticle(t.deps.db, { slug: 'later', title: 'A later article', body: 'Text.' });
    await runVectorSync(t.deps);
    expect((await status()).semantic).toMatchObject({ last_run: { error: 'model server down' } });
  });

  it('rejects an unusable configuration with the variable named', () => {
    expect(() => readEnv({ EMBEDDINGS_PROVIDER: 'openai', EMBEDDINGS_TIMEOUT_MS: '5' })).toThrow(/EMBEDDINGS_TIMEOUT_MS/);
    expect(() => readEnv({ EMBEDDINGS_PROVIDER: 'sentence-bert' })).toThrow(/EMBEDDINGS_PROVIDER/);
    expect(() => createSemanticSearch(readEnv({ EMBEDDINGS_PROVIDER: 'workers-ai' }))).toThrow(/binding AI/);
    expect(createSemanticSearch(readEnv({}))).toBeUndefined();
  });
});

describe('article parts and vectors', () => {
  it('cuts bodies into passages of whole sentences, in both languages', () => {
    const text = 'First sentence here. Second one! ' + '退款一般1到5个工作日到账。请耐心等待。'.repeat(30);
    const parts = passages(text, 100);
    expect(parts[0]!.startsWith('First sentence here. Second one! 退款')).toBe(true);
    expect(parts.length).toBeGreaterThan(5);
    // Whole sentences only, none longer than the size, Chinese sentences joined without spaces.
    expect(parts.every((p) => p.length <= 100 && /[.!。]$/.test(p))).toBe(true);
    expect(parts[1]).toMatch(/^(退款一般1到5个工作日到账。|请耐心等待。)+$/);
    const all = articleParts({ title: 'T', questions: ['q1', 'q2'], summary: '', body: '**Bold** text. More.' });
    expect(all).toEqual(['T', 'q1', 'q2', 'Bold text. More.']);
  });

  it('cuts a sentence longer than a passage, and keeps "example.com" and "2.5" whole', () => {
    const long = 'word '.repeat(500).trim();
    const parts = passages(`See example.com for the 2.5 kg limit. ${long}`, 400);
    expect(parts[0]!.startsWith('See example.com for the 2.5 kg limit.')).toBe(true);
    expect(parts.every((p) => p.length <= 400)).toBe(true);
    expect(parts.join(' ').split(' ').filter((w) => w === 'word')).toHaveLength(500);
  });

  it('keeps cosines within 0.01 when vectors are held as bytes', () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
    for (const dims of [21, 384, 1024]) {
      for (let k = 0; k < 20; k++) {
        const a = unitVector(Array.from({ length: dims }, random))!;
        const b = unitVector(Array.from({ length: dims }, (_, i) => a[i]! + 0.5 * random()))!;
        const bytes = new Int8Array(dims);
        const scale = quantize(b, bytes, 0);
        const exact = a.reduce((sum, x, i) => sum + x * b[i]!, 0);
        expect(Math.abs(scale * dotAt(a, bytes, 0) - exact)).toBeLessThan(0.01);
      }
    }
  });

  it('round-trips vectors through their stored form', () => {
    const v = [0.25, -1.5, 3.125, 0];
    expect(Array.from(decodeVector(encodeVector(v)))).toEqual(v);
  });
});

/**
 * Realistic synthetic help-center corpora for benchmarks: variants of the real articles in
 * `knowledge/` (same phrasing, sentence structure and vocabulary), each about a specific
 * product, mixed from sentences of articles in the same category and locale. Vocabulary grows
 * the way a real catalogue's does: through product and brand names, not random words.
 * Deterministic for a given seed.
 */
import { markdownToText } from '../../src/lib/markdown.js';
import type { IndexableArticle } from '../../src/features/search/search.engine.js';
import { parseArticleFile, type ParsedArticle } from '../../src/features/knowledge/knowledge.service.js';
import { readKnowledgeDir } from '../../src/runtime/knowledge-files.js';

const BRANDS = ['Aurora', 'Nimbus', 'Kestrel', 'Lumio', 'Vertex', 'Solace', 'Orchid', 'Pinecrest', 'Zephyr', 'Halcyon', 'Tidal', 'Quartz', 'Ember', 'Cobalt', 'Juniper', 'Saffron', 'Falcon', 'Meridian', 'Opal', 'Riviera'];
const PRODUCTS_EN = ['air fryer', 'robot vacuum', 'wireless earbuds', 'smart watch', 'rice cooker', 'office chair', 'laptop stand', 'electric kettle', 'down jacket', 'running shoes', 'air purifier', 'coffee machine', 'desk lamp', 'bluetooth speaker', 'hair dryer', 'phone case', 'mechanical keyboard', 'yoga mat', 'water filter', 'baby stroller', 'gaming mouse', 'tablet', 'monitor', 'blender', 'humidifier'];
const PRODUCTS_ZH = ['空气炸锅', '扫地机器人', '无线耳机', '智能手表', '电饭煲', '办公椅', '笔记本支架', '电热水壶', '羽绒服', '跑步鞋', '空气净化器', '咖啡机', '台灯', '蓝牙音箱', '吹风机', '手机壳', '机械键盘', '瑜伽垫', '净水器', '婴儿推车', '游戏鼠标', '平板电脑', '显示器', '破壁机', '加湿器'];
const MODELS = ['Pro', 'Max', 'Mini', 'Lite', 'Plus', 'S', 'X', 'Air', 'Ultra', 'Neo'];

/** Small deterministic PRNG (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sentences = (text: string) => text.split(/(?<=[.!?。！？])\s*/).map((s) => s.trim()).filter((s) => s.length > 8);

export async function loadTemplates(): Promise<ParsedArticle[]> {
  const { articleFiles } = await readKnowledgeDir();
  return articleFiles.flatMap((f) => {
    const r = parseArticleFile(f);
    return r.ok ? [r.article] : [];
  });
}

export function generateCorpus(templates: ParsedArticle[], size: number, seed = 42): IndexableArticle[] {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const pool = new Map<string, string[]>();
  for (const t of templates) {
    const key = `${t.locale}/${t.category}`;
    pool.set(key, [...(pool.get(key) ?? []), ...sentences(markdownToText(t.body))]);
  }
  const out: IndexableArticle[] = [];
  for (let i = 0; i < size; i++) {
    const t = templates[i % templates.length]!;
    const zh = t.locale === 'zh';
    const product = `${pick(BRANDS)} ${zh ? pick(PRODUCTS_ZH) : pick(PRODUCTS_EN)} ${pick(MODELS)}${1 + Math.floor(rand() * 20)}`;
    const about = zh ? `（${product}）` : ` (${product})`;
    const body = [...sentences(markdownToText(t.body)).slice(0, 3)];
    const same = pool.get(`${t.locale}/${t.category}`) ?? [];
    for (let k = 0; k < 3 + Math.floor(rand() * 4); k++) body.push(pick(same));
    body.push(zh ? `本文适用于${product}。` : `This applies to the ${product}.`);
    out.push({
      id: `bench-${i}`,
      locale: t.locale,
      category: t.category,
      kind: t.kind,
      audience: t.audience,
      title: t.title + about,
      summary: t.summary,
      body: body.join(zh ? '' : ' '),
      questions: t.questions.map((q, j) => (j === 0 ? q + about : q)),
      tags: t.tags,
    });
  }
  return out;
}

export type BenchQuery = { q: string; locale: string; kind: 'short' | 'long' | 'typo' | 'prefix' };

/** A mix of short, long (a customer question), typo and as-you-type prefix queries. */
export function generateQueries(corpus: IndexableArticle[], count: number, seed = 7): BenchQuery[] {
  const rand = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const queries: BenchQuery[] = [];
  const kinds = ['short', 'long', 'typo', 'prefix'] as const;
  for (let i = 0; i < count; i++) {
    const a = pick(corpus);
    const kind = kinds[i % kinds.length]!;
    const question = pick([a.title, ...a.questions]).replace(/[（(].*?[)）]/g, '').trim();
    const zh = a.locale === 'zh';
    let q = question;
    if (kind === 'short') q = zh ? question.replace(/[？?。，]/g, '').slice(0, 4) : question.split(/\s+/).slice(-3).join(' ');
    if (kind === 'typo' && !zh) q = question.replace(/([a-z])([a-z])([a-z]{3,})/i, '$2$1$3');
    if (kind === 'prefix') q = question.slice(0, Math.max(2, Math.floor(question.length * 0.6)));
    queries.push({ q, locale: a.locale, kind });
  }
  return queries;
}

/**
 * The bot with semantic re-ranking on: a question that shares no word with the knowledge base
 * reaches the right article by meaning (offered, not asserted: words did not confirm it), and
 * a question words already answer is answered as before.
 */
import { describe, expect, it } from 'vitest';
import { SemanticSearch } from '../../src/features/search/search.semantic.js';
import { runVectorSync } from '../../src/features/search/search.vectors.js';
import { ConceptEmbeddings } from '../support/concept-embeddings.js';
import { createBotApp } from './fixtures.js';

describe('the bot with semantic re-ranking', () => {
  it('offers the article a paraphrase means, and still answers plain questions', async () => {
    const semantic = new SemanticSearch(new ConceptEmbeddings(), { model: 'concepts-test', weight: 1, timeoutMs: 1000, checkIntervalMs: 0 });
    const t = await createBotApp({ semantic });
    expect((await runVectorSync(t.deps))?.embedded).toBeGreaterThan(100);
    const c = await t.start({ locale: 'en' });
    const plain = await t.say(c, 'How long does a refund take?');
    expect(plain.res.status).toBe(201);
    expect(plain.json.reply).toMatchObject({ decision: 'answer' });
    expect(plain.json.reply.citations[0].url).toBe('/en/articles/when-will-i-get-my-refund');

    const d = await t.start({ locale: 'en' });
    const paraphrase = await t.say(d, 'reimburse me');
    expect(paraphrase.res.status).toBe(201);
    expect(paraphrase.json.reply).toMatchObject({ decision: 'fallback' });
    expect(paraphrase.json.reply.citations[0].url).toBe('/en/articles/when-will-i-get-my-refund');

    // Without the model, words alone do not get there.
    const lexical = await createBotApp();
    const e = await lexical.start({ locale: 'en' });
    const without = await lexical.say(e, 'reimburse me');
    expect(without.json.reply.citations.map((x: { url: string }) => x.url)).not.toContain('/en/articles/when-will-i-get-my-refund');
  });
});

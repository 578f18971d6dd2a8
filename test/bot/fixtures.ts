import { importKnowledge } from '../../src/features/knowledge/knowledge.service.js';
import { readKnowledgeDir } from '../../src/runtime/knowledge-files.js';
import { createTestApp } from '../helpers.js';

const files = await readKnowledgeDir();

/** The app over the real sample knowledge base, with helpers to talk to the bot. */
export async function createBotApp(overrides: Parameters<typeof createTestApp>[0] = {}) {
  const t = await createTestApp(overrides);
  await importKnowledge(t.deps, files);
  await t.deps.search.refresh(t.deps.db, Date.now(), { force: true });

  async function start(body: Record<string, unknown> = { locale: 'zh' }) {
    const res = await t.request('/api/conversations', { method: 'POST', body: JSON.stringify(body) });
    const json = await res.json();
    return { id: json.id as string, token: json.token as string, res, json };
  }

  async function say(conversation: { id: string; token: string }, text: string, extra: { key?: string; article_id?: string } = {}) {
    const headers: Record<string, string> = { 'X-Conversation-Token': conversation.token };
    if (extra.key) headers['Idempotency-Key'] = extra.key;
    const res = await t.request(`/api/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text, ...(extra.article_id ? { article_id: extra.article_id } : {}) }),
    });
    return { res, json: await res.clone().json() };
  }
  return { ...t, start, say };
}

/**
 * A deterministic embedding model for tests (the semantic counterpart of FakeListChatModel):
 * words of one concept (bday, birthday, 生日…) map to the same dimension, so two texts that
 * share a meaning but no word are close; other words land in hashed dimensions. Served in
 * process (`ConceptEmbeddings`) or over HTTP as an OpenAI-compatible `/embeddings` endpoint
 * (`startEmbeddingsServer` in concept-embeddings-server.ts), which exercises the real client the
 * product uses. No Node imports here: the workerd tests use it too.
 */
import { Embeddings } from '@langchain/core/embeddings';

const CONCEPTS: string[][] = [
  ['birthday', 'bday', 'born', 'age', 'old', '生日', '年龄', '几岁'],
  ['refund', 'money back', 'reimburse', '退款', '退钱'],
  ['parcel', 'package', 'delivery', 'shipment', '包裹', '快递'],
  ['password', 'passcode', 'log in', 'sign in', '密码', '登录'],
  ['cancel', 'call off', 'stop', '取消'],
];
const HASHED = 16;
export const CONCEPT_DIMS = CONCEPTS.length + HASHED;

export function conceptVector(text: string): number[] {
  const v = new Array<number>(CONCEPT_DIMS).fill(0);
  let rest = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  CONCEPTS.forEach((words, dim) => {
    for (const w of words) {
      const pattern = /\p{Script=Han}/u.test(w) ? w : ` ${w} `;
      if (rest.includes(pattern)) (v[dim]! += 3), (rest = rest.split(pattern).join(' '));
    }
  });
  for (const word of rest.split(/\s+/).filter((w) => w.length > 2)) {
    let h = 0;
    for (const ch of word) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    v[CONCEPTS.length + (h % HASHED)]! += 1;
  }
  return v;
}

export class ConceptEmbeddings extends Embeddings {
  documents = 0;
  queries = 0;
  constructor(private readonly behaviour: { failQueries?: boolean; queryDelayMs?: number } = {}) {
    super({});
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.documents += texts.length;
    return texts.map(conceptVector);
  }
  async embedQuery(text: string): Promise<number[]> {
    this.queries++;
    if (this.behaviour.queryDelayMs) await new Promise((r) => setTimeout(r, this.behaviour.queryDelayMs));
    if (this.behaviour.failQueries) throw new Error('embedding server unavailable');
    return conceptVector(text);
  }
}


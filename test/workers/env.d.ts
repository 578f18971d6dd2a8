/** Bindings of the workerd tests: the Worker's own (wrangler.toml) plus what the config passes in. */
import type { D1Migration } from '@cloudflare/vitest-pool-workers';
import type { SourceFile } from '../../src/features/knowledge/knowledge.service.js';

declare global {
  // workers-types predates TypeScript 5.7's generic typed arrays; `encode` always returns an
  // array over a fresh ArrayBuffer, which is what src/ (checked with the DOM lib) relies on.
  interface TextEncoder {
    encode(input?: string): Uint8Array<ArrayBuffer>;
  }

  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      LOG_LEVEL: string;
      TEST_MIGRATIONS: D1Migration[];
      /** The turso project only: the local Hrana server standing in for Turso. */
      DATABASE_URL?: string;
      TEST_KNOWLEDGE: { categoriesFile?: SourceFile; articleFiles: SourceFile[] };
    }
  }
}

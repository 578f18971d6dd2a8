import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL from the schema; the app applies it (src/runtime/migrate.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/index.ts',
  out: './migrations',
});

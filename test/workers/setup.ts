/** Runs in workerd before each test file: the D1 database gets the real migrations. */
import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

/**
 * `npm run dev:worker`: the product in workerd on this machine, as it runs on Cloudflare —
 * no account, no network. Applies the migrations to the local D1 database, creates the first
 * admin (token printed once) and imports knowledge/ when the database is empty, then keeps
 * `wrangler dev` running (API, help center pages, static assets) until Ctrl-C.
 * PORT (default 8787) picks the port.
 */
import { countD1Admins, countD1Articles, createD1Staff, deactivateD1Staff } from './lib/d1-staff.js';
import { pushKnowledge } from './lib/push-knowledge.js';
import { applyD1Migrations, startWranglerDev } from './lib/wrangler.js';

async function main() {
  const port = Number(process.env.PORT ?? 8787);
  console.log('dev:worker: applying migrations/ to the local D1 database…');
  await applyD1Migrations();
  const admin = (await countD1Admins({})) === 0 ? await createD1Staff('Administrator', 'admin', {}) : undefined;
  const empty = (await countD1Articles({})) === 0;

  const server = await startWranglerDev({ port });
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  if (empty) {
    // Without a fresh admin's token at hand, a short-lived importer account does the import.
    const importer = admin ?? (await createD1Staff('Knowledge import (dev:worker)', 'admin', {}));
    try {
      const report = await pushKnowledge(server.url, importer.token);
      console.log(`dev:worker: knowledge/ imported: ${report.created} articles, ${report.categories} categories, ${report.failed.length} rejected`);
    } catch (error) {
      await server.stop();
      throw error;
    } finally {
      if (!admin) await deactivateD1Staff(importer.id, {});
    }
  }
  const lines = [
    '',
    `  Edge Helpdesk is running in workerd (local D1) at ${server.url}`,
    `  Help center:    ${server.url}/zh   ${server.url}/en`,
    `  API reference:  ${server.url}/docs`,
  ];
  if (admin) lines.push('', '  First start: an admin account was created. Its API token is shown only now:', `    ${admin.token}`);
  else lines.push('', '  Staff token lost? `npm run worker:admin` makes a new admin in the local D1.');
  console.log(lines.join('\n') + '\n');
  await new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

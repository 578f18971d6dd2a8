import type { SynonymSetRow } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';
import { createRouter } from '../../lib/openapi.js';
import { limitRequests } from '../../lib/rate-limit.js';
import { currentStaff, requireRole } from '../auth/auth.middleware.js';
import { recordClick, searchReport } from './search.log.js';
import {
  clickRoute,
  createSynonymsRoute,
  deleteSynonymsRoute,
  listSynonymsRoute,
  reportRoute,
  searchRoute,
  statusRoute,
  suggestRoute,
  updateSynonymsRoute,
} from './search.routes.js';
import { searchArticles } from './search.service.js';
import { suggest } from './search.suggest.js';
import { createSynonymSet, deleteSynonymSet, listSynonymSets, updateSynonymSet } from './synonyms.service.js';

const DAY_MS = 86_400_000;

const synonymJson = (r: SynonymSetRow) => ({
  id: r.id,
  locale: (r.locale as 'zh' | 'en' | null) ?? null,
  terms: r.terms,
  updated_at: r.updatedAt.toISOString(),
});

export const searchRouter = createRouter();
// `/api/search/*` also matches `/api/search` itself.
searchRouter.use('/api/search/*', limitRequests('search', (c) => c.var.deps.config.rateLimitPerMinute));
searchRouter.use('/api/admin/search-report', requireRole('editor'));
searchRouter.use('/api/admin/search-status', requireRole('editor'));
searchRouter.use('/api/admin/synonyms/*', requireRole('editor'));

searchRouter
  .openapi(searchRoute, async (c) => {
    const input = c.req.valid('query');
    if (input.explain && !c.var.staff) throw new AppError('forbidden', 'search: explain=1 is for staff (send a staff token)');
    const result = await searchArticles(c.var.deps, input, { staff: c.var.staff }, { c });
    return c.json(result, 200);
  })
  .openapi(suggestRoute, async (c) => {
    const input = c.req.valid('query');
    return c.json(await suggest(c.var.deps, input, { staff: c.var.staff }), 200);
  })
  .openapi(clickRoute, async (c) => {
    const { query_id, article_id } = c.req.valid('json');
    await recordClick(c.var.deps, query_id, article_id);
    return c.body(null, 204);
  })
  .openapi(statusRoute, (c) => {
    const { search, semantic, clock } = c.var.deps;
    const load = search.lastLoad;
    return c.json(
      {
        backend: search.backend?.kind ?? null,
        articles: search.size,
        version: search.version,
        last_load: load ? { backend: load.backend, from: load.from, caught_up: load.caughtUp, ms: Math.round(load.ms * 100) / 100 } : null,
        semantic: semantic ? semantic.status(clock.now().getTime()) : null,
      },
      200,
    );
  })
  .openapi(reportRoute, async (c) => {
    const q = c.req.valid('query');
    const to = q.to ? new Date(q.to) : c.var.deps.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) {
      throw new AppError('validation_failed', 'search: `from` must be before `to`', {
        errors: [{ path: 'query.from', message: 'Must be before query.to' }],
      });
    }
    const report = await searchReport(c.var.deps.db, { from, to, locale: q.locale, limit: q.limit });
    return c.json({ from: from.toISOString(), to: to.toISOString(), ...report }, 200);
  })
  .openapi(listSynonymsRoute, async (c) => {
    const rows = await listSynonymSets(c.var.deps);
    return c.json({ items: rows.map(synonymJson) }, 200);
  })
  .openapi(createSynonymsRoute, async (c) => {
    const row = await createSynonymSet(c.var.deps, c.req.valid('json'), currentStaff(c));
    return c.json(synonymJson(row), 201);
  })
  .openapi(updateSynonymsRoute, async (c) => {
    const row = await updateSynonymSet(c.var.deps, c.req.valid('param').id, c.req.valid('json'), currentStaff(c));
    return c.json(synonymJson(row), 200);
  })
  .openapi(deleteSynonymsRoute, async (c) => {
    await deleteSynonymSet(c.var.deps, c.req.valid('param').id, currentStaff(c));
    return c.body(null, 204);
  });

/** POST /api/admin/knowledge/import: the knowledge import for clients that send files as JSON. */
import { createRouter } from '../../lib/openapi.js';
import { currentStaff, requireRole } from '../auth/auth.middleware.js';
import { scheduleVectorSync } from '../search/search.vectors.js';
import { importKnowledge } from './knowledge.service.js';
import { importKnowledgeRoute } from './knowledge.routes.js';

export const knowledgeRouter = createRouter();
knowledgeRouter.use('/api/admin/knowledge/*', requireRole('admin'));

knowledgeRouter.openapi(importKnowledgeRoute, async (c) => {
  const body = c.req.valid('json');
  const report = await importKnowledge(c.var.deps, {
    ...(body.categories_file ? { categoriesFile: body.categories_file } : {}),
    articleFiles: body.article_files,
    actorId: currentStaff(c).id,
    dryRun: body.dry_run,
  });
  if (!body.dry_run && report.created + report.updated > 0) scheduleVectorSync(c.var.deps, c);
  return c.json(report, 200);
});

import { AppError } from '../../lib/errors.js';
import { createRouter } from '../../lib/openapi.js';
import { limitRequests } from '../../lib/rate-limit.js';
import { currentStaff } from '../auth/auth.middleware.js';
import { articleFeedbackRoute, attachQuestionRoute, contentGapsRoute } from './learning.routes.js';
import { attachQuestion, contentGaps, recordArticleFeedback } from './learning.service.js';

export const learningRouter = createRouter();
learningRouter.use('/api/articles/:id/feedback', limitRequests('feedback', (c) => c.var.deps.config.rateLimitPerMinute));

learningRouter
  .openapi(articleFeedbackRoute, async (c) => {
    await recordArticleFeedback(c.var.deps, c.req.valid('param').id, c.req.valid('json'));
    return c.body(null, 204);
  })
  .openapi(attachQuestionRoute, async (c) => {
    const row = await attachQuestion(c.var.deps, c.req.valid('param').id, c.req.valid('json').question, currentStaff(c));
    return c.json({ id: row.id, version: row.version, questions: row.questions }, 200);
  })
  .openapi(contentGapsRoute, async (c) => {
    const q = c.req.valid('query');
    const to = q.to ? new Date(q.to) : c.var.deps.clock.now();
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
    if (from >= to) throw new AppError('validation_failed', 'editor: `from` must be before `to`', { errors: [{ path: 'query.from', message: 'Must be before query.to' }] });
    return c.json({ from: from.toISOString(), to: to.toISOString(), ...(await contentGaps(c.var.deps, { from, to, limit: q.limit })) }, 200);
  });

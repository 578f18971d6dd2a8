import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv, Deps } from './deps.js';
import { articlesRouter } from './features/articles/articles.router.js';
import { identifyStaff } from './features/auth/auth.middleware.js';
import { staffRouter } from './features/auth/staff.router.js';
import { conversationsRouter } from './features/bot/conversations.router.js';
import { aftercareRouter } from './features/handoff/aftercare.router.js';
import { handoffRouter } from './features/handoff/handoff.router.js';
import { deskRouter } from './features/handoff/desk.router.js';
import { auditRouter } from './features/audit/audit.router.js';
import { editorRouter } from './features/editor/editor.router.js';
import { learningRouter } from './features/editor/learning.router.js';
import { settingsRouter } from './features/editor/settings.router.js';
import { publishDue } from './features/editor/editor.workflow.js';
import { healthRouter } from './features/health/health.router.js';
import { knowledgeRouter } from './features/knowledge/knowledge.router.js';
import { webRouter } from './features/web/web.router.js';
import { errorPage, notFoundPage, wantsHtmlPage } from './features/web/web.errors.js';
import { adminPages } from './features/web/admin/admin.pages.js';
import { agentPages } from './features/web/agent/agent.pages.js';
import { editorPages } from './features/web/editor/editor.pages.js';
import { metricsRouter } from './features/metrics/metrics.router.js';
import { searchRouter } from './features/search/search.router.js';
import { AppError, PROBLEMS, problemType, toProblem, type ProblemCode } from './lib/errors.js';
import { allowedMethods } from './lib/routes.js';

export type CreateAppOptions = {
  /**
   * Returns the dependencies for a request. The runtime builds them once (per process or
   * isolate) and returns the same object; `env` is the Worker bindings, if any.
   */
  resolveDeps: (env: unknown) => Deps | Promise<Deps>;
  /**
   * Serves the files of `src/features/web/public` (widget.js, the pages' scripts and styles).
   * Node passes a file server; on Workers the platform's static assets answer before the Worker.
   */
  staticFiles?: MiddlewareHandler<AppEnv>;
  /**
   * Gzip responses in the app (default true). The Worker turns it off: workerd compresses any
   * body sent with a Content-Encoding header itself, so compressing here would gzip twice.
   */
  compress?: boolean;
};

const STATUS_CODES = new Map<number, ProblemCode>(
  Object.entries(PROBLEMS).map(([code, p]) => [p.status, code as ProblemCode]),
);

function problemResponse(c: Context<AppEnv>, error: AppError, headers: Record<string, string> = {}) {
  const body = toProblem(error, new URL(c.req.url).pathname);
  if (error.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="edge-helpdesk"';
  return c.body(JSON.stringify(body), error.status as ContentfulStatusCode, {
    ...headers,
    'Content-Type': 'application/problem+json; charset=utf-8',
  });
}

const publishDueOnRead = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === 'GET') await publishDue(c.var.deps, { everyMs: 30_000 });
  await next();
});

/** Builds the whole product as one Hono app; knows nothing of the runtime it runs on. */
export function createApp(options: CreateAppOptions) {
  const app = new OpenAPIHono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    c.set('deps', await options.resolveDeps(c.env));
    await next();
  });
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.use(
    cors({
      origin: (origin, c: Context<AppEnv>) => {
        const allowed = c.var.deps.config.corsOrigins;
        return allowed.includes('*') ? '*' : allowed.includes(origin) ? origin : null;
      },
      // The chat widget, embedded on other sites, sends the conversation token; EventSource resends Last-Event-ID.
      allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Idempotency-Key', 'X-Conversation-Token', 'Last-Event-ID'],
      exposeHeaders: ['ETag', 'X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );
  if (options.compress !== false) app.use(compress());
  if (options.staticFiles) app.use(options.staticFiles);
  app.use('/api/*', (c, next) =>
    bodyLimit({
      maxSize: c.var.deps.config.maxBodyBytes,
      onError: () => {
        throw new AppError('payload_too_large', `The request body is larger than ${c.var.deps.config.maxBodyBytes} bytes`);
      },
    })(c, next),
  );
  app.use(identifyStaff);
  // Scheduled articles go live when they are due, checked on reads (at most every 30 s): no cron.
  app.use('/api/articles/*', publishDueOnRead);
  app.use('/api/search/*', publishDueOnRead);

  app.route('/', healthRouter);
  app.route('/', articlesRouter);
  app.route('/', editorRouter);
  app.route('/', learningRouter);
  app.route('/', auditRouter);
  app.route('/', settingsRouter);
  // The help center's pages last, so API and documentation routes match first.
  app.route('/', webRouter);
  app.route('/', agentPages);
  app.route('/', editorPages);
  app.route('/', adminPages);
  app.route('/', staffRouter);
  app.route('/', knowledgeRouter);
  app.route('/', searchRouter);
  app.route('/', conversationsRouter);
  app.route('/', handoffRouter);
  app.route('/', aftercareRouter);
  app.route('/', deskRouter);
  app.route('/', metricsRouter);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'Staff API token (agents, editors, admins). Customers need none.',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Edge Helpdesk API',
      version: '0.1.0',
      description: 'Knowledge base, support bot and human handoff queue. Errors are RFC 9457 problem+json.',
    },
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json', title: 'Edge Helpdesk API' }));
  app.get('/problems/:type', (c) => {
    const code = c.req.param('type').replaceAll('-', '_') as ProblemCode;
    const problem = PROBLEMS[code];
    if (!problem) throw new AppError('not_found', `No problem type ${c.req.param('type')}`);
    return c.json({ type: problemType(code), ...problem });
  });

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const allow = allowedMethods(app.routes, path);
    if (allow.length > 0) {
      return problemResponse(c, new AppError('method_not_allowed', `${c.req.method} is not allowed on ${path}`), {
        Allow: allow.join(', '),
      });
    }
    // People get a page with a search box; API clients keep problem+json.
    if (wantsHtmlPage(c)) return notFoundPage(c);
    return problemResponse(c, new AppError('not_found', `No route for ${c.req.method} ${path}`));
  });

  app.onError((error, c) => {
    if (error instanceof AppError) return error.status === 404 && wantsHtmlPage(c) ? notFoundPage(c) : problemResponse(c, error);
    if (error instanceof HTTPException) {
      const code = STATUS_CODES.get(error.status) ?? (error.status >= 500 ? 'internal' : 'bad_request');
      // Hono's validator says only "Unsupported Media Type" when a JSON body is sent as another type.
      const detail = code === 'unsupported_media_type' ? 'Send the request body as Content-Type: application/json' : error.message;
      return problemResponse(c, new AppError(code, detail || PROBLEMS[code].title));
    }
    c.var.deps?.logger.error('unhandled error', {
      requestId: c.var.requestId,
      path: new URL(c.req.url).pathname,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    if (wantsHtmlPage(c)) return errorPage(c);
    return problemResponse(c, new AppError('internal', `Something went wrong on our side (request ${c.var.requestId})`));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createApp } from '../app.js';
import type { AppEnv, Deps } from '../deps.js';

/** The help center's static files (widget.js, page scripts, styles); Workers serve the same folder as assets. */
export const PUBLIC_DIR = fileURLToPath(new URL('../features/web/public', import.meta.url));

export type RunningServer = { server: ServerType; url: string; close: () => Promise<void> };

/** The product's HTTP server on Node: the app plus its static files. Used by `npm start` and the browser tests. */
export function startNodeServer(deps: Deps, options: { port: number; hostname: string }): Promise<RunningServer> {
  const app = createApp({
    resolveDeps: () => deps,
    staticFiles: serveStatic<AppEnv>({
      root: PUBLIC_DIR,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=300');
      },
    }),
  });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname }, (info) => {
      resolve({
        server,
        url: `http://${options.hostname}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

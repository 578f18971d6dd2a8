/**
 * The one export of the workerd built-in module `cloudflare:workers` the Worker entry uses
 * (the full types come from @cloudflare/workers-types in test/workers/tsconfig.json).
 */
declare module 'cloudflare:workers' {
  /** Extends the current request (found by the runtime, no ctx needed) until `promise` settles. */
  export function waitUntil(promise: Promise<unknown>): void;
}

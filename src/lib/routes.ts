type RouteInfo = { method: string; path: string };

const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** One path segment as a regular expression: `:name` is any segment, `:name{re}` only what `re` matches. */
function segmentPattern(segment: string): string {
  const param = /^:[^{]+(?:\{(.+)\})?$/.exec(segment);
  if (!param) return escape(segment);
  return param[1] ? `(?:${param[1]})` : '[^/]+';
}

const compiled = new WeakMap<readonly RouteInfo[], Array<{ method: string; pattern: RegExp }>>();

function compile(routes: readonly RouteInfo[]) {
  let list = compiled.get(routes);
  if (!list) {
    list = routes
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => ({ method: r.method, pattern: new RegExp(`^${r.path.split('/').map(segmentPattern).join('/')}/?$`) }));
    compiled.set(routes, list);
  }
  return list;
}

/**
 * The methods some route answers at `path`: when a request found no route but this is not
 * empty, the answer is 405 with an `Allow` header rather than 404.
 */
export function allowedMethods(routes: readonly RouteInfo[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of compile(routes)) if (r.pattern.test(path)) methods.add(r.method);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

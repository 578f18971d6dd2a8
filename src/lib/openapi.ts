import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.js';
import { AppError, type FieldError } from './errors.js';

const TARGET_NAMES: Record<string, string> = { json: 'body', form: 'body', param: 'path' };

/** Turns zod issues into field errors whose path says where the field lives (`query.limit`). */
export function toFieldErrors(target: string, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const prefix = TARGET_NAMES[target] ?? target;
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * A feature router: an OpenAPIHono whose validation failures all become one 422 problem
 * naming every wrong field. Every feature builds its routes on this.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const errors = toFieldErrors(result.target, result.error.issues);
        const fields = errors.map((e) => e.path).join(', ');
        throw new AppError('validation_failed', `Invalid ${fields}`, { errors });
      }
    },
  });
}

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/problems/validation-failed' }),
    title: z.string().openapi({ example: 'Validation failed' }),
    status: z.number().int().openapi({ example: 422 }),
    detail: z.string().openapi({ example: 'Invalid query.limit' }),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'One entry per wrong field (validation problems only).' }),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Problem responses to spread into a route's `responses`, so they appear in the OpenAPI document. */
export const problems = {
  400: problem('Malformed request'),
  401: problem('Missing or invalid staff token'),
  403: problem('The token’s role may not do this'),
  404: problem('No such resource'),
  409: problem('Conflicts with the current state'),
  413: problem('Body too large'),
  422: problem('A field is invalid; `errors` names each one'),
  429: problem('Rate limit exceeded'),
} as const;

export function pickProblems<K extends keyof typeof problems>(...codes: K[]): Pick<typeof problems, K> {
  return Object.fromEntries(codes.map((code) => [code, problems[code]])) as Pick<typeof problems, K>;
}

/** JSON body for a route with its description. */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

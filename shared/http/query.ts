import type { z } from 'zod';
import { badRequest } from './errors';
import type { HttpEvent } from './handler';

/** Validates the query string against a schema; every mistake is named by its field. */
export function parseQuery<S extends z.ZodType>(event: HttpEvent, schema: S): z.infer<S> {
  const result = schema.safeParse(event.queryStringParameters ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : ''),
    message: issue.code === 'unrecognized_keys' ? `unknown parameter(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  throw badRequest('invalid_query', details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join('; '), details);
}

import type * as z from 'zod';
import { DomainError, invalid } from '../domain/errors';
import type { HttpEvent } from './types';
import { bodyText } from './web';

/** A 400 naming every field the schema refused. */
export function validationError(code: string, issues: z.core.$ZodIssue[], prefix = '') {
  const details = issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const where = path ? `${prefix}${path}.` : prefix;
      return { field: issue.keys.map((k) => `${where}${k}`).join(', '), message: 'unknown field' };
    }
    return { field: `${prefix}${path}`, message: issue.message };
  });
  return invalid(code, details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join('; '), details);
}

/** Validates the query string against a schema; every mistake is named by its field. */
export function parseQuery<S extends z.ZodType>(event: HttpEvent, schema: S): z.infer<S> {
  const result = schema.safeParse(event.queryStringParameters ?? {});
  if (result.success) return result.data;
  throw validationError('invalid_query', result.error.issues);
}

/** Parses and validates a JSON body: 413 when too large, 415 when not JSON, 400 naming each bad field. */
export function parseBody<S extends z.ZodType>(event: HttpEvent, schema: S): z.infer<S> {
  const raw = bodyText(event);
  const type = event.headers?.['content-type'] ?? '';
  if (raw && !/^application\/json\b/i.test(type)) {
    throw new DomainError('unsupported', 'unsupported_media_type', 'Send the body as application/json');
  }
  let value: unknown;
  try {
    value = raw ? JSON.parse(raw) : undefined;
  } catch {
    throw invalid('invalid_json', 'The body is not valid JSON');
  }
  if (value === undefined) throw invalid('missing_body', 'A JSON body is required');
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError('invalid_body', result.error.issues);
}

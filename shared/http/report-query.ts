import * as z from 'zod';
import { LANGUAGES } from '../domain/states';

export const reportQuerySchema = z
  .object({
    format: z.enum(['json', 'csv', 'xlsx', 'html'], { message: 'must be json, csv, xlsx or html' }).default('json'),
    lang: z.enum(LANGUAGES, { message: 'must be en, es, fr or pt' }).default('en'),
    scope: z.enum(['submitted', 'all'], { message: 'must be submitted or all' }).default('submitted'),
  })
  .strict();

/** The body of POST /api/cycles/{id}/exports: a format, and optionally the language and which answers count. */
export const exportRequestSchema = z
  .object({
    format: z.enum(['json', 'csv', 'xlsx', 'html'], { message: 'must be json, csv, xlsx or html' }),
    lang: z.enum(LANGUAGES, { message: 'must be en, es, fr or pt' }).default('en'),
    scope: z.enum(['submitted', 'all'], { message: 'must be submitted or all' }).default('submitted'),
  })
  .strict();

import * as z from 'zod';
import type { Mandate } from './mandates';
import { findSummitByName, foldForMatch, type Summit } from './summits';

export const mandateQuerySchema = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}$/, 'year must be a four-digit year')
      .optional(),
    summit: z.string().min(1).max(100).optional(),
    document: z.string().min(1).max(300).optional(),
    theme: z.string().min(1).max(100).optional(),
    q: z.string().max(200, 'q must be at most 200 characters').optional(),
    limit: z
      .string()
      .regex(/^\d+$/, 'limit must be a whole number')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 1000, 'limit must be from 1 to 1000')
      .optional(),
    cursor: z.string().regex(/^\d+$/, 'cursor is the "next" value of a previous page').transform(Number).optional(),
    /** Retired mandates (they left the catalogue) are hidden unless asked for: `include` or `only`. */
    retired: z.enum(['include', 'only', 'exclude'], { message: 'retired must be include, only or exclude' }).optional(),
  })
  .strict();

export type MandateQuery = z.infer<typeof mandateQuerySchema>;

export type FilterProblem = { field: string; message: string };

/** The themes of a mandate: every theme page it stands on. */
const themesOf = (m: Mandate) => (m.themes?.length ? m.themes : [m.theme]);

/**
 * Applies the filters of `GET /api/mandates`. A filter value that matches nothing known
 * (a year with no summit, an unknown summit, document or theme) is a problem, not an empty list.
 * Retired mandates are left out unless `retired` is `include` or `only`.
 */
export function filterMandates<T extends Mandate & { retired?: boolean }>(
  mandates: readonly T[],
  query: MandateQuery,
  summits: readonly Summit[],
): { mandates: T[]; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const retired = query.retired ?? 'exclude';
  let result = mandates.filter((m) => (retired === 'include' ? true : retired === 'only' ? m.retired === true : !m.retired));
  if (query.year !== undefined) {
    const year = Number(query.year);
    if (!summits.some((s) => s.year === year)) problems.push({ field: 'year', message: `no summit was held in ${year}` });
    result = result.filter((m) => m.year === year);
  }
  if (query.summit !== undefined) {
    const summit = findSummitByName(summits, query.summit);
    if (!summit) {
      problems.push({
        field: 'summit',
        message: `unknown summit "${query.summit}"; use a summit id or city, e.g. quebec-city-2001 or Lima`,
      });
    } else {
      result = result.filter((m) => m.summitId === summit.id);
    }
  }
  if (query.document !== undefined) {
    const wanted = foldForMatch(query.document);
    if (!mandates.some((m) => foldForMatch(m.document) === wanted)) {
      problems.push({ field: 'document', message: `no mandate comes from a document named "${query.document}"` });
    }
    result = result.filter((m) => foldForMatch(m.document) === wanted);
  }
  if (query.theme !== undefined) {
    const wanted = foldForMatch(query.theme);
    if (!mandates.some((m) => themesOf(m).some((t) => foldForMatch(t) === wanted))) {
      problems.push({ field: 'theme', message: `unknown theme "${query.theme}"` });
    }
    result = result.filter((m) => themesOf(m).some((t) => foldForMatch(t) === wanted));
  }
  if (query.q) {
    const words = foldForMatch(query.q).split(' ').filter(Boolean);
    result = result.filter((m) => {
      const haystack = foldForMatch(`${m.label} ${m.text} ${m.citation} ${m.notes.join(' ')} ${Object.values(m.texts ?? {}).join(' ')}`);
      return words.every((word) => haystack.includes(word));
    });
  }
  result.sort((a, b) => b.year - a.year || a.theme.localeCompare(b.theme) || a.position - b.position);
  return { mandates: result, problems };
}

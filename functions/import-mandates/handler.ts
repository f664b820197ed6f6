import * as z from 'zod';
import { summits } from '../../seeds/registry';
import { DomainError, invalid } from '../../shared/domain/errors';
import { actorOf, json } from '../../shared/http/handler';
import { parseBody, parseQuery } from '../../shared/http/query';
import { routeHandlers } from '../../shared/http/router';
import { bodyText } from '../../shared/http/web';
import { logger } from '../../shared/log';
import { stores } from '../../shared/store';
import { importMandatePage, importPageSchema, importTranslations } from '../../shared/usecases/import-mandates';
import { linkMandates } from '../../shared/usecases/lineage';
import { linkInputSchema } from '../../shared/domain/lineage';

const translationsQuerySchema = z
  .object({ apply: z.enum(['true', 'false', '1', '0'], { message: 'apply must be true or false' }).optional() })
  .strict();

/**
 * The secretariat loads mandates: a whole page (`POST /api/mandates/import`, JSON `{ name, text, apply? }`)
 * or texts in other languages (`POST /api/mandates/translations`, a CSV `id,language,text`, `?apply=true`).
 * Without apply each answers a preview and writes nothing; a page or a CSV with problems is a 422
 * with every problem and its line.
 */
export const handler = routeHandlers('import-mandates', {
  'POST /api/mandates/{id}/links': async (event) => {
    const link = await linkMandates(stores(), event.pathParameters?.id ?? '', parseBody(event, linkInputSchema), {
      actor: actorOf(event),
      now: new Date().toISOString(),
    });
    return json(201, { link });
  },

  'POST /api/mandates/import': async (event) => {
    const request = parseBody(event, importPageSchema);
    const summary = await importMandatePage(request, { store: stores().mandates, summits, now: new Date().toISOString() });
    if (summary.applied) logger.info('mandate page imported', { actor: actorOf(event), page: summary.page.name, counts: summary.counts });
    return json(200, summary);
  },

  'POST /api/mandates/translations': async (event) => {
    const query = parseQuery(event, translationsQuerySchema);
    const csv = bodyText(event);
    if (csv && !/^text\/csv\b/i.test(event.headers?.['content-type'] ?? '')) {
      throw new DomainError('unsupported', 'unsupported_media_type', 'Send the body as text/csv (UTF-8): id,language,text');
    }
    if (!csv) throw invalid('missing_body', 'A CSV body is required: the header row id,language,text, then one row per text');
    const apply = query.apply === 'true' || query.apply === '1';
    const summary = await importTranslations(csv, { store: stores().mandates, now: new Date().toISOString(), apply });
    if (summary.applied) logger.info('mandate translations imported', { actor: actorOf(event), updated: summary.updated.length });
    return json(200, summary);
  },
});

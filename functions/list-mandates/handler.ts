import { filterMandates, mandateQuerySchema } from '../../shared/domain/mandate-query';
import { invalid } from '../../shared/domain/errors';
import { json } from '../../shared/http/handler';
import { parseQuery } from '../../shared/http/query';
import { stores } from '../../shared/store';
import { summits } from '../../seeds/registry';
import { routeHandlers } from '../../shared/http/router';

const DEFAULT_LIMIT = 500;

export const handler = routeHandlers('list-mandates', {
  'GET /api/mandates': async (event) => {
    const query = parseQuery(event, mandateQuerySchema);
    const all = await stores().mandates.listMandates();
    const { mandates, problems } = filterMandates(all, query, summits);
    if (problems.length > 0) {
      throw invalid('unknown_filter_value', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    }
    const start = query.cursor ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const page = mandates.slice(start, start + limit).map(({ contentHash: _hash, line: _line, givenTexts: _given, ...m }) => m);
    const next = start + limit < mandates.length ? String(start + limit) : null;
    return json(200, { count: mandates.length, mandates: page, next });
  },
});

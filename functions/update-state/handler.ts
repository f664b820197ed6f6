import * as z from 'zod';
import { stateChangeSchema } from '../../shared/domain/register';
import { json } from '../../shared/http/handler';
import { parseQuery } from '../../shared/http/query';
import { parseBody } from '../../shared/http/query';
import { routeHandlers } from '../../shared/http/router';
import { bodyText } from '../../shared/http/web';
import { DomainError } from '../../shared/domain/errors';
import { stores } from '../../shared/store';
import { exportRegister, importRegister, updateState } from '../../shared/usecases/register';

const importQuery = z.object({ apply: z.enum(['true', 'false']).optional() }).strict();

/** The state register: one state edited (PUT), or the whole register exported and imported as CSV. */
export const handler = routeHandlers('update-state', {
  'PUT /api/states/{code}': async (event) =>
    json(200, await updateState(stores(), event.pathParameters?.code ?? '', parseBody(event, stateChangeSchema), new Date().toISOString())),

  'GET /api/states/export': async () => ({
    statusCode: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="member-states.csv"' },
    body: await exportRegister(stores()),
  }),

  'POST /api/states/import': async (event) => {
    const { apply } = parseQuery(event, importQuery);
    if (!/^text\/(csv|plain)\b/i.test(event.headers?.['content-type'] ?? '')) {
      throw new DomainError('unsupported', 'unsupported_media_type', 'Send the register as text/csv');
    }
    return json(200, await importRegister(stores(), bodyText(event), { apply: apply === 'true', now: new Date().toISOString() }));
  },
});

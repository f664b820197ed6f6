import { config } from '../../shared/config';
import { createCycleSchema } from '../../shared/domain/cycles';
import { invalid } from '../../shared/domain/errors';
import { actorOf, json } from '../../shared/http/handler';
import { parseBody } from '../../shared/http/query';
import { stores } from '../../shared/store';
import { createCycle } from '../../shared/usecases/cycles';
import { summits } from '../../seeds/registry';
import { routeHandlers } from '../../shared/http/router';

export const handler = routeHandlers('create-cycle', {
  'POST /api/cycles': async (event) => {
    const request = parseBody(event, createCycleSchema);
    const idempotencyKey = event.headers?.['idempotency-key'];
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw invalid('invalid_idempotency_key', 'Idempotency-Key: 1 to 200 visible ASCII characters');
    }
    const { cycle, created } = await createCycle(request, {
      stores: stores(),
      summits,
      actor: actorOf(event),
      now: new Date().toISOString(),
      idempotencyKey,
      requireRealAddresses: config().requireRealAddresses,
    });
    const { mandateIds: _ids, ...summary } = cycle;
    return json(201, summary, created ? {} : { 'Idempotent-Replayed': 'true' });
  },
});

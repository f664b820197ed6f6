import { json } from '../../shared/http/handler';
import { stores } from '../../shared/store';
import { routeHandlers } from '../../shared/http/router';

export const handler = routeHandlers('list-cycles', {
  'GET /api/cycles': async () => {
    const cycles = await stores().cycles.listCycles();
    return json(200, { count: cycles.length, cycles });
  },
});

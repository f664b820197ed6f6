import { json } from '../../shared/http/handler';
import { stores } from '../../shared/store';
import { routeHandlers } from '../../shared/http/router';

export const handler = routeHandlers('list-states', {
  'GET /api/states': async () => {
    const states = (await stores().states.listStates()).sort((a, b) => a.name.localeCompare(b.name));
    return json(200, { count: states.length, states });
  },
});

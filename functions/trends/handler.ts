import { json } from '../../shared/http/handler';
import { stores } from '../../shared/store';
import { responsiveness, trends } from '../../shared/usecases/reports';
import { routeHandlers } from '../../shared/http/router';

/** GET /api/trends: each cycle's response rate and implementation by mandate and state, and each state's responsiveness. */
export const handler = routeHandlers('trends', {
  'GET /api/trends': async () => {
    const now = new Date().toISOString();
    return json(200, { cycles: await trends(stores(), now), responsiveness: await responsiveness(stores(), now) });
  },
});

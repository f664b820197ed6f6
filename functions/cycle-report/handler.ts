import { parseQuery } from '../../shared/http/query';
import { reportQuerySchema } from '../../shared/http/report-query';
import { reportResponse } from '../../shared/http/report-response';
import { routeHandlers } from '../../shared/http/router';

/** GET /api/cycles/{id}/report?format=json|csv|xlsx|html&lang=en|es|fr|pt&scope=submitted|all */
export const handler = routeHandlers('cycle-report', {
  'GET /api/cycles/{id}/report': async (event) => reportResponse(event.pathParameters?.id ?? '', parseQuery(event, reportQuerySchema)),
});

import { httpHandler } from '../../shared/http/handler';
import { parseQuery } from '../../shared/http/query';
import { reportQuerySchema } from '../../shared/http/report-query';
import { reportResponse } from '../../shared/http/report-response';

/** GET /api/cycles/{id}/report?format=json|csv|xlsx|html&lang=en|es|fr|pt&scope=submitted|all */
export const handler = httpHandler('secretariat', async (event) =>
  reportResponse(event.pathParameters?.id ?? '', parseQuery(event, reportQuerySchema)),
);

import { httpHandler, json } from '../../shared/http/handler';
import { stores } from '../../shared/store';

export const handler = httpHandler('secretariat', async () => {
  const cycles = (await stores().cycles.listCycles()).map(({ mandateIds: _ids, ...cycle }) => cycle);
  return json(200, { count: cycles.length, cycles });
});

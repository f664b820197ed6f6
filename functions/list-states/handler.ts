import { httpHandler, json } from '../../shared/http/handler';
import { stores } from '../../shared/store';

export const handler = httpHandler('secretariat', async () => {
  const states = (await stores().states.listStates()).sort((a, b) => a.name.localeCompare(b.name));
  return json(200, { count: states.length, states });
});

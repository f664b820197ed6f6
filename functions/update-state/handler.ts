import * as z from 'zod';
import { oneLine } from '../../shared/domain/cycles';
import { LANGUAGES } from '../../shared/domain/states';
import { notFound } from '../../shared/domain/errors';
import { json } from '../../shared/http/handler';
import { parseBody } from '../../shared/http/query';
import { stores } from '../../shared/store';
import { routeHandlers } from '../../shared/http/router';

const stateSchema = z
  .object({
    name: oneLine(100).optional(),
    localName: oneLine(100).optional(),
    language: z.enum(LANGUAGES).optional(),
    active: z.boolean().optional(),
    focalPoints: z
      .array(z.email({ message: 'must be email addresses' }))
      .min(1)
      .max(10)
      // The same address in other capitals is the same mailbox: kept once, as first written.
      .transform((addresses) => addresses.filter((a, i) => addresses.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i))
      .optional(),
    note: z.string().max(1000).optional(),
  })
  .strict();

/** PUT /api/states/{code}: the secretariat edits a state in the register. New addresses start with a clean bounce record. */
export const handler = routeHandlers('update-state', {
  'PUT /api/states/{code}': async (event) => {
    const code = event.pathParameters?.code ?? '';
    const change = parseBody(event, stateSchema);
    const store = stores().states;
    const state = await store.getState(code);
    if (!state) throw notFound(`No state ${code} in the register`);
    const focalPoints = change.focalPoints ?? state.focalPoints;
    const updated = {
      ...state,
      ...change,
      focalPoints,
      // A new list of addresses is the secretariat's word that they work: their bounce record starts clean.
      bouncedAddresses: change.focalPoints ? [] : (state.bouncedAddresses ?? []),
      updatedAt: new Date().toISOString(),
    };
    await store.putState(updated);
    return json(200, updated);
  },
});

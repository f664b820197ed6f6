import { invalid, notFound } from '../domain/errors';
import { makesLoop, type MandateLink } from '../domain/lineage';
import type { Stores } from '../store/ports';

/**
 * The secretariat links a later mandate to an earlier one it reaffirms or continues. Both must be in the
 * catalogue, and the link must not make a loop. Carrying answers forward then follows "continues" links.
 */
export async function linkMandates(
  stores: Stores,
  from: string,
  input: { to: string; kind: MandateLink['kind'] },
  who: { actor: string; now: string },
): Promise<MandateLink> {
  const [mandates, links] = await Promise.all([stores.mandates.listMandates(), stores.mandates.listLinks()]);
  const known = new Set(mandates.map((m) => m.id));
  if (!known.has(from)) throw notFound(`No mandate ${from}`);
  if (!known.has(input.to))
    throw invalid('unknown_mandate', `to: no mandate ${input.to}`, [{ field: 'to', message: `no mandate ${input.to}` }]);
  const link: MandateLink = { from, to: input.to, kind: input.kind, createdAt: who.now, createdBy: who.actor };
  if (makesLoop(link, links)) {
    throw invalid('link_loop', `to: ${input.to} already comes from ${from}: a mandate cannot come from itself`, [
      { field: 'to', message: 'would make a loop' },
    ]);
  }
  await stores.mandates.putLink(link);
  return link;
}

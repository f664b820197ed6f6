/**
 * Lineage between mandates: a later mandate reaffirms an earlier one, or continues it (the same
 * commitment carried into a new instrument). Answers are carried forward along "continues" links.
 */
import * as z from 'zod';

export type LinkKind = 'reaffirms' | 'continues';

export interface MandateLink {
  /** The later mandate. */
  from: string;
  /** The earlier mandate it reaffirms or continues. */
  to: string;
  kind: LinkKind;
  createdAt: string;
  createdBy: string;
}

export const linkInputSchema = z
  .object({
    to: z.string().min(1, 'is required').max(200),
    kind: z.enum(['reaffirms', 'continues'], { message: 'must be reaffirms or continues' }),
  })
  .strict();

/** The mandates `id` comes from, nearest first, following links of `kinds` back (each once: a loop ends the walk). */
export function ancestorsOf(
  id: string,
  links: readonly MandateLink[],
  kinds: readonly LinkKind[] = ['reaffirms', 'continues'],
): MandateLink[] {
  const chain: MandateLink[] = [];
  const seen = new Set([id]);
  let frontier = [id];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const link of links) {
        if (link.from !== from || !kinds.includes(link.kind) || seen.has(link.to)) continue;
        seen.add(link.to);
        chain.push(link);
        next.push(link.to);
      }
    }
    frontier = next;
  }
  return chain;
}

/** Whether adding from → to would make `to` come from `from`: a loop, refused. */
export const makesLoop = (link: Pick<MandateLink, 'from' | 'to'>, links: readonly MandateLink[]) =>
  link.from === link.to || ancestorsOf(link.to, links).some((l) => l.to === link.from);

/**
 * The chains of linked mandates that the given ones belong to: mandates joined by any link, directly or through
 * others. Only chains of two mandates or more, with at least one of `ids` in them, are returned.
 */
export function chainsOf(ids: readonly string[], links: readonly MandateLink[]): string[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const link of links) {
    const [a, b] = [find(link.from), find(link.to)];
    if (a !== b) parent.set(a, b);
  }
  const chains = new Map<string, Set<string>>();
  for (const link of links) {
    for (const id of [link.from, link.to]) {
      const root = find(id);
      chains.set(root, (chains.get(root) ?? new Set()).add(id));
    }
  }
  const wanted = new Set(ids);
  return [...chains.values()].map((chain) => [...chain]).filter((chain) => chain.some((id) => wanted.has(id)));
}

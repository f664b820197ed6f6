import type { PageNotice } from '../domain/catalogue';
import { MandateParseError } from '../domain/mandates';
import type { MemberState } from '../domain/states';
import type { Summit } from '../domain/summits';
import type { MandateStore, StateStore } from '../store/ports';
import { planCatalogue, writePlan } from './import-mandates';

export { mandateContentHash } from './import-mandates';

export interface SeedInput {
  documents: { source: string; text: string }[];
  summits: readonly Summit[];
  states: readonly MemberState[];
}

export interface SeedReport {
  /** `parsed`: mandates in the catalogue built; `revised` counts every new revision (merged and translated ones too). */
  mandates: { parsed: number; added: number; revised: number; moved: number; unchanged: number; retired: number };
  states: { inRegister: number; added: number };
}

export type SeedProgress = (message: string) => void;

/** The seed documents have problems: each one with its file and line. Nothing was written. */
export class SeedProblemsError extends MandateParseError {
  constructor(readonly notices: PageNotice[]) {
    super(notices[0]?.file ?? 'seed documents', notices);
    this.name = 'SeedProblemsError';
    this.message = notices.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
  }
}

/**
 * Seeds the mandates and the register of member states.
 *
 * Primary course:
 * 1. Build the catalogue of every seed document together with the pages already stored (one mandate
 *    across theme pages, translations into `texts`, ids kept from the stored mandates): a seed
 *    document takes the place of the stored page of the same name (or of the same theme and
 *    language), except a page imported through the API, which the seeder never replaces.
 * 2. Any problem stops here, before anything is written, with every problem's file and line.
 * 3. Compare with the stored mandates: new ones get revision 1, a change of content (text, themes,
 *    texts, language ...) gets the next revision (the old one is kept), a moved entry keeps its
 *    revision, a mandate that left its page is retired (kept, never deleted), the rest is left alone.
 * 4. Write what changed, in batches, then the pages.
 * 5. Add the member states missing from the register; states already there are the secretariat's
 *    to edit and are never overwritten.
 */
export async function seed(
  input: SeedInput,
  stores: { mandates: MandateStore; states: StateStore },
  options: { now?: Date; progress?: SeedProgress } = {},
): Promise<SeedReport> {
  const now = (options.now ?? new Date()).toISOString();
  const progress = options.progress ?? (() => {});

  // 1. The catalogue.
  const pages = input.documents.map((doc) => ({ name: doc.source, text: doc.text }));
  const plan = await planCatalogue(pages, { store: stores.mandates, summits: input.summits, now, origin: 'seed', keepImported: true });
  for (const { name, reason } of plan.skipped) progress(`${name} left out: ${reason}`);

  // 2. Problems.
  if (plan.problems.length > 0) throw new SeedProblemsError(plan.problems);
  progress(`parsed ${plan.mandates} mandates from ${input.documents.length} document(s) and the pages already stored`);

  // 3. and 4. Compare and write.
  const report: SeedReport = {
    mandates: {
      parsed: plan.mandates,
      added: plan.added.length,
      revised: plan.revisions,
      moved: plan.moved,
      unchanged: plan.unchanged,
      retired: plan.retired.length,
    },
    states: { inRegister: 0, added: 0 },
  };
  await writePlan(plan, stores.mandates, (written, total) => progress(`mandates: ${written}/${total} items written`));
  progress(
    `mandates: ${report.mandates.added} added, ${report.mandates.revised} revised, ` +
      `${report.mandates.moved} moved, ${report.mandates.unchanged} unchanged, ${report.mandates.retired} retired`,
  );

  // 5. The states.
  const registered = new Set((await stores.states.listStates()).map((s) => s.code));
  const missing = input.states.filter((s) => !registered.has(s.code)).map((s) => ({ ...s, updatedAt: now }));
  if (missing.length > 0) await stores.states.addStates(missing);
  report.states = { inRegister: registered.size + missing.length, added: missing.length };
  progress(`states: ${missing.length} added, ${report.states.inRegister} in the register`);
  return report;
}

import { createHash } from 'node:crypto';
import { parseMandatesStrict, type Mandate } from '../domain/mandates';
import type { MemberState } from '../domain/states';
import type { Summit } from '../domain/summits';
import type { MandateStore, StateStore, StoredMandate } from '../store/ports';

export interface SeedInput {
  documents: { source: string; text: string }[];
  summits: readonly Summit[];
  states: readonly MemberState[];
}

export interface SeedReport {
  mandates: { parsed: number; added: number; revised: number; moved: number; unchanged: number };
  states: { inRegister: number; added: number };
}

export type SeedProgress = (message: string) => void;

/** What a revision is made of: a change to any of these makes a new revision. */
export function mandateContentHash(m: Mandate): string {
  const content = [m.label, m.text, m.parentId, m.citation, m.document, m.summitId, m.year, m.notes, m.theme, m.chapeau];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * Seeds the mandates and the register of member states.
 *
 * Primary course:
 * 1. Parse every document; any problem stops here, before anything is written.
 * 2. Check that no two documents give the same id.
 * 3. Read the current mandates and compare: new ones get revision 1, an edited text gets the next
 *    revision (the old one is kept), a moved entry keeps its revision, the rest is left alone.
 * 4. Write what changed, in batches.
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

  const parsed = input.documents.flatMap((doc) => parseMandatesStrict(doc.text, { source: doc.source, summits: input.summits }));
  const seen = new Set<string>();
  for (const mandate of parsed) {
    if (seen.has(mandate.id)) throw new Error(`Two seed entries have the id ${mandate.id}`);
    seen.add(mandate.id);
  }
  progress(`parsed ${parsed.length} mandates from ${input.documents.length} document(s)`);

  const existing = new Map((await stores.mandates.listMandates()).map((m) => [m.id, m]));
  const toWrite: StoredMandate[] = [];
  const report: SeedReport = {
    mandates: { parsed: parsed.length, added: 0, revised: 0, moved: 0, unchanged: 0 },
    states: { inRegister: 0, added: 0 },
  };
  for (const mandate of parsed) {
    const contentHash = mandateContentHash(mandate);
    const before = existing.get(mandate.id);
    if (!before) {
      report.mandates.added += 1;
      toWrite.push({ ...mandate, revision: 1, contentHash, updatedAt: now });
    } else if (before.contentHash !== contentHash) {
      report.mandates.revised += 1;
      toWrite.push({ ...mandate, revision: before.revision + 1, contentHash, updatedAt: now });
    } else if (before.position !== mandate.position || before.line !== mandate.line) {
      report.mandates.moved += 1;
      toWrite.push({ ...mandate, revision: before.revision, contentHash, updatedAt: before.updatedAt });
    } else {
      report.mandates.unchanged += 1;
    }
  }
  if (toWrite.length > 0) {
    await stores.mandates.saveMandates(toWrite, {
      onProgress: (written, total) => progress(`mandates: ${written}/${total} items written`),
    });
  }
  progress(
    `mandates: ${report.mandates.added} added, ${report.mandates.revised} revised, ` +
      `${report.mandates.moved} moved, ${report.mandates.unchanged} unchanged`,
  );

  const registered = new Set((await stores.states.listStates()).map((s) => s.code));
  const missing = input.states.filter((s) => !registered.has(s.code)).map((s) => ({ ...s, updatedAt: now }));
  if (missing.length > 0) await stores.states.addStates(missing);
  report.states = { inRegister: registered.size + missing.length, added: missing.length };
  progress(`states: ${missing.length} added, ${report.states.inRegister} in the register`);
  return report;
}

import { createHash } from 'node:crypto';
import * as z from 'zod';
import { buildCatalogue, type CatalogueReport, type PageNotice } from '../domain/catalogue';
import { DomainError, invalid, unprocessable } from '../domain/errors';
import { parseMandates, themeFromFileName, type Mandate } from '../domain/mandates';
import { LANGUAGES, type Language, type Summit } from '../domain/summits';
import type { MandateLine } from './view-models';
import type { MandateStore, StoredMandate, StoredMandatePage } from '../store/ports';

/**
 * The catalogue of mandates is built from pages (DESIGN.md §2): the seed documents and the pages the
 * secretariat imports. Every change goes the same way, for the seeder and for an import:
 *
 * - The pages stored, less the ones an incoming page replaces, plus the incoming pages, make the new
 *   catalogue (`buildCatalogue`, with the stored mandates as `previous` so ids stay).
 * - A page replaces the stored page of the same name, and the stored page of the same theme in the
 *   same language (the seeded `summits-mandates-migration.txt` imported again as `migration`).
 * - The new catalogue is compared with the stored mandates, id by id: new ids are added; a mandate
 *   whose content changed gets a new revision, classed as merged when it gains a theme, translated
 *   when it gains texts (and nothing else changed, but a theme), revised otherwise; the rest is unchanged.
 * - A mandate leaves the catalogue when it was in the catalogue of the stored pages and is not in
 *   the new one: it stood only on the pages replaced, and they no longer list it. It is retired,
 *   never deleted: kept with `retired: true` and `retiredAt`, for the cycles that ask about it, and
 *   offered for no new cycle. If a page lists it again, it comes back under its id.
 * - Texts given by CSV (`givenTexts`) win over the pages' translations in their language.
 */

/** The largest page an import takes, in bytes of UTF-8. */
export const MAX_PAGE_BYTES = 200 * 1024;
/** Entries of each list in a summary; the counts are always whole. */
export const SUMMARY_LIST_LIMIT = 500;
/** The longest text a translation may have. */
export const MAX_TRANSLATION_CHARS = 10_000;

const PAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const PAGE_NAME_MESSAGE = 'a one-line slug: letters, digits, ".", "_" or "-", at most 100 characters';

export const importPageSchema = z
  .object({
    name: z.string().regex(PAGE_NAME, `name must be ${PAGE_NAME_MESSAGE}`),
    text: z.string().min(1, 'text: the page is empty'),
    apply: z.boolean().optional(),
    /** For a page in another language whose name does not say which page it translates. */
    translates: z.string().regex(PAGE_NAME, `translates must be ${PAGE_NAME_MESSAGE}`).optional(),
  })
  .strict();

export type ImportPageRequest = z.infer<typeof importPageSchema>;

/** What a revision is made of: a change to any of these makes a new revision. */
export function mandateContentHash(m: Mandate): string {
  const texts = LANGUAGES.filter((language) => m.texts?.[language] !== undefined).map((language) => [language, m.texts![language]]);
  const content = [
    m.label,
    m.text,
    m.parentId,
    m.citation,
    m.document,
    m.summitId,
    m.year,
    m.notes,
    m.theme,
    m.chapeau,
    m.themes ?? [m.theme],
    m.language ?? 'en',
    texts,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The hash before themes, texts and language were part of a mandate: a record written then is upgraded, not revised. */
function legacyContentHash(m: Mandate): string {
  const content = [m.label, m.text, m.parentId, m.citation, m.document, m.summitId, m.year, m.notes, m.theme, m.chapeau];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export interface CataloguePlan {
  /** Mandates in the new catalogue. */
  mandates: number;
  problems: PageNotice[];
  report: CatalogueReport;
  added: MandateLine[];
  revised: MandateLine[];
  merged: MandateLine[];
  translated: MandateLine[];
  retired: MandateLine[];
  /** Stored mandates given a new revision (each once, whether revised, merged, translated or several). */
  revisions: number;
  /** Same content, another place on the page: written again under the same revision. */
  moved: number;
  unchanged: number;
  /** Everything to write, and the pages to put and remove. */
  writes: StoredMandate[];
  pages: { put: StoredMandatePage[]; remove: string[] };
  /** Incoming pages left out (the seeder never replaces a page imported through the API), with why. */
  skipped: { name: string; reason: string }[];
  /** Per incoming page: the stored pages it replaces (other than its own name). */
  replaces: Record<string, string[]>;
}

export interface IncomingPage {
  name: string;
  text: string;
  translates?: string;
}

const short = (text: string) => (text.length > 160 ? `${text.slice(0, 159)}…` : text);

function lineOf(m: StoredMandate, extra: Partial<MandateLine> = {}): MandateLine {
  return {
    id: m.id,
    label: m.label,
    document: m.document,
    year: m.year,
    text: short(m.text),
    themes: m.themes ?? [m.theme],
    ...extra,
  };
}

const textsOf = (m: Mandate): Partial<Record<Language, string>> => m.texts ?? { [m.language ?? 'en']: m.text };
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** How `after` differs from `before`, by what the summary says of it. */
function difference(before: StoredMandate, after: Mandate) {
  const base = (['label', 'text', 'parentId', 'citation', 'document', 'summitId', 'year', 'notes', 'chapeau'] as const).filter(
    (field) => !same(before[field], after[field]),
  ) as string[];
  if ((before.language ?? 'en') !== (after.language ?? 'en')) base.push('language');
  const themesBefore = before.themes ?? [before.theme];
  const themesAfter = after.themes ?? [after.theme];
  const gainedThemes = themesAfter.filter((t) => !themesBefore.includes(t));
  if (themesBefore.some((t) => !themesAfter.includes(t))) base.push('themes');
  const textsBefore = textsOf(before);
  const textsAfter = textsOf(after);
  const gainedLanguages = LANGUAGES.filter((l) => textsBefore[l] === undefined && textsAfter[l] !== undefined);
  for (const language of LANGUAGES) {
    if (textsBefore[language] !== undefined && textsBefore[language] !== textsAfter[language]) base.push(`texts.${language}`);
  }
  return { base, gainedThemes, gainedLanguages };
}

/** A page as the catalogue reads it: its theme and language. */
function readPage(page: IncomingPage, summits: readonly Summit[]) {
  const read = parseMandates(page.text, { theme: themeFromFileName(page.name), summits });
  return { theme: read.theme, language: read.language };
}

/**
 * Works out what loading `incoming` into the catalogue changes, and writes nothing.
 *
 * Primary course:
 * 1. Read the stored pages and mandates; find the stored pages each incoming page replaces (same
 *    name, or same theme and language). With `keepImported` (the seeder), an incoming page that
 *    would replace a page imported through the API is left out.
 * 2. Build the catalogue of the stored pages as they are, and the new one with the incoming pages
 *    in place of those they replace, both with the stored mandates as `previous`.
 * 3. Any problem in the new catalogue: stop, with the problems and nothing to write.
 * 4. Compare the new catalogue with the stored mandates id by id (added, revised, merged, translated,
 *    moved, unchanged), keeping the texts given by CSV; retire what was in the old catalogue and is
 *    not in the new one.
 */
export async function planCatalogue(
  incoming: readonly IncomingPage[],
  context: { store: MandateStore; summits: readonly Summit[]; now: string; origin: 'seed' | 'import'; keepImported?: boolean },
): Promise<CataloguePlan> {
  const { store, summits, now } = context;
  const [storedPages, stored] = await Promise.all([store.listPages(), store.listMandates()]);

  // 1. What each incoming page replaces.
  const skipped: CataloguePlan['skipped'] = [];
  const replaces: Record<string, string[]> = {};
  const replaced = new Set<string>();
  const accepted: (IncomingPage & { theme: string; language: Language })[] = [];
  for (const page of incoming) {
    const { theme, language } = readPage(page, summits);
    const displaced = storedPages.filter((p) => p.name === page.name || (p.theme === theme && p.language === language));
    const imported = displaced.find((p) => p.origin === 'import');
    if (context.keepImported && imported) {
      skipped.push({ name: page.name, reason: `the page ${imported.name} imported through the API takes its place` });
      continue;
    }
    accepted.push({ ...page, theme, language });
    replaces[page.name] = displaced.filter((p) => p.name !== page.name).map((p) => p.name);
    for (const p of displaced) replaced.add(p.name);
  }
  const acceptedNames = new Set(accepted.map((p) => p.name));
  const kept = storedPages.filter((p) => !replaced.has(p.name) && !acceptedNames.has(p.name));
  const asCataloguePage = (p: IncomingPage) => ({ name: p.name, text: p.text, ...(p.translates ? { translates: p.translates } : {}) });

  // 2. The catalogue of the stored pages, and the new one.
  const previous = stored;
  const oldIds =
    storedPages.length > 0
      ? new Set(buildCatalogue(storedPages.map(asCataloguePage), { summits, previous }).mandates.map((m) => m.id))
      : new Set<string>();
  const catalogue = buildCatalogue([...kept, ...accepted].map(asCataloguePage), { summits, previous });

  const plan: CataloguePlan = {
    mandates: catalogue.mandates.length,
    problems: catalogue.problems,
    report: catalogue.report,
    added: [],
    revised: [],
    merged: [],
    translated: [],
    retired: [],
    revisions: 0,
    moved: 0,
    unchanged: 0,
    writes: [],
    pages: { put: [], remove: [] },
    skipped,
    replaces,
  };
  // 3. Problems: nothing to write.
  if (catalogue.problems.length > 0) return plan;

  // 4. Compare, id by id.
  const storedById = new Map(stored.map((m) => [m.id, m]));
  const newIds = new Set<string>();
  for (const built of catalogue.mandates) {
    newIds.add(built.id);
    const before = storedById.get(built.id);
    const given = before?.givenTexts;
    const texts = { ...textsOf(built) };
    for (const language of LANGUAGES) {
      const text = given?.[language];
      if (text !== undefined && language !== built.language) texts[language] = text;
    }
    const mandate: Mandate = { ...built, texts };
    const contentHash = mandateContentHash(mandate);
    const record = (revision: number, updatedAt: string): StoredMandate => ({
      ...mandate,
      revision,
      contentHash,
      updatedAt,
      ...(given ? { givenTexts: given } : {}),
    });
    if (!before) {
      const written = record(1, now);
      plan.writes.push(written);
      plan.added.push(lineOf(written));
      continue;
    }
    const changed = before.contentHash !== contentHash;
    // A record written before themes and texts were kept, which this page alone still gives as it was.
    const upgraded =
      changed &&
      before.themes === undefined &&
      before.contentHash === legacyContentHash(mandate) &&
      same(mandate.themes, [mandate.theme]) &&
      Object.keys(texts).length === 1;
    if (before.retired) {
      const written = record(changed && !upgraded ? before.revision + 1 : before.revision, now);
      plan.writes.push(written);
      plan.added.push(lineOf(written, { restored: true }));
      continue;
    }
    if (!changed || upgraded) {
      if (upgraded || before.position !== mandate.position || before.line !== mandate.line) {
        plan.writes.push(record(before.revision, before.updatedAt));
        if (!upgraded) {
          plan.moved += 1;
          continue;
        }
      }
      plan.unchanged += 1;
      continue;
    }
    const written = record(before.revision + 1, now);
    plan.writes.push(written);
    plan.revisions += 1;
    // A mandate that gains a theme is merged, even when the page it now stands on first gives it in
    // another spelling (the catalogue takes its text from the page of the smallest theme): `changes` says so.
    const { base, gainedThemes, gainedLanguages } = difference(before, mandate);
    const changes = base.length > 0 ? { changes: base } : {};
    if (gainedThemes.length > 0) plan.merged.push(lineOf(written, { gainedThemes, ...changes }));
    if (gainedLanguages.length > 0 && (gainedThemes.length > 0 || base.length === 0)) {
      plan.translated.push(lineOf(written, { gainedLanguages }));
    }
    if (gainedThemes.length === 0 && (base.length > 0 || gainedLanguages.length === 0)) {
      plan.revised.push(lineOf(written, { changes: [...base, ...gainedLanguages.map((l) => `texts.${l}`)] }));
    }
  }
  for (const before of stored) {
    if (before.retired || newIds.has(before.id) || !oldIds.has(before.id)) continue;
    const written: StoredMandate = { ...before, retired: true, retiredAt: now };
    plan.writes.push(written);
    plan.retired.push(lineOf(written));
  }

  // The pages to write: the incoming ones that are new or changed, and the ones they replace.
  const storedByName = new Map(storedPages.map((p) => [p.name, p]));
  for (const page of accepted) {
    const before = storedByName.get(page.name);
    if (before && before.text === page.text && before.translates === page.translates && before.origin === context.origin) continue;
    plan.pages.put.push({
      name: page.name,
      text: page.text,
      theme: page.theme,
      language: page.language,
      ...(page.translates ? { translates: page.translates } : {}),
      origin: context.origin,
      importedAt: now,
    });
  }
  plan.pages.remove = [...replaced].filter((name) => !acceptedNames.has(name));
  return plan;
}

/** Writes a plan: the mandates first, then the pages, so a run stopped half-way is finished by the next. */
export async function writePlan(plan: CataloguePlan, store: MandateStore, onProgress?: (written: number, total: number) => void) {
  if (plan.writes.length > 0) await store.saveMandates(plan.writes, { onProgress });
  if (plan.pages.put.length > 0 || plan.pages.remove.length > 0) {
    await store.savePages(plan.pages.put, plan.pages.remove);
  }
}

/** A problem of a page, as the API gives it. */
export interface PageProblem {
  page: string;
  line: number;
  message: string;
}

export interface ImportSummary {
  page: {
    name: string;
    theme: string;
    language: Language;
    heading?: string;
    entries: number;
    /** For a page in another language: the page whose mandates it translates. */
    translates?: string;
    /** Stored pages of the same theme and language, under other names, that this page takes the place of. */
    replaces: string[];
  };
  counts: { added: number; revised: number; merged: number; translated: number; retired: number; unchanged: number };
  added: MandateLine[];
  revised: MandateLine[];
  /** Existing mandates that gain a theme. */
  merged: MandateLine[];
  /** Existing mandates that gain texts. */
  translated: MandateLine[];
  /** Mandates that left the catalogue: kept, marked retired. */
  retired: MandateLine[];
  unchanged: number;
  /** Entries of a page in another language that match no mandate (kept as mandates of their own language). */
  unmatched: { line: number; message: string }[];
  /** Translations that differ from one another page already gives (that one is kept). */
  conflicts: { line: number; message: string }[];
  problems: PageProblem[];
  applied: boolean;
}

const cap = <T>(list: T[]) => list.slice(0, SUMMARY_LIST_LIMIT);

function checkPage(request: ImportPageRequest) {
  if (!PAGE_NAME.test(request.name)) throw invalid('invalid_name', `name must be ${PAGE_NAME_MESSAGE}`);
  if (request.translates !== undefined && !PAGE_NAME.test(request.translates)) {
    throw invalid('invalid_translates', `translates must be ${PAGE_NAME_MESSAGE}`);
  }
  const bytes = Buffer.byteLength(request.text, 'utf8');
  if (bytes > MAX_PAGE_BYTES) {
    throw new DomainError(
      'too_large',
      'page_too_large',
      `text: the page is ${Math.ceil(bytes / 1024)} KB; at most ${MAX_PAGE_BYTES / 1024} KB`,
    );
  }
  if (request.text.trim() === '') throw invalid('invalid_body', 'text: the page is empty');
}

/**
 * Imports one mandate page (`POST /api/mandates/import`, the console's import page): a preview,
 * or, with `apply`, the change itself.
 *
 * Primary course:
 * 1. Check the name (a one-line slug) and the size of the text (at most 200 KB).
 * 2. Plan the catalogue with this page in place of the stored page of the same name (or of the
 *    same theme and language): see `planCatalogue`.
 * 3. A page with problems is refused whole (422 `page_has_problems`, every problem with its line);
 *    nothing is written.
 * 4. Without `apply`, answer the summary: added, revised, merged (gain a theme), translated (gain
 *    texts), retired, unchanged, unmatched entries.
 * 5. With `apply`, write the mandates, then the page, and answer the same summary with `applied`.
 */
export async function importMandatePage(
  request: ImportPageRequest,
  context: { store: MandateStore; summits: readonly Summit[]; now: string },
): Promise<ImportSummary> {
  // 1. The name and the size.
  checkPage(request);

  // 2. The plan.
  const page: IncomingPage = { name: request.name, text: request.text, ...(request.translates ? { translates: request.translates } : {}) };
  const plan = await planCatalogue([page], { ...context, origin: 'import' });

  // 3. Problems: refused whole.
  if (plan.problems.length > 0) {
    const problems = plan.problems.map((p) => ({ page: p.file, line: p.line, message: p.message }));
    const shown = problems
      .slice(0, 5)
      .map((p) => `${p.page === request.name ? '' : `${p.page} `}line ${p.line}: ${p.message}`)
      .join('; ');
    throw unprocessable(
      'page_has_problems',
      `The page has ${problems.length} problem(s); nothing was written. ${shown}${problems.length > 5 ? '; …' : ''}`,
      { problems },
    );
  }

  // 4. The summary.
  const pageReport = plan.report.pages.find((p) => p.name === request.name)!;
  const summary: ImportSummary = {
    page: {
      name: request.name,
      theme: pageReport.theme,
      language: pageReport.language,
      ...(pageReport.heading ? { heading: pageReport.heading } : {}),
      entries: pageReport.entries,
      ...(pageReport.translates ? { translates: pageReport.translates } : {}),
      replaces: plan.replaces[request.name] ?? [],
    },
    counts: {
      added: plan.added.length,
      revised: plan.revised.length,
      merged: plan.merged.length,
      translated: plan.translated.length,
      retired: plan.retired.length,
      unchanged: plan.unchanged + plan.moved,
    },
    added: cap(plan.added),
    revised: cap(plan.revised),
    merged: cap(plan.merged),
    translated: cap(plan.translated),
    retired: cap(plan.retired),
    unchanged: plan.unchanged + plan.moved,
    unmatched: cap(plan.report.unmatched.filter((n) => n.file === request.name).map(({ line, message }) => ({ line, message }))),
    conflicts: cap(plan.report.conflicts.filter((n) => n.file === request.name).map(({ line, message }) => ({ line, message }))),
    problems: [],
    applied: false,
  };

  // 5. Apply.
  if (request.apply) {
    await writePlan(plan, context.store);
    summary.applied = true;
  }
  return summary;
}

/* ------------------------------------------------------------------------------------------------ */
/* Translations from CSV                                                                            */
/* ------------------------------------------------------------------------------------------------ */

export interface CsvRecord {
  /** The line the record starts on (the header is line 1). */
  line: number;
  fields: string[];
}

/**
 * Reads CSV as RFC 4180 writes it: fields separated by commas, records by line breaks (CRLF or LF),
 * a field in double quotes may hold commas, line breaks and doubled quotes. A byte-order mark at
 * the start is dropped. Empty lines are skipped. Every problem names its line.
 */
export function parseCsv(input: string): { records: CsvRecord[]; problems: { line: number; message: string }[] } {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  const problems: { line: number; message: string }[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let problem: string | undefined;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i += 1;
        let closed = false;
        while (i < text.length) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (c === '\n') line += 1;
          field += c;
          i += 1;
        }
        if (!closed) problem ??= 'a quoted field is not closed (a quote inside a quoted field is written twice: "")';
        else if (i < text.length && text[i] !== ',' && text[i] !== '\n') {
          problem ??= 'text after the closing quote of a field';
          while (i < text.length && text[i] !== ',' && text[i] !== '\n') i += 1;
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n') {
          if (text[i] === '"') problem ??= 'a quote in a field that is not quoted: quote the whole field and write the quote twice';
          field += text[i];
          i += 1;
        }
      }
      fields.push(field);
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      break;
    }
    if (text[i] === '\n') {
      i += 1;
      line += 1;
    }
    if (problem) problems.push({ line: start, message: problem });
    else if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: start, fields });
  }
  return { records, problems };
}

export interface TranslationsSummary {
  /** One entry per mandate and language whose text changes. */
  updated: { id: string; language: Language; label: string; document: string }[];
  /** Rows that give the text the mandate already has. */
  unchanged: number;
  problems: { line: number; message: string }[];
  applied: boolean;
}

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Gives mandates texts in other languages from a CSV `id,language,text` (`POST /api/mandates/translations`).
 *
 * Primary course:
 * 1. Read the CSV (RFC 4180; header row `id,language,text`; a byte-order mark is allowed).
 * 2. Check every row against the stored mandates: a known id, a language among en, es, fr and pt
 *    (not the mandate's own, whose text comes from its page), a text that is not empty (white
 *    space is collapsed; at most 10,000 characters), and no id and language twice.
 * 3. Any problem: 422 with every problem and its line; nothing is written.
 * 4. Without `apply`, answer what would change; with it, write each changed mandate once, as a new
 *    revision whose `texts` and `givenTexts` carry the new texts (they win over the pages' translations
 *    from then on).
 */
export async function importTranslations(
  csv: string,
  context: { store: MandateStore; now: string; apply: boolean },
): Promise<TranslationsSummary> {
  // 1. Read.
  const { records, problems } = parseCsv(csv);
  const header = records[0];
  const headerRight = header !== undefined && header.fields.map((f) => f.trim().toLowerCase()).join(',') === 'id,language,text';
  if (!header && problems.length === 0) problems.push({ line: 1, message: 'the CSV is empty: it needs the header row "id,language,text"' });
  if (header && !headerRight) problems.push({ line: header.line, message: 'the first row must be the header "id,language,text"' });

  // 2. Check each row.
  const mandates = new Map((await context.store.listMandates()).map((m) => [m.id, m]));
  const seen = new Map<string, number>();
  const rows: { line: number; mandate: StoredMandate; language: Language; text: string }[] = [];
  for (const record of headerRight ? records.slice(1) : []) {
    const { line, fields } = record;
    if (fields.length !== 3) {
      problems.push({ line, message: `expected 3 fields (id,language,text), found ${fields.length}` });
      continue;
    }
    const id = fields[0]!.trim();
    const language = fields[1]!.trim().toLowerCase();
    const text = fields[2]!.replace(/\s+/g, ' ').trim();
    const mandate = mandates.get(id);
    const rowProblems: string[] = [];
    if (!mandate) rowProblems.push(`unknown mandate id "${id.slice(0, 120)}"`);
    if (!(LANGUAGES as readonly string[]).includes(language))
      rowProblems.push(`language must be en, es, fr or pt, not "${language.slice(0, 20)}"`);
    else if (mandate && (mandate.language ?? 'en') === language) {
      rowProblems.push(`"${language}" is the language of the mandate's own text: change it by importing its page again`);
    }
    if (text === '') rowProblems.push('the text is empty');
    else if (text.length > MAX_TRANSLATION_CHARS) rowProblems.push(`the text is longer than ${MAX_TRANSLATION_CHARS} characters`);
    else if (CONTROL.test(text)) rowProblems.push('the text has control characters');
    const key = `${id}\n${language}`;
    const first = seen.get(key);
    if (first !== undefined) rowProblems.push(`${id} in "${language}" is already given on line ${first}`);
    else seen.set(key, line);
    if (rowProblems.length > 0) problems.push(...rowProblems.map((message) => ({ line, message })));
    else rows.push({ line, mandate: mandate!, language: language as Language, text });
  }

  // 3. Problems: nothing written.
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    const shown = problems
      .slice(0, 5)
      .map((p) => `line ${p.line}: ${p.message}`)
      .join('; ');
    throw unprocessable(
      'csv_has_problems',
      `The CSV has ${problems.length} problem(s); nothing was written. ${shown}${problems.length > 5 ? '; …' : ''}`,
      { problems },
    );
  }

  // 4. What changes, and the writes.
  const summary: TranslationsSummary = { updated: [], unchanged: 0, problems: [], applied: false };
  const changed = new Map<string, StoredMandate>();
  for (const { mandate, language, text } of rows) {
    if (textsOf(mandate)[language] === text) {
      summary.unchanged += 1;
      continue;
    }
    const current = changed.get(mandate.id) ?? mandate;
    changed.set(mandate.id, {
      ...current,
      texts: { ...textsOf(current), [language]: text },
      givenTexts: { ...current.givenTexts, [language]: text },
    });
    summary.updated.push({ id: mandate.id, language, label: mandate.label, document: mandate.document });
  }
  if (context.apply) {
    const writes = [...changed.values()].map((m) => ({
      ...m,
      revision: m.revision + 1,
      contentHash: mandateContentHash(m),
      updatedAt: context.now,
    }));
    if (writes.length > 0) await context.store.saveMandates(writes);
    summary.applied = true;
  }
  return summary;
}

import { parseMandates, themeFromFileName, type Mandate, type MandatePage, type PageEntry } from './mandates';
import { findInstrument, foldForMatch, LANGUAGES, slug, type Language, type Summit } from './summits';

/**
 * One catalogue from many mandate pages.
 *
 * - The same mandate on several theme pages is one mandate with all their `themes`. Two entries are
 *   the same mandate when they have the same summit, the same instrument (by the registry, whatever
 *   its spelling; by its name when the registry does not know it), the same text once case,
 *   accents, punctuation and white space are ignored, and, for a sub-item, the same chapeau.
 * - The pages in the base language (English when there is one, else the first of es, fr, pt) make
 *   the mandates. A page in another language is matched to the base page it translates: the one
 *   its `translates` names, else the one with the same file name but for a language suffix
 *   (`health-es.txt` translates `health.txt`; also `_sp`, `-fr`, `-pt` ...), else the one page with
 *   exactly the same entries in the same places. Each of its entries gives `texts.<language>` to
 *   the mandate at the same place there: same summit, same instrument, same place in that
 *   instrument's group (or same label number), same sub-item label. An entry with no such mandate
 *   is reported in `report.unmatched` and kept as a mandate of its own language; nothing is
 *   guessed (a page that merely shares some places with a base page is not matched to it: "the
 *   first entry of the Plan of Action of Mar del Plata" stands on many pages).
 * - A page with any problem is refused whole: none of its entries is loaded. Two mandates that
 *   would get the same id (two pages with the same theme) are a problem too: the second is left out.
 *
 * Ids. A page gives each of its entries the id it has always had:
 * `<theme>-<year>-<document>-<n>` (n: the entry's place among the entries of that instrument on that
 * page), `<theme>-<year>-<document>-<label>` for a bullet with its own label, and
 * `<parent id>-<label>` for a sub-item. A mandate takes the id its entry has on the page with the
 * smallest theme among the pages it stands on (then the smallest file name, then the first place),
 * and a sub-item the id of its chapeau followed by its label. So ids do not depend on the order the
 * pages are given in, and a page loaded alone (the migration page) keeps exactly the ids it had.
 * Ids also survive re-imports: given the mandates of the previous import (`previous`), a mandate
 * that is the same as a previous one keeps that one's id, even when a page of a smaller theme now
 * shares it. A new entry whose id a kept mandate already holds takes the next free place number.
 */

export interface CataloguePage {
  name: string;
  text: string;
  /** The theme of a page without a heading; by default from its file name. */
  theme?: string;
  /** For a page in another language: the name of the page it translates, when its file name does not say. */
  translates?: string;
}

/** A line of a page, and what about it. */
export interface PageNotice {
  file: string;
  line: number;
  message: string;
}

export interface CataloguePageReport {
  name: string;
  language: Language;
  theme: string;
  /** The page's heading as written, such as "HEALTH: Disease Prevention". */
  heading?: string;
  /** How many mandates the page lists (chapeaux and sub-items included). */
  entries: number;
  /** For a page in another language than the catalogue's: the page whose mandates it translates. */
  translates?: string;
  /** True when the page has problems and none of it was loaded. */
  refused: boolean;
}

export interface CatalogueReport {
  /** The language of the pages that make the mandates. */
  language: Language;
  pages: CataloguePageReport[];
  /** Entries of another language that match no mandate: kept as mandates of their own language. */
  unmatched: PageNotice[];
  /** Translations that differ from one already given for the same mandate: the first page by name wins. */
  conflicts: PageNotice[];
}

export interface Catalogue {
  mandates: Mandate[];
  /** Every problem of every page, with its file and line; a page with problems is refused whole, a mandate with a taken id is left out. */
  problems: PageNotice[];
  report: CatalogueReport;
}

interface ReadPage {
  name: string;
  page: MandatePage;
  translates?: string;
}

interface Occurrence {
  page: ReadPage;
  entry: PageEntry;
}

/** A mandate of the catalogue while it is being built. */
interface Item {
  key: string;
  language: Language;
  parent?: Item;
  occurrences: Occurrence[];
  translations: Partial<Record<Language, string>>;
  id?: string;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Occurrences in the order that picks a mandate's id: smallest theme, then file name, then place. */
function compareOccurrences(a: Occurrence, b: Occurrence): number {
  return (
    compareText(a.page.page.theme, b.page.page.theme) ||
    compareText(a.page.name, b.page.name) ||
    a.entry.mandate.position - b.entry.mandate.position
  );
}

function primary(item: Item): Occurrence {
  return item.occurrences[0]!;
}

/** What makes two entries the same mandate (see above). */
function sameMandateKey(summitId: string, instrument: string | null, document: string, text: string, parentKey?: string): string {
  const own = `${summitId}/${instrument ?? `document:${slug(document)}`}: ${foldForMatch(text)}`;
  return parentKey === undefined ? own : `${parentKey} > ${own}`;
}

/** A file name without folder, extension and language suffix: `health-es.txt` and `health.txt` give `health`. */
function languageStem(name: string): string {
  return name
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/[-_.](en|eng|es|esp|sp|spa|fr|fra|pt|por)$/i, '')
    .toLowerCase();
}

/** Where every entry of a page stands, in order: two pages with the same shape list the same mandates. */
function shapeOf(page: ReadPage): string {
  return page.page.entries.map((e) => `${e.place}${e.mandate.chapeau ? ':' : ''}`).join('\n');
}

/** The base page that a page in another language translates, or undefined when no page surely is. */
function findTranslated(page: ReadPage, basePages: readonly ReadPage[]): ReadPage | undefined {
  if (page.translates !== undefined) return basePages.find((base) => base.name === page.translates);
  const sameName = basePages.filter((base) => languageStem(base.name) === languageStem(page.name));
  if (sameName.length === 1) return sameName[0];
  const sameShape = basePages.filter((base) => shapeOf(base) === shapeOf(page));
  return sameShape.length === 1 ? sameShape[0] : undefined;
}

/** Builds the catalogue of mandates from pages of any themes and languages, in any order. */
export function buildCatalogue(
  pages: readonly CataloguePage[],
  options: { summits: readonly Summit[]; previous?: readonly Mandate[] },
): Catalogue {
  const problems: PageNotice[] = [];
  const unmatched: PageNotice[] = [];
  const conflicts: PageNotice[] = [];

  const read: ReadPage[] = [...pages]
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.text, b.text))
    .map((page) => ({
      name: page.name,
      page: parseMandates(page.text, { theme: page.theme ?? themeFromFileName(page.name), summits: options.summits }),
      ...(page.translates !== undefined ? { translates: page.translates } : {}),
    }));
  for (const { name, page } of read) {
    for (const problem of page.problems) problems.push({ file: name, ...problem });
  }
  const loaded = read.filter((r) => r.page.problems.length === 0);
  const baseLanguage = LANGUAGES.find((language) => loaded.some((r) => r.page.language === language)) ?? 'en';
  const basePages = loaded.filter((r) => r.page.language === baseLanguage);

  const items = new Map<string, Item>();
  const itemOfEntry = new Map<PageEntry, Item>();
  const entryById = new Map<ReadPage, Map<string, PageEntry>>(
    loaded.map((r) => [r, new Map(r.page.entries.map((e) => [e.mandate.id, e]))]),
  );
  const parentItem = (page: ReadPage, entry: PageEntry): Item | undefined => {
    const parentId = entry.mandate.parentId;
    return parentId === null ? undefined : itemOfEntry.get(entryById.get(page)!.get(parentId)!);
  };

  /** The entry stands in its own language: it is a mandate, or one more page of one. */
  const addMandate = (page: ReadPage, entry: PageEntry): void => {
    const parent = parentItem(page, entry);
    const m = entry.mandate;
    const key = sameMandateKey(m.summitId, entry.instrument, m.document, m.text, parent?.key);
    let item = items.get(key);
    if (!item) {
      item = { key, language: page.page.language, parent, occurrences: [], translations: {} };
      items.set(key, item);
    }
    item.occurrences.push({ page, entry });
    itemOfEntry.set(entry, item);
  };

  for (const page of basePages) for (const entry of page.page.entries) addMandate(page, entry);

  const translatedBy = new Map<ReadPage, ReadPage>();
  for (const page of loaded.filter((r) => r.page.language !== baseLanguage)) {
    const language = page.page.language;
    const translated = findTranslated(page, basePages);
    if (translated) translatedBy.set(page, translated);
    const atPlace = new Map(translated?.page.entries.map((e) => [e.place, e]));
    for (const entry of page.page.entries) {
      const m = entry.mandate;
      const target = atPlace.get(entry.place);
      const targetItem = target && itemOfEntry.get(target);
      let reason: string | undefined;
      if (!translated) {
        reason = page.translates
          ? `no "${baseLanguage}" page named ${page.translates} was loaded`
          : `no "${baseLanguage}" page is known to be the one this page translates (name it like that page, with a suffix such as "-${language}")`;
      } else if (entry.instrument === null) reason = `the registry has no instrument "${m.document}" for the summit of ${m.year}`;
      else if (!target || !targetItem) reason = `nothing stands at the same place in ${translated.name}`;
      else if (target.mandate.chapeau !== m.chapeau)
        reason = `the entry at the same place in ${translated.name} is ${m.chapeau ? 'not ' : ''}a chapeau`;
      else if (targetItem.parent !== parentItem(page, entry)) reason = `its chapeau matches no chapeau of ${translated.name}`;
      if (reason || !targetItem) {
        unmatched.push({ file: page.name, line: m.line, message: `${reason}: kept as a mandate in "${language}"` });
        addMandate(page, entry);
        continue;
      }
      itemOfEntry.set(entry, targetItem);
      const given = targetItem.translations[language];
      if (given === undefined) targetItem.translations[language] = m.text;
      else if (foldForMatch(given) !== foldForMatch(m.text)) {
        conflicts.push({
          file: page.name,
          line: m.line,
          message: `another "${language}" text was already given for this mandate; kept that one`,
        });
      }
    }
  }

  const ordered = orderItems([...items.values()]);
  assignIds(ordered, options, problems);
  const mandates = ordered.filter((item) => item.id !== undefined).map(toMandate);

  problems.sort((a, b) => compareText(a.file, b.file) || a.line - b.line);
  const report: CatalogueReport = {
    language: baseLanguage,
    pages: read.map((r) => ({
      name: r.name,
      language: r.page.language,
      theme: r.page.theme,
      ...(r.page.heading
        ? { heading: r.page.heading.subTheme ? `${r.page.heading.theme}: ${r.page.heading.subTheme}` : r.page.heading.theme }
        : {}),
      entries: r.page.entries.length,
      ...(translatedBy.has(r) ? { translates: translatedBy.get(r)!.name } : {}),
      refused: r.page.problems.length > 0,
    })),
    unmatched,
    conflicts,
  };
  return { mandates, problems, report };
}

/** Top-level mandates in the order of their first place, each followed by its sub-items. */
function orderItems(items: Item[]): Item[] {
  for (const item of items) item.occurrences.sort(compareOccurrences);
  const byPlace = (a: Item, b: Item) => compareOccurrences(primary(a), primary(b));
  const ordered: Item[] = [];
  for (const top of items.filter((item) => !item.parent).sort(byPlace)) {
    ordered.push(top, ...items.filter((item) => item.parent === top).sort(byPlace));
  }
  return ordered;
}

/** Gives every item its id (see the scheme above); an id two items would share is a problem. */
function assignIds(ordered: Item[], options: { summits: readonly Summit[]; previous?: readonly Mandate[] }, problems: PageNotice[]): void {
  const previousIds = previousIdsByKey(options.previous ?? [], options.summits);
  const kept = new Map<Item, string>();
  for (const item of ordered) {
    const ids = previousIds.get(item.key);
    if (!ids) continue;
    const candidate = primary(item).entry.mandate.id;
    kept.set(item, ids.includes(candidate) ? candidate : [...ids].sort(compareText)[0]!);
  }
  const keptIds = new Set(kept.values());
  const taken = new Set<string>();
  for (const item of ordered) {
    const { page, entry } = primary(item);
    if (item.parent && item.parent.id === undefined) continue; // its chapeau was refused
    let id = kept.get(item);
    if (id === undefined) {
      id = item.parent ? `${item.parent.id}-${slug(entry.mandate.label)}` : entry.mandate.id;
      if (keptIds.has(id) && entry.numberedByPlace && !item.parent) id = nextFreePlace(id, taken, keptIds);
    }
    if (taken.has(id) || (keptIds.has(id) && kept.get(item) !== id)) {
      problems.push({ file: page.name, line: entry.mandate.line, message: `another mandate already has the id ${id}` });
      continue;
    }
    taken.add(id);
    item.id = id;
  }
}

/** `x-3` becomes `x-4`, `x-5` ... until an id nobody holds. */
function nextFreePlace(id: string, taken: ReadonlySet<string>, kept: ReadonlySet<string>): string {
  const [, stem, place] = /^(.*-)(\d+)$/.exec(id)!;
  let n = Number(place);
  let next = id;
  while (taken.has(next) || kept.has(next)) next = `${stem}${++n}`;
  return next;
}

/** The ids of the previous import's mandates, by what makes them the same mandate. */
function previousIdsByKey(previous: readonly Mandate[], summits: readonly Summit[]): Map<string, string[]> {
  const byId = new Map(previous.map((m) => [m.id, m]));
  const keys = new Map<string, string>();
  const keyOf = (m: Mandate): string => {
    const known = keys.get(m.id);
    if (known !== undefined) return known;
    const summit = summits.find((s) => s.id === m.summitId);
    const instrument = (summit && findInstrument(summit, m.document)?.id) ?? null;
    const parent = m.parentId === null ? undefined : byId.get(m.parentId);
    const key = sameMandateKey(m.summitId, instrument, m.document, m.text, parent && keyOf(parent));
    keys.set(m.id, key);
    return key;
  };
  const ids = new Map<string, string[]>();
  for (const m of previous) ids.set(keyOf(m), [...(ids.get(keyOf(m)) ?? []), m.id]);
  return ids;
}

function toMandate(item: Item): Mandate {
  const first = primary(item).entry.mandate;
  const themes = [...new Set(item.occurrences.map((o) => o.page.page.theme))].sort(compareText);
  const notes: string[] = [];
  for (const { entry } of item.occurrences) {
    for (const note of entry.mandate.notes) {
      if (!notes.some((n) => foldForMatch(n) === foldForMatch(note))) notes.push(note);
    }
  }
  const texts: Partial<Record<Language, string>> = {};
  for (const language of LANGUAGES) {
    const text = language === item.language ? first.text : item.translations[language];
    if (text !== undefined) texts[language] = text;
  }
  return {
    ...first,
    id: item.id!,
    parentId: item.parent?.id ?? null,
    notes,
    theme: themes[0]!,
    themes,
    language: item.language,
    texts,
  };
}

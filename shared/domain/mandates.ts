import { findInstrument, findSummit, foldForMatch, LANGUAGES, slug, type Language, type Summit, type SummitRef } from './summits';

/** One commitment taken from a summit document. */
export interface Mandate {
  id: string;
  label: string;
  text: string;
  parentId: string | null;
  citation: string;
  document: string;
  summit: SummitRef;
  summitId: string;
  year: number;
  notes: string[];
  theme: string;
  /** Position on the page it was read from, 1-based. */
  position: number;
  /** True for a lead-in ("... to:") whose commitments are its sub-items. */
  chapeau: boolean;
  line: number;
  /** Every theme page the mandate appears on, smallest first; `theme` is the first of them. */
  themes?: string[];
  /** The language of `text`. */
  language?: Language;
  /** The text in every language a page gives it in, `text` included. */
  texts?: Partial<Record<Language, string>>;
}

export interface ParseProblem {
  line: number;
  message: string;
}

export class MandateParseError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ParseProblem[],
  ) {
    super(problems.map((p) => `${source}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'MandateParseError';
  }
}

/** The "THEME: Sub-theme" heading of a page. */
export interface PageHeading {
  theme: string;
  subTheme?: string;
  line: number;
}

/** A mandate as read from one page, with what the catalogue needs to match it with other pages. */
export interface PageEntry {
  mandate: Mandate;
  /** The registry id of the instrument cited, or null when the registry does not know it. */
  instrument: string | null;
  /**
   * Where the entry stands on its page, written the same in every language: summit, instrument,
   * place in the instrument's group (or the number of its own label), then the sub-item label.
   */
  place: string;
  /** True when the id ends with the entry's place in its group, false when it ends with a label. */
  numberedByPlace: boolean;
}

/** Everything read from one page. `mandates` are the `entries`' mandates, in page order. */
export interface MandatePage {
  /** The theme slug of the page: from its heading, or the theme given when it has none. */
  theme: string;
  heading?: PageHeading;
  language: Language;
  entries: PageEntry[];
  mandates: Mandate[];
  problems: ParseProblem[];
}

interface RawEntry {
  kind: 'numbered' | 'bullet';
  number?: string;
  body: string;
  notes: string[];
  line: number;
  /** Width of the leading white space: indented numbered lines under a chapeau are its sub-items. */
  indent: number;
  /** True when a separator line of underscores stands between this entry and the one before. */
  separated: boolean;
}

const NUMBERED = /^(\s*)(\d+)[.)]\s+(.*)$/;
const BULLET = /^(\s*)[•▪◦·]\s*(.*)$/;
const FOOTNOTE = /^\s*\*+\s*(.*)$/;
const FOOTER = /^\s*(©|\(c\)|copyright\b)/i;
const SEPARATOR = /^\s*_{3,}\s*$/;
const PAGE_NUMBER = /^\s*\d{1,3}\s*$/;
const CITATION_LINE = /^\s*[;:,]?\s*\(\s*[^()]*\b\d{4}\s*\)[\s.;]*$/;
/** A lettered or roman-numbered bullet: "a.", "b)", "i.", "iv.", "xii)". */
const LETTERED = /^([a-z]|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))[.)]\s+(.*)$/s;
const BULLET_LABEL =
  /^((?:initiative|mandate|paragraph|iniciativa|mandato|p[aá]rrafo|par[aá]grafo|mandat|paragraphe)\s+\d+[a-z]?|\d+(?:\.\d+)+)\.?\s+(.*)$/is;
const CITATION = /^(.*?)[\s;:,]*(\(\s*([^()]*?\b(\d{4}))\s*\))[\s.;]*$/s;
const SUMMIT_ORDINAL =
  /\b[IVXL]+(?:e|ème|ª)?\s+(?:Summit\s+of\s+the\s+Americas|Cumbre\s+de\s+las\s+Am[eé]ricas|Sommet\s+des\s+Am[eé]riques|C[uú]pula\s+das\s+Am[eé]ricas)/iu;

/** The site header of the page, in each language: furniture, never a mandate. */
const SITE_HEADER = new Set(
  [
    'Organization of American States Summits of the Americas',
    'Follow-up and Implementation: Mandates',
    'Organización de los Estados Americanos Cumbres de las Américas',
    'Seguimiento e implementación: Mandatos',
    'Organisation des États Américains Sommets des Amériques',
    'Suivi et mise en œuvre : Mandats',
    'Organização dos Estados Americanos Cúpulas das Américas',
    'Acompanhamento e implementação: Mandatos',
  ].map(foldForMatch),
);
const MANDATES_LINE = new Set(['Mandates', 'Mandatos', 'Mandats'].map(foldForMatch));
/** "Click here for Related Ministerials", "Haga clic aquí para Ministeriales relacionadas" ... (folded). */
const RELATED_MINISTERIALS = /^(click here|haga clic aqui|cliquez ici|clique aqui)\b.*\bministeri/;

/** Words that tell the languages of the pages apart (none is common to two of them). */
const LANGUAGE_WORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['the', 'and', 'of', 'to', 'with', 'our', 'we', 'for', 'that', 'their', 'on']),
  es: new Set(['el', 'los', 'las', 'del', 'y', 'con', 'nuestros', 'nuestra', 'una', 'por', 'al']),
  fr: new Set(['le', 'les', 'des', 'du', 'et', 'pour', 'avec', 'nous', 'dans', 'une', 'sur', 'au', 'aux']),
  pt: new Set(['os', 'das', 'da', 'do', 'e', 'com', 'nossos', 'nossa', 'uma', 'ao', 'não', 'pelo', 'pela']),
};

/** The language most of a text's words are in; English when none is recognised. */
export function detectLanguage(text: string): Language {
  const counts: Record<Language, number> = { en: 0, es: 0, fr: 0, pt: 0 };
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    for (const language of LANGUAGES) if (LANGUAGE_WORDS[language].has(word)) counts[language] += 1;
  }
  return LANGUAGES.reduce((best, language) => (counts[language] > counts[best] ? language : best), 'en' as Language);
}

/** The theme of a page, from its file name: `summits-mandates-migration.txt` gives `migration`. */
export function themeFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return slug(base.replace(/^summits-mandates-/, '')) || 'mandates';
}

/** The slug of a heading: "HEALTH: Disease Prevention" gives `health-disease-prevention`. */
export function themeOfHeading(heading: { theme: string; subTheme?: string }): string {
  return slug(heading.subTheme ? `${heading.theme} ${heading.subTheme}` : heading.theme);
}

/** "HEALTH: Disease Prevention" or "GENDER ISSUES": a theme in capitals, then maybe ":" and a sub-theme. */
function readHeading(text: string, line: number): PageHeading | undefined {
  const colon = text.indexOf(':');
  const theme = (colon >= 0 ? text.slice(0, colon) : text).trim();
  const subTheme = colon >= 0 ? text.slice(colon + 1).trim() : '';
  if (!/\p{L}.*\p{L}/u.test(theme) || theme !== theme.toLocaleUpperCase()) return undefined;
  return subTheme ? { theme, subTheme, line } : { theme, line };
}

/** Page furniture allowed above the first entry: site header, page number, "Click here ...", "MANDATES". */
function isFurniture(text: string): boolean {
  const folded = foldForMatch(text);
  return SITE_HEADER.has(folded) || MANDATES_LINE.has(folded) || PAGE_NUMBER.test(text) || RELATED_MINISTERIALS.test(folded);
}

/**
 * Splits a page into entries: a numbered line or a bullet, its continuation lines and its footnotes.
 * Above the first entry only the page furniture and one heading may stand; separator lines of
 * underscores may stand anywhere between entries. Any other line is a problem with its number.
 */
function readEntries(text: string, problems: ParseProblem[]): { entries: RawEntry[]; heading?: PageHeading } {
  const entries: RawEntry[] = [];
  let heading: PageHeading | undefined;
  let current: RawEntry | undefined;
  let inFootnote = false;
  let afterBlank = false;
  let footerSeen = false;
  let separated = false;

  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (trimmed === '') {
      afterBlank = true;
      return;
    }
    if (footerSeen) {
      problems.push({ line, message: 'text after the page footer' });
      return;
    }
    if (FOOTER.test(rawLine)) {
      footerSeen = true;
      return;
    }
    if (SEPARATOR.test(rawLine)) {
      current = undefined;
      separated = true;
      return;
    }
    const numbered = NUMBERED.exec(rawLine);
    const bullet = numbered ? null : BULLET.exec(rawLine);
    if (numbered || bullet) {
      const start = numbered
        ? { kind: 'numbered' as const, number: numbered[2], body: numbered[3]!, indent: numbered[1]!.length }
        : { kind: 'bullet' as const, body: bullet![2]!, indent: bullet![1]!.length };
      current = { ...start, body: start.body.trim(), notes: [], line, separated };
      entries.push(current);
      inFootnote = false;
      afterBlank = false;
      separated = false;
      return;
    }
    if (!current) {
      if (entries.length === 0 && !separated) {
        if (isFurniture(trimmed)) return;
        const found = heading ? undefined : readHeading(trimmed, line);
        if (found) {
          heading = found;
          return;
        }
        problems.push({ line, message: `text before the first entry: "${trimmed.slice(0, 60)}"` });
        return;
      }
      problems.push({ line, message: `text outside an entry: "${trimmed.slice(0, 60)}"` });
      return;
    }
    if (CITATION_LINE.test(rawLine) && !CITATION.test(current.body)) {
      // the citation of a group, on its own line after the last item
      current.body = `${current.body} ${trimmed}`;
      inFootnote = false;
      afterBlank = false;
      return;
    }
    const footnote = FOOTNOTE.exec(rawLine);
    if (footnote) {
      current.notes.push(footnote[1]!.trim());
      inFootnote = true;
      afterBlank = false;
      return;
    }
    if (afterBlank) {
      problems.push({ line, message: `text outside an entry: "${trimmed.slice(0, 60)}"` });
      return;
    }
    if (inFootnote) {
      const last = current.notes.length - 1;
      current.notes[last] = `${current.notes[last]} ${trimmed}`;
    } else {
      current.body = `${current.body} ${trimmed}`;
    }
  });
  return { entries, heading };
}

interface Citation {
  raw: string;
  document: string;
  year: number;
  summit: Summit;
}

/**
 * The instrument and summit of a citation. The summit's place names (any language) and its ordinal
 * ("IX Summit of the Americas", "IX Cumbre de las Américas") are not part of the instrument's name,
 * nor is a country after a period ("Lima Commitment. Peru").
 */
function parseCitation(content: string, raw: string, summits: readonly Summit[]): Citation | string {
  const year = Number(/(\d{4})\s*$/.exec(content)![1]);
  const summit = findSummit(summits, year, content);
  if (!summit) return `no summit in the registry for the year ${year} cited in ${raw}`;
  const aliases = new Set(summit.aliases.map(foldForMatch));
  const parts = content
    .replace(/,?\s*\d{4}\s*$/, '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (;;) {
    const last = parts[parts.length - 1];
    if (last === undefined) break;
    if (parts.length > 1 && aliases.has(foldForMatch(last))) {
      parts.pop();
      continue;
    }
    const dotted = /^(.*\S)\.\s+([^.]+)$/.exec(last);
    if (dotted && aliases.has(foldForMatch(dotted[2]!))) {
      parts[parts.length - 1] = dotted[1]!;
      continue;
    }
    break;
  }
  const document = parts
    .map((part) => part.replace(SUMMIT_ORDINAL, '').trim())
    .filter(Boolean)
    .join(', ');
  return { raw, document: document || summit.name, year, summit };
}

function splitCitation(body: string): { text: string; raw: string; content: string } | undefined {
  const match = CITATION.exec(body);
  if (!match) return undefined;
  return { text: match[1]!.trim(), raw: match[2]!, content: match[3]!.trim() };
}

interface Draft {
  entry: RawEntry;
  text: string;
  cite?: Citation;
  /** True when the entry ends with a citation, even one naming no known summit. */
  cited: boolean;
  label: string;
  ownLabel: boolean;
  chapeau: boolean;
  position: number;
  parent?: Draft;
  children: Draft[];
}

/** The number a label carries, the same in every language: "Initiative 33" and "Iniciativa 33" give "33". */
function labelNumber(label: string): string {
  return slug(label.split(/\s+/).pop() ?? label);
}

/**
 * Reads a "Follow-up and Implementation: Mandates" page (any of the four languages) into mandates.
 * Every entry becomes a mandate or a problem with its line number; nothing is dropped silently.
 *
 * `options.theme` is the theme of a page without a "THEME: Sub-theme" heading (usually from its
 * file name); a page with a heading takes its theme from it.
 */
export function parseMandates(text: string, options: { theme?: string; summits: readonly Summit[] }): MandatePage {
  const problems: ParseProblem[] = [];
  const { entries, heading } = readEntries(text, problems);
  const theme = heading ? themeOfHeading(heading) : slug(options.theme ?? '') || 'mandates';
  const language = detectLanguage(text);

  // 1. Each entry: its citation, and whether it is a chapeau, a sub-item of the open chapeau or neither.
  const drafts: Draft[] = [];
  let openChapeau: Draft | undefined;
  entries.forEach((entry, index) => {
    if (entry.separated) openChapeau = undefined;
    let body = entry.body;
    let label: string | undefined;
    let letter: string | undefined;
    if (entry.kind === 'bullet') {
      const lettered = LETTERED.exec(body);
      const labelled = lettered ? null : BULLET_LABEL.exec(body);
      if (lettered) [, letter, body] = lettered as unknown as [string, string, string];
      else if (labelled) [, label, body] = labelled as unknown as [string, string, string];
    }
    const split = splitCitation(body);
    let cite: Citation | undefined;
    if (split) {
      const parsed = parseCitation(split.content, split.raw, options.summits);
      if (typeof parsed === 'string') problems.push({ line: entry.line, message: parsed });
      else cite = parsed;
    }
    let mandateText = split ? split.text : body.trim();
    if (entry.notes.length > 0) mandateText = mandateText.replace(/\*+$/, '').trim();

    const draft: Draft = {
      entry,
      text: mandateText,
      cite,
      cited: split !== undefined,
      label: '',
      ownLabel: false,
      chapeau: false,
      position: index + 1,
      children: [],
    };
    const subItem =
      openChapeau !== undefined && (letter !== undefined || (entry.kind === 'numbered' && entry.indent > openChapeau.entry.indent));
    if (subItem) {
      draft.label = (letter ?? entry.number)!;
      draft.ownLabel = true;
      if (!split) draft.text = draft.text.replace(/[\s;,]+$/, ''); // the ";" that separates the items of a list
      draft.parent = openChapeau;
      openChapeau!.children.push(draft);
    } else {
      if (label ?? letter) {
        draft.label = (label ?? letter)!.replace(/\s+/g, ' ');
        draft.ownLabel = true;
      }
      openChapeau = undefined;
      if (!split && /:\s*$/.test(body)) {
        draft.chapeau = true;
        openChapeau = draft;
      } else if (!split) {
        problems.push({ line: entry.line, message: 'entry has no citation: expected "(Instrument, YEAR)" at its end' });
      }
    }
    drafts.push(draft);
  });

  // 2. Labels of the top-level entries: their number, or their place when the page numbers every entry 1.
  const topLevel = drafts.filter((d) => !d.parent);
  const numberedAllOne = topLevel.filter((d) => d.entry.kind === 'numbered').every((d) => d.entry.number === '1');
  topLevel.forEach((draft, index) => {
    if (draft.ownLabel) return;
    draft.label = numberedAllOne || !draft.entry.number ? String(index + 1) : draft.entry.number;
  });

  // 3. Groups: only the last items may carry the citation, and every item before them takes it.
  for (const chapeau of drafts.filter((d) => d.chapeau)) {
    let following: Citation | undefined;
    let laterCited = false; // a later item ends with a citation, even one already reported
    for (const child of [...chapeau.children].reverse()) {
      if (child.cited) {
        following = child.cite;
        laterCited = true;
      } else if (following) child.cite = following;
      else if (!laterCited) {
        problems.push({ line: child.entry.line, message: 'entry has no citation, and no later item of its group has one' });
      }
    }
    chapeau.cite = chapeau.children.find((child) => child.cite)?.cite;
    if (chapeau.children.length === 0) {
      problems.push({ line: chapeau.entry.line, message: 'entry ends with ":" but no sub-items follow, and it has no citation' });
    }
  }

  // 4. Ids and places.
  const pageEntries: PageEntry[] = [];
  const taken = new Set<string>();
  const done = new Map<Draft, PageEntry>();
  const ordinals = new Map<string, number>();
  const places = new Map<string, number>();
  for (const draft of drafts) {
    const cite = draft.cite;
    if (!cite) continue;
    const instrument = findInstrument(cite.summit, cite.document)?.id ?? null;
    let id: string;
    let place: string;
    let numberedByPlace = false;
    if (draft.parent) {
      const parent = done.get(draft.parent);
      if (!parent) continue; // the parent was reported as a problem
      id = `${parent.mandate.id}-${slug(draft.label)}`;
      place = `${parent.place}>${slug(draft.label)}`;
    } else {
      const group = `${theme}-${cite.year}-${slug(cite.document)}`;
      const instrumentGroup = `${cite.summit.id}/${instrument ?? `document:${slug(cite.document)}`}`;
      if (draft.ownLabel) {
        id = `${group}-${slug(draft.label)}`;
        place = `${instrumentGroup}/label:${labelNumber(draft.label)}`;
      } else {
        const ordinal = (ordinals.get(group) ?? 0) + 1;
        ordinals.set(group, ordinal);
        id = `${group}-${ordinal}`;
        const placeInGroup = (places.get(instrumentGroup) ?? 0) + 1;
        places.set(instrumentGroup, placeInGroup);
        place = `${instrumentGroup}/${placeInGroup}`;
        numberedByPlace = true;
      }
    }
    if (taken.has(id)) {
      problems.push({ line: draft.entry.line, message: `two entries have the label "${draft.label}" under ${cite.raw}` });
      continue;
    }
    taken.add(id);
    const mandate: Mandate = {
      id,
      label: draft.label,
      text: draft.text,
      parentId: draft.parent ? done.get(draft.parent)!.mandate.id : null,
      citation: cite.raw,
      document: cite.document,
      summit: { name: cite.summit.name, city: cite.summit.city, year: cite.summit.year },
      summitId: cite.summit.id,
      year: cite.year,
      notes: draft.entry.notes,
      theme,
      position: draft.position,
      chapeau: draft.chapeau,
      line: draft.entry.line,
      themes: [theme],
      language,
      texts: { [language]: draft.text },
    };
    const pageEntry: PageEntry = { mandate, instrument, place, numberedByPlace };
    done.set(draft, pageEntry);
    pageEntries.push(pageEntry);
  }
  if (entries.length === 0) problems.push({ line: 1, message: 'no entries found (numbered lines or bullets)' });
  problems.sort((a, b) => a.line - b.line);
  return {
    theme,
    ...(heading ? { heading } : {}),
    language,
    entries: pageEntries,
    mandates: pageEntries.map((e) => e.mandate),
    problems,
  };
}

/** Parses a page and throws one error listing every problem, so nothing half-read is ever stored. */
export function parseMandatesStrict(text: string, options: { source: string; theme?: string; summits: readonly Summit[] }): Mandate[] {
  const { mandates, problems } = parseMandates(text, {
    theme: options.theme ?? themeFromFileName(options.source),
    summits: options.summits,
  });
  if (problems.length > 0) throw new MandateParseError(options.source, problems);
  return mandates;
}

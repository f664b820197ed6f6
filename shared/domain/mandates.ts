import { findSummit, foldForMatch, slug, type Summit, type SummitRef } from './summits';

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

interface RawEntry {
  kind: 'numbered' | 'bullet';
  number?: string;
  body: string;
  notes: string[];
  line: number;
}

const NUMBERED = /^\s*(\d+)[.)]\s+(.*)$/;
const BULLET = /^\s*[•▪◦·]\s*(.*)$/;
const FOOTNOTE = /^\s*\*+\s*(.*)$/;
const FOOTER = /^\s*(©|\(c\)|copyright\b)/i;
const LETTERED = /^([a-z])[.)]\s+(.*)$/s;
const BULLET_LABEL = /^((?:initiative|mandate|paragraph)\s+\d+[a-z]?|\d+(?:\.\d+)+)\.?\s+(.*)$/is;
const CITATION = /^(.*?)[\s;:,]*(\(\s*([^()]*?\b(\d{4}))\s*\))[\s.;]*$/s;
const SUMMIT_ORDINAL = /\b[IVXL]+\s+Summit\s+of\s+the\s+Americas\b/i;

/** The theme of a page, from its file name: `summits-mandates-migration.txt` gives `migration`. */
export function themeFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return slug(base.replace(/^summits-mandates-/, '')) || 'mandates';
}

/** Splits a page into entries: a numbered line or a bullet, its continuation lines and its footnotes. */
function readEntries(text: string, problems: ParseProblem[]): RawEntry[] {
  const entries: RawEntry[] = [];
  let current: RawEntry | undefined;
  let inFootnote = false;
  let afterBlank = false;
  let footerSeen = false;

  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    if (rawLine.trim() === '') {
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
    const numbered = NUMBERED.exec(rawLine);
    const bullet = numbered ? null : BULLET.exec(rawLine);
    if (numbered || bullet) {
      current = numbered
        ? { kind: 'numbered', number: numbered[1], body: numbered[2]!.trim(), notes: [], line }
        : { kind: 'bullet', body: bullet![1]!.trim(), notes: [], line };
      entries.push(current);
      inFootnote = false;
      afterBlank = false;
      return;
    }
    if (!current) return; // the page heading, before the first entry
    const footnote = FOOTNOTE.exec(rawLine);
    if (footnote) {
      current.notes.push(footnote[1]!.trim());
      inFootnote = true;
      afterBlank = false;
      return;
    }
    if (afterBlank) {
      problems.push({ line, message: `text outside an entry: "${rawLine.trim().slice(0, 60)}"` });
      return;
    }
    if (inFootnote) {
      const last = current.notes.length - 1;
      current.notes[last] = `${current.notes[last]} ${rawLine.trim()}`;
    } else {
      current.body = `${current.body} ${rawLine.trim()}`;
    }
  });
  return entries;
}

interface Citation {
  raw: string;
  document: string;
  year: number;
  summit: Summit;
}

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
  while (parts.length > 1 && aliases.has(foldForMatch(parts[parts.length - 1]!))) parts.pop();
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

/**
 * Reads a "Follow-up and Implementation: Mandates" page into mandates.
 * Every entry becomes a mandate or a problem with its line number; nothing is dropped silently.
 */
export function parseMandates(
  text: string,
  options: { theme: string; summits: readonly Summit[] },
): { mandates: Mandate[]; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const entries = readEntries(text, problems);
  const numberedAllOne = entries.filter((e) => e.kind === 'numbered').every((e) => e.number === '1');
  const theme = slug(options.theme);

  type Draft = Omit<Mandate, 'id' | 'citation' | 'document' | 'summit' | 'summitId' | 'year'> & {
    cite?: Citation;
    ownLabel: boolean;
    children: Draft[];
    parent?: Draft;
  };
  const drafts: Draft[] = [];
  let openChapeau: Draft | undefined;
  let topLevelCount = 0;

  entries.forEach((entry, index) => {
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

    const subItem = letter !== undefined && openChapeau !== undefined;
    const draft: Draft = {
      label: '',
      text: mandateText,
      parentId: null,
      notes: entry.notes,
      theme,
      position: index + 1,
      chapeau: false,
      line: entry.line,
      cite,
      ownLabel: false,
      children: [],
    };
    if (subItem) {
      draft.label = letter!;
      draft.ownLabel = true;
      draft.parent = openChapeau;
      openChapeau!.children.push(draft);
    } else {
      topLevelCount += 1;
      if (label ?? letter) {
        draft.label = (label ?? letter)!.replace(/\s+/g, ' ');
        draft.ownLabel = true;
      } else {
        draft.label = numberedAllOne || !entry.number ? String(topLevelCount) : entry.number;
      }
      openChapeau = undefined;
      if (!split && /:\s*$/.test(body)) {
        draft.chapeau = true;
        openChapeau = draft;
      }
    }
    if (!split && !draft.chapeau) {
      problems.push({
        line: entry.line,
        message: 'entry has no citation: expected "(Instrument, YEAR)" at its end',
      });
    }
    drafts.push(draft);
  });

  for (const draft of drafts) {
    if (draft.chapeau) {
      draft.cite = draft.children.find((child) => child.cite)?.cite;
      if (!draft.cite && draft.children.length === 0) {
        problems.push({ line: draft.line, message: 'entry ends with ":" but no sub-items follow, and it has no citation' });
      }
    }
  }

  const mandates: Mandate[] = [];
  const taken = new Set<string>();
  const idsByDraft = new Map<Draft, string>();
  const ordinals = new Map<string, number>();
  for (const draft of drafts) {
    const cite = draft.cite;
    if (!cite) continue;
    let id: string;
    if (draft.parent) {
      const parentId = idsByDraft.get(draft.parent);
      if (!parentId) continue; // the parent was reported as a problem
      id = `${parentId}-${slug(draft.label)}`;
    } else {
      const group = `${theme}-${cite.year}-${slug(cite.document)}`;
      if (draft.ownLabel) {
        id = `${group}-${slug(draft.label)}`;
      } else {
        const ordinal = (ordinals.get(group) ?? 0) + 1;
        ordinals.set(group, ordinal);
        id = `${group}-${ordinal}`;
      }
    }
    if (taken.has(id)) {
      problems.push({ line: draft.line, message: `two entries have the label "${draft.label}" under ${cite.raw}` });
      continue;
    }
    idsByDraft.set(draft, id);
    taken.add(id);
    mandates.push({
      id,
      label: draft.label,
      text: draft.text,
      parentId: draft.parent ? idsByDraft.get(draft.parent)! : null,
      citation: cite.raw,
      document: cite.document,
      summit: { name: cite.summit.name, city: cite.summit.city, year: cite.summit.year },
      summitId: cite.summit.id,
      year: cite.year,
      notes: draft.notes,
      theme,
      position: draft.position,
      chapeau: draft.chapeau,
      line: draft.line,
    });
  }
  if (entries.length === 0) problems.push({ line: 1, message: 'no entries found (numbered lines or bullets)' });
  problems.sort((a, b) => a.line - b.line);
  return { mandates, problems };
}

/** Parses a page and throws one error listing every problem, so nothing half-read is ever stored. */
export function parseMandatesStrict(
  text: string,
  options: { source: string; theme?: string; summits: readonly Summit[] },
): Mandate[] {
  const { mandates, problems } = parseMandates(text, {
    theme: options.theme ?? themeFromFileName(options.source),
    summits: options.summits,
  });
  if (problems.length > 0) throw new MandateParseError(options.source, problems);
  return mandates;
}

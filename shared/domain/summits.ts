/** The languages the mandate pages are published in. */
export const LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A document adopted at a summit (a declaration, a plan of action ...), with its names as the pages cite it. */
export interface Instrument {
  id: string;
  names: Record<Language, string[]>;
}

export interface Summit {
  id: string;
  name: string;
  city: string;
  year: number;
  ordinal?: string;
  aliases: string[];
  instruments?: Instrument[];
}

export interface SummitRef {
  name: string;
  city: string;
  year: number;
}

/** Lower case, accents removed, runs of non-alphanumerics folded to one space. */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function slug(text: string): string {
  return foldForMatch(text).replace(/ /g, '-');
}

/**
 * The summit that adopted an instrument cited with `year` and naming `place`
 * (any text of the citation). Several summits in one year are told apart by place.
 */
export function findSummit(summits: readonly Summit[], year: number, place: string): Summit | undefined {
  const sameYear = summits.filter((s) => s.year === year);
  if (sameYear.length <= 1) return sameYear[0];
  const folded = ` ${foldForMatch(place)} `;
  return sameYear.find((s) => s.aliases.some((alias) => folded.includes(` ${foldForMatch(alias)} `)));
}

/** Finds a summit by its id, its city or one of its aliases (accents and case ignored). */
export function findSummitByName(summits: readonly Summit[], name: string): Summit | undefined {
  const folded = foldForMatch(name);
  return summits.find((s) => s.id === name || foldForMatch(s.city) === folded || s.aliases.some((a) => foldForMatch(a) === folded));
}

/** The instrument of `summit` that a citation names as `document`, in any language (accents and case ignored). */
export function findInstrument(summit: Summit, document: string): Instrument | undefined {
  const folded = foldForMatch(document);
  return summit.instruments?.find((instrument) =>
    LANGUAGES.some((language) => instrument.names[language].some((name) => foldForMatch(name) === folded)),
  );
}

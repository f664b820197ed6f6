/**
 * What a state reads in its language: the cycle's title, a mandate's text, the instrument's name.
 * Each gives the text and the language it is actually in, so that a page can mark a fallback
 * (`lang="en"`) and say that the text is not yet translated.
 */
import type { Cycle } from './cycles';
import type { Mandate } from './mandates';
import { findInstrument, LANGUAGES, type Language, type Summit } from './summits';

export interface InLanguage {
  text: string;
  language: Language;
}

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** The cycle's title in `language` when it was given one, else its `title`. */
export function titleFor(cycle: Pick<Cycle, 'title' | 'titles'>, language: string): string {
  return (isLanguage(language) ? cycle.titles?.[language] : undefined) || cycle.title;
}

/**
 * A mandate's text in `language` where the catalogue has it; otherwise in English; otherwise as it
 * was first read (in the mandate's own language).
 */
export function mandateTextIn(mandate: Pick<Mandate, 'text' | 'language' | 'texts'>, language: Language): InLanguage {
  const own = mandate.language ?? 'en';
  const wanted = mandate.texts?.[language] ?? (own === language ? mandate.text : undefined);
  if (wanted) return { text: wanted, language };
  const english = mandate.texts?.en ?? (own === 'en' ? mandate.text : undefined);
  if (english) return { text: english, language: 'en' };
  return { text: mandate.text, language: own };
}

/** The summit of a mandate in the registry. */
export function summitOf(summits: readonly Summit[], mandate: Pick<Mandate, 'summitId'>): Summit | undefined {
  return summits.find((s) => s.id === mandate.summitId);
}

/**
 * The name of the instrument a mandate comes from, in `language` when the registry knows it;
 * otherwise its English name; otherwise the name as the page cited it.
 */
export function instrumentNameIn(
  summits: readonly Summit[],
  mandate: Pick<Mandate, 'summitId' | 'document' | 'language'>,
  language: Language,
): InLanguage & { id?: string } {
  const summit = summitOf(summits, mandate);
  const instrument = summit ? findInstrument(summit, mandate.document) : undefined;
  if (instrument) {
    const wanted = instrument.names[language]?.[0];
    if (wanted) return { text: wanted, language, id: instrument.id };
    const english = instrument.names.en?.[0];
    if (english) return { text: english, language: 'en', id: instrument.id };
  }
  return { text: mandate.document, language: mandate.language ?? 'en', id: instrument?.id };
}

export const LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A member state in the secretariat's register. */
export interface MemberState {
  /** ISO 3166-1 alpha-3. */
  code: string;
  name: string;
  localName: string;
  language: Language;
  active: boolean;
  focalPoints: string[];
  /** Addresses that bounced permanently or complained: no more mail goes to them. */
  bouncedAddresses?: string[];
  note?: string;
}

/** The records the system keeps, as the use cases and pages see them (the stores add only keys). */
import type { Mandate } from './mandates';
import type { MemberState } from './states';
import type { Language } from './summits';

export interface AuditEntry {
  cycleId: string;
  at: string;
  actor: string;
  action: string;
  stateCode?: string;
  details?: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass back to read the next (older) page; absent on the last page. */
  cursor?: string;
}

export interface SessionRecord {
  sessionHash: string;
  cycleId: string;
  stateCode: string;
  linkEpoch: number;
  expiresAt: string;
  /** The state's language, so that a page can speak it even when the assignment cannot be read. */
  language?: string;
  /** A contributor's session (their own link): linkEpoch is then the contributor's. Absent: the coordinator's. */
  contributorId?: string;
}

export interface ConsoleSessionRecord {
  actor: string;
  expiresAt: string;
}

export interface TokenRecord {
  tokenHash: string;
  cycleId: string;
  stateCode: string;
  linkEpoch: number;
  createdAt: string;
  /** A contributor's link: linkEpoch is then the contributor's. */
  contributorId?: string;
}

export interface OutboxClaim {
  cycleId: string;
  stateCode: string;
  slot: string;
  kind: string;
  to: string;
  claimedAt: string;
}

export type OutboxRecord = OutboxClaim & { status: 'sending' | 'sent' | 'failed'; messageId?: string; sentAt?: string };

export interface SnapshotRecord {
  cycleId: string;
  title: string;
  kind: 'weekly' | 'final';
  generatedAt: string;
  files: Record<string, string>;
  builtFrom: Record<string, unknown>;
}

export interface StoredMandate extends Mandate {
  revision: number;
  contentHash: string;
  updatedAt: string;
  /**
   * True once the mandate has left the catalogue (the page it stood on was imported again without
   * it). It is kept, for the cycles that ask about it, but offered for no new cycle.
   */
  retired?: boolean;
  retiredAt?: string;
  /** Texts given by the secretariat (CSV upload) rather than by a page; they win over the pages' translations. */
  givenTexts?: Partial<Record<Language, string>>;
}

/** A mandate page as imported (by the seeder or through the API): the catalogue is rebuilt from these. */
export interface StoredMandatePage {
  /** The page's name: a one-line slug such as `labour` or `summits-mandates-migration.txt`. */
  name: string;
  text: string;
  theme: string;
  language: Language;
  /** For a page in another language: the page it translates, when its name does not say. */
  translates?: string;
  /** Who brought it: the seed documents, or an import through the API or the console. */
  origin: 'seed' | 'import';
  importedAt: string;
}

export interface StoredState extends MemberState {
  updatedAt: string;
}

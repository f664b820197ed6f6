/**
 * What the use cases hand to the pages, emails and report files: plain data, no behaviour.
 * The render layer may import these types and nothing else of the use cases.
 */
import type { Answer, ImplementationStatus } from '../domain/answers';
import type { Assignment, AssignmentStatus, Cycle, CycleSummary, ReturnNotice, StoredAssignment } from '../domain/cycles';
import type { AnswerComment } from '../domain/team';
import type { EvidenceFile } from '../domain/evidence';
import type { Mandate } from '../domain/mandates';
import type { CycleReport, LineageChain, MandateMeta, StatusKey } from '../domain/report';
import type { Change } from '../domain/changes';
import type { EmailKind, TeamEmailKind } from '../domain/reminders';
import type { Language } from '../domain/states';
import type { InLanguage } from '../domain/titles';
import type { StoredState } from '../domain/records';

/** Everything an email is written from. */
export interface EmailContext {
  kind: EmailKind;
  language: Language;
  stateName: string;
  cycleTitle: string;
  deadline: string;
  now: string;
  answered: number;
  total: number;
  link?: string;
  previousDeadline?: string;
  receipt?: {
    submittedAt: string;
    contentHash: string;
    /** How many answers have each status (`none`: no status), when the sender counted them. */
    counts?: Partial<Record<ImplementationStatus | 'none', number>>;
  };
}

/** Everything a notice of the team or the review loop is written from. */
export interface TeamEmailContext {
  kind: TeamEmailKind;
  language: Language;
  stateName: string;
  cycleTitle: string;
  deadline: string;
  now: string;
  link?: string;
  /** To a contributor: their name, and how many mandates are theirs. */
  contributor?: { name: string; mandates: number; unanswered: number };
  /** For `returned`: what came back, with the secretariat's comments. */
  returned?: ReturnNotice;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Writes an email in its language: the render layer's, handed to the reminder job. */
export type EmailComposer = (context: EmailContext) => RenderedEmail;

/** Writes any email the reminder job sends: the state's emails and the team's notices. */
export type MailComposer = (context: EmailContext | TeamEmailContext) => RenderedEmail;

/** How an item stands: answered, not yet, or carried from the last cycle (a hook: nothing carries answers yet). */
export type ItemMark = 'answered' | 'unanswered' | 'carried';

/** One mandate of the assignment as the answering page shows it, its words in the page's language where known. */
export interface PortalItem {
  mandate: Mandate;
  parent?: Mandate;
  answer?: Answer;
  /** Its place in the contents (theme, then instrument, then the cycle's order), from 0. */
  order: number;
  /** The key of its group (theme and instrument). */
  group: string;
  mark: ItemMark;
  /** The mandate's text, and the language it is in (English, or the original, when not translated). */
  text: InLanguage;
  parentText?: InLanguage;
  instrument: InLanguage;
  summit: PortalSummit;
  /** The state's status for this mandate in earlier cycles, newest first. */
  history?: HistoryEntry[];
  /** When `answer` is offered from an earlier cycle (not saved in this one yet): that cycle, and the mandate this one continues when it came from there. */
  carriedFrom?: { cycleId: string; title: string; mandateId?: string };
  /** The earlier mandates this one reaffirms or continues, nearest first. */
  lineage?: { id: string; kind: 'reaffirms' | 'continues'; label?: string; document?: string; year?: number }[];
  /** The answer's thread with the secretariat, oldest first. */
  comments?: AnswerComment[];
  /** The answer's evidence files, checked and ready. */
  files?: EvidenceFile[];
  /** Whether this session may change the answer (its own mandate, not accepted, report not handed in). */
  editable?: boolean;
}

export interface HistoryEntry {
  cycleId: string;
  title: string;
  status: ImplementationStatus | null;
}

export interface PortalSummit {
  name: string;
  /** "IX" for the Ninth Summit: lets a page name the summit in its language. */
  ordinal?: string;
  city: string;
  year: number;
}

/** A group of the contents: one instrument within one theme, counted over the mandates that match the filter. */
export interface PortalGroup {
  key: string;
  theme: string;
  instrument: InLanguage;
  summit: PortalSummit;
  total: number;
  answered: number;
  unanswered: number;
  carried: number;
}

export type PortalFilter = 'unanswered' | 'carried';

/** What the state asked to see: a group, or a mandate, or a part of the list; a filter. */
export interface PortalQuery {
  group?: string;
  /** A mandate: show the part it is in. */
  at?: string;
  /** The part of the list, from 1. */
  page?: number;
  filter?: PortalFilter;
  theme?: string;
  q?: string;
}

/** Everything the answering page shows for one state's assignment: the contents, and the mandates (the page shows a part). */
export interface PortalView {
  cycle: Cycle;
  assignment: Assignment;
  state: StoredState;
  /** The cycle's title in the page's language. */
  title: string;
  /** The language the texts were asked in. */
  language: Language;
  answered: number;
  total: number;
  carried: number;
  /** The query as understood (unknown groups, themes and filters dropped). */
  query: PortalQuery;
  /** Every theme of the cycle's mandates, for the filter. */
  themes: string[];
  /** The contents: the groups with a mandate that matches, in order. */
  groups: PortalGroup[];
  /** The mandates that match the filter (all of them without one), in the contents' order. */
  items: PortalItem[];
  /** Every mandate without an answer, in the contents' order, whatever the filter. */
  unanswered: PortalItem[];
  /** Set for a contributor's session: only their mandates are theirs to answer, and they do not submit. */
  contributor?: { id: string; name: string; mandates: string[] };
}

/** One page of the assignment for the API: the mandates from `offset`, at most the limit asked. */
export interface AssignmentPage {
  cycle: Cycle;
  assignment: Assignment;
  state: StoredState;
  title: string;
  answered: number;
  total: number;
  offset: number;
  items: PortalItem[];
  contributor?: { id: string; name: string; mandates: string[] };
}

/** What the secretariat reviews of one state's report: a page of its answers, each beside the previous cycle's. */
export interface ReviewView {
  cycleId: string;
  cycleTitle: string;
  state: string;
  stateName: string;
  status: AssignmentStatus;
  round: number | null;
  deadline: string;
  previousCycle: { cycleId: string; title: string } | null;
  total: number;
  offset: number;
  next: number | null;
  answers: {
    mandateId: string;
    label: string;
    document: string;
    text: string;
    answer: Answer | null;
    review: Answer['review'] | null;
    comments: AnswerComment[];
    files: EvidenceFile[];
    /** The state's latest earlier answer to this mandate, and the cycle it was given in. */
    previous: { cycleTitle: string; status: ImplementationStatus | null; narrative: string; updatedAt: string } | null;
    /** The state's status for this mandate in its earlier cycles, newest first. */
    history: HistoryEntry[];
  }[];
}

/** One line of the secretariat's status table. */
export interface StateStatusLine {
  code: string;
  name: string;
  status: AssignmentStatus | 'late';
  deadline: string;
  answered: number;
  total: number;
  remindersSent: number;
  emailsSent: number;
  lastEmail: StoredAssignment['lastEmail'] | null;
  emailHealth: { undeliverable: string[] };
  extensions: StoredAssignment['extensions'];
  extensionRequest: StoredAssignment['extensionRequest'] | null;
  submittedAt: string | null;
  linkRevoked: boolean;
  nextReminderAt: string | null;
}

/** What the secretariat sees of a cycle: a line per state, and the totals. */
export interface CycleStatusView {
  cycle: CycleSummary;
  totals: Record<string, number>;
  states: StateStatusLine[];
}

/** What a report is built from: the cycle, its mandates in order, its assignments by state name. */
export interface ReportSource {
  cycle: Cycle;
  mandates: MandateMeta[];
  assignments: Assignment[];
  stateNames: Map<string, string>;
  /** The chains of linked mandates this cycle asks about, for the roll-up along them. */
  chains: LineageChain[];
}

export interface TrendPoint {
  cycleId: string;
  title: string;
  deadline: string;
  responseRate: number;
  onTimeRate: number;
  implementedShare: number | null;
  /** The statuses of the cycle's counted answers (what the progress chart stacks). */
  counts: CycleReport['totals']['counts'];
  byMandate: Record<string, number | null>;
  byState: Record<string, 'submitted' | 'late' | 'not_submitted'>;
}

/** One state's answer to one mandate of the cycle (or its absence), as the answer lists show it. */
export interface AnswerRow {
  stateCode: string;
  stateName: string;
  mandateId: string;
  label: string;
  text: string;
  /** The text in the languages known; the report shows the one of its language where there is one. */
  texts: Partial<Record<Language, string>>;
  document: string;
  year: number;
  summit: string;
  status: StatusKey;
  narrative: string;
  difficulties: string;
  evidence: { title: string; url: string }[];
  /** The evidence files kept with the answer (names, sizes and SHA-256; the files themselves stay in the bucket). */
  files: { name: string; size: number; sha256: string }[];
  updatedAt: string;
  /** Who last changed it ('' when not known). */
  updatedBy: string;
  submitted: boolean;
  /** The status in the state's previous cycle ('' when this is the state's first cycle). */
  previousStatus: StatusKey | '';
  /** How it moved since then ('' when this is the state's first cycle). */
  change: Change | '';
  /** For an answer carried from an earlier cycle: confirmed unchanged, or updated. */
  carried: 'confirmed' | 'updated' | '';
}

export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'html';

/** Everything a report file is written from: the aggregates, the answer rows (lists only) and the trend. */
export interface ReportData {
  report: CycleReport;
  rows: AnswerRow[];
  trend: TrendPoint[];
}

/** Writes a report file from its data: the render layer's, handed in by the edge or the job. */
export type ReportRenderer = (format: ReportFormat, data: ReportData, language: Language) => Promise<string | Buffer>;

/** One mandate in a summary: short enough to read in a list. */
export interface MandateLine {
  id: string;
  label: string;
  document: string;
  year: number;
  /** The text, cut at 160 characters. */
  text: string;
  themes: string[];
  /** Merged: the themes it gains. */
  gainedThemes?: string[];
  /** Translated: the languages it gains. */
  gainedLanguages?: Language[];
  /** Revised (and merged, when more than its themes changed): what changed (field names; `texts.es` for one text). */
  changes?: string[];
  /** Added: it was retired and a page lists it again. */
  restored?: boolean;
}

/** One contributor as the coordinator sees them: who, which mandates, and how far they are. */
export interface ContributorProgress {
  id: string;
  name: string;
  email: string;
  institution?: string;
  mandates: string[];
  answered: number;
  total: number;
  lastSavedAt?: string;
  addedAt: string;
}

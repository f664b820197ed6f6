/**
 * What the use cases hand to the pages, emails and report files: plain data, no behaviour.
 * The render layer may import these types and nothing else of the use cases.
 */
import type { Answer } from '../domain/answers';
import type { Assignment, AssignmentStatus, Cycle, CycleSummary, StoredAssignment } from '../domain/cycles';
import type { Mandate } from '../domain/mandates';
import type { CycleReport, MandateMeta, StatusKey } from '../domain/report';
import type { EmailKind } from '../domain/reminders';
import type { Language } from '../domain/states';
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
  receipt?: { submittedAt: string; contentHash: string };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Writes an email in its language: the render layer's, handed to the reminder job. */
export type EmailComposer = (context: EmailContext) => RenderedEmail;

export interface PortalItem {
  mandate: Mandate;
  parent?: Mandate;
  answer?: Answer;
}

/** Everything the answering page shows for one state's assignment. */
export interface PortalView {
  cycle: Cycle;
  assignment: Assignment;
  state: StoredState;
  items: PortalItem[];
  answered: number;
  total: number;
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
}

export interface TrendPoint {
  cycleId: string;
  title: string;
  deadline: string;
  responseRate: number;
  onTimeRate: number;
  implementedShare: number | null;
  byMandate: Record<string, number | null>;
  byState: Record<string, 'submitted' | 'late' | 'not_submitted'>;
}

/** One state's answer to one mandate of the cycle (or its absence), as the answer lists show it. */
export interface AnswerRow {
  stateCode: string;
  stateName: string;
  mandateId: string;
  label: string;
  document: string;
  year: number;
  summit: string;
  status: StatusKey;
  narrative: string;
  difficulties: string;
  evidence: { title: string; url: string }[];
  updatedAt: string;
  submitted: boolean;
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

/**
 * Many hands on one report: the contributors a state's coordinator brings in, the secretariat's review
 * of each answer, and the thread of comments on an answer. Records and the rules on them; no I/O.
 */
import * as z from 'zod';
import { oneLine } from './cycles';
import { REVIEW_LIMITS } from './assignment';

export const TEAM_LIMITS = { contributors: 50, mandates: 2_000, comments: 200 } as const;

/** One person of a ministry who answers some mandates of the state's report, with their own link. */
export interface Contributor {
  cycleId: string;
  stateCode: string;
  id: string;
  name: string;
  email: string;
  institution?: string;
  /** The mandates this contributor answers; the rest of the report is read-only to them. */
  mandates: string[];
  /** Moves when the contributor is removed: every link they were sent stops working. */
  linkEpoch: number;
  addedAt: string;
  addedBy: string;
  /** Removed contributors are kept (their answers name them), never deleted. */
  removedAt?: string;
}

export const contributorInputSchema = z
  .object({
    name: oneLine(200).pipe(z.string().min(1, 'is required')),
    email: z.email({ message: 'must be an email address' }).max(254),
    institution: oneLine(200).optional(),
    mandates: z
      .array(z.string().min(1).max(200))
      .min(1, 'must list at least one mandate')
      .max(TEAM_LIMITS.mandates, `at most ${TEAM_LIMITS.mandates} mandates`),
  })
  .strict();

export type ContributorInput = z.infer<typeof contributorInputSchema>;

export type Decision = 'accepted' | 'returned';

/** The secretariat's decision on one answer. */
export interface Review {
  decision: Decision;
  comment: string;
  at: string;
  by: string;
  /** The submission round it was decided in. */
  round: number;
}

export const reviewInputSchema = z
  .object({
    decisions: z
      .array(
        z
          .object({
            mandateId: z.string().min(1).max(200),
            decision: z.enum(['accepted', 'returned'], { message: 'must be accepted or returned' }),
            comment: z.string().trim().max(REVIEW_LIMITS.comment, `must be at most ${REVIEW_LIMITS.comment} characters`).optional(),
          })
          .strict()
          .refine((d) => d.decision !== 'returned' || Boolean(d.comment), {
            message: 'a returned answer must carry a comment saying what to change',
            path: ['comment'],
          }),
      )
      .max(TEAM_LIMITS.mandates),
    /** Accept every answer not decided yet (and not in `decisions`). */
    acceptRest: z.boolean().optional(),
    /** The new deadline when something is returned (default: 14 days from now). */
    deadline: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  })
  .strict()
  .refine((r) => r.decisions.length > 0 || r.acceptRest, { message: 'give at least one decision, or acceptRest', path: ['decisions'] })
  .refine((r) => new Set(r.decisions.map((d) => d.mandateId)).size === r.decisions.length, {
    message: 'decide each mandate once',
    path: ['decisions'],
  });

export type ReviewInput = z.infer<typeof reviewInputSchema>;

/** One message of an answer's thread, from the state or from the secretariat, in order. */
export interface AnswerComment {
  cycleId: string;
  stateCode: string;
  mandateId: string;
  id: string;
  at: string;
  side: 'state' | 'secretariat';
  /** Who wrote it: the coordinator, a contributor by name, or a secretariat user. */
  author: string;
  text: string;
}

export const commentInputSchema = z
  .object({
    text: z.string().trim().min(1, 'is required').max(REVIEW_LIMITS.comment, `must be at most ${REVIEW_LIMITS.comment} characters`),
  })
  .strict();

/** Whether a contributor may change the answer to this mandate. */
export const answersFor = (contributor: Pick<Contributor, 'mandates'>, mandateId: string) => contributor.mandates.includes(mandateId);

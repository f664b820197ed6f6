import * as z from 'zod';
import type { Review } from './team';

/** The status taxonomy. `not_applicable` is an answer; "no answer" is the absence of a status. */
export const STATUSES = ['fully_implemented', 'partially_implemented', 'in_progress', 'not_started', 'not_applicable'] as const;
export type ImplementationStatus = (typeof STATUSES)[number];

export const LIMITS = { narrative: 10_000, difficulties: 10_000, evidence: 20, evidenceTitle: 300, url: 2_000 } as const;

const httpUrl = z
  .string()
  .trim()
  .max(LIMITS.url)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http or https address');

export const answerInputSchema = z
  .object({
    status: z
      .enum(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` })
      .nullable()
      .optional(),
    narrative: z.string().max(LIMITS.narrative, `must be at most ${LIMITS.narrative} characters`).optional(),
    difficulties: z.string().max(LIMITS.difficulties, `must be at most ${LIMITS.difficulties} characters`).optional(),
    evidence: z
      .array(z.object({ title: z.string().trim().min(1, 'is required').max(LIMITS.evidenceTitle), url: httpUrl }).strict())
      .max(LIMITS.evidence, `at most ${LIMITS.evidence} links`)
      .optional(),
    version: z.int().min(0, 'must be the version you last read, 0 for a new answer'),
  })
  .strict();

export type AnswerInput = z.infer<typeof answerInputSchema>;

export interface Answer {
  cycleId: string;
  stateCode: string;
  mandateId: string;
  status: ImplementationStatus | null;
  narrative: string;
  difficulties: string;
  evidence: { title: string; url: string }[];
  version: number;
  updatedAt: string;
  /** Who last changed it: the coordinator or a contributor by name (absent on answers older than contributors). */
  updatedBy?: string;
  /** The secretariat's decision on it in the current round of review. */
  review?: Review;
  /**
   * Started from the state's answer in an earlier cycle: `confirmed` when saved unchanged, `updated`
   * when changed. (An answer offered from an earlier cycle and not saved yet is not stored at all.)
   */
  carried?: { from: string; outcome: 'confirmed' | 'updated' };
  /** On an answer offered from an earlier cycle and not saved in this one yet (never stored). */
  carriedForward?: boolean;
}

export const isAnswered = (answer: Pick<Answer, 'status'> | undefined) => Boolean(answer?.status);

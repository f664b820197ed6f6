import type { ContributorProgress } from './view-models';
import { randomUUID } from 'node:crypto';
import { isAnswered } from '../domain/answers';
import { inviteContributor, review as decide } from '../domain/assignment';
import { conflict, invalid, notFound } from '../domain/errors';
import type { Language } from '../domain/states';
import { mandateTextIn } from '../domain/titles';
import { TEAM_LIMITS, type AnswerComment, type Contributor, type ContributorInput, type Review, type ReviewInput } from '../domain/team';
import type { Stores } from '../store/ports';
import { changeAssignment } from './cycles';
import { actorOf, coordinatorOnly, type StateSession } from './respond';

async function cycleMandateIds(stores: Stores, cycleId: string): Promise<string[]> {
  const cycle = await stores.cycles.getCycle(cycleId);
  if (!cycle) throw notFound(`No cycle ${cycleId}`);
  return cycle.mandateIds;
}

/**
 * The coordinator adds a contributor: a person of a ministry who answers some of the report's mandates.
 *
 * Primary course:
 * 1. Check the mandates are the cycle's, and that the address is not a contributor already.
 * 2. Store the contributor, and queue their own invitation (in the state's language, with their own
 *    link) on the assignment, with its audit entry: the reminder job sends it through the outbox.
 */
export async function addContributor(
  session: StateSession,
  input: ContributorInput,
  context: { stores: Stores; now: string },
): Promise<Contributor> {
  const { stores, now } = context;
  coordinatorOnly(session, 'add contributors');
  const inCycle = new Set(await cycleMandateIds(stores, session.cycleId));
  const unknown = input.mandates.filter((id) => !inCycle.has(id));
  if (unknown.length > 0) {
    throw invalid('unknown_mandates', `mandates: not part of this cycle: ${unknown.slice(0, 10).join(', ')}`, [
      { field: 'mandates', message: `not part of this cycle: ${unknown.slice(0, 10).join(', ')}` },
    ]);
  }
  const team = (await stores.team.listContributors(session.cycleId, session.stateCode)).filter((c) => !c.removedAt);
  if (team.some((c) => c.email.toLowerCase() === input.email.toLowerCase())) {
    throw conflict('contributor_exists', `${input.email} is already a contributor of this report`);
  }
  if (team.length >= TEAM_LIMITS.contributors) {
    throw conflict('too_many_contributors', `A report has ${TEAM_LIMITS.contributors} contributors at most`);
  }
  const contributor: Contributor = {
    cycleId: session.cycleId,
    stateCode: session.stateCode,
    id: randomUUID().slice(0, 8),
    name: input.name,
    email: input.email,
    ...(input.institution ? { institution: input.institution } : {}),
    mandates: [...new Set(input.mandates)],
    linkEpoch: 1,
    addedAt: now,
    addedBy: actorOf(session),
  };
  await stores.team.putContributor(contributor);
  await changeAssignment(stores, session.cycleId, session.stateCode, (a) => ({
    assignment: inviteContributor(a, contributor, now),
    audit: {
      at: now,
      actor: actorOf(session),
      action: 'contributor.added',
      details: { id: contributor.id, name: contributor.name, email: contributor.email, mandates: contributor.mandates.length },
    },
  }));
  return contributor;
}

/** The report's contributors (removed ones left out), each with how many of their mandates are answered. */
export async function listContributors(session: StateSession, stores: Stores): Promise<ContributorProgress[]> {
  const [team, marks] = await Promise.all([
    stores.team.listContributors(session.cycleId, session.stateCode),
    stores.answers.listAnswerMarks(session.cycleId, session.stateCode),
  ]);
  const markOf = new Map(marks.map((m) => [m.mandateId, m]));
  return team
    .filter((c) => !c.removedAt)
    .map((c) => {
      const theirs = c.mandates.map((id) => markOf.get(id));
      const saved = theirs.map((m) => m?.updatedAt).filter((at): at is string => Boolean(at));
      return {
        id: c.id,
        name: c.name,
        email: c.email,
        ...(c.institution ? { institution: c.institution } : {}),
        mandates: c.mandates,
        answered: theirs.filter((m) => isAnswered(m)).length,
        total: c.mandates.length,
        ...(saved.length ? { lastSavedAt: saved.sort().at(-1) } : {}),
        addedAt: c.addedAt,
      };
    });
}

/** Removes a contributor: kept (their answers name them), but every link they were sent stops working. */
export async function removeContributor(session: StateSession, id: string, context: { stores: Stores; now: string }) {
  const { stores, now } = context;
  coordinatorOnly(session, 'remove contributors');
  const contributor = await stores.team.getContributor(session.cycleId, session.stateCode, id);
  if (!contributor || contributor.removedAt) throw notFound(`No contributor ${id} in this report`);
  await stores.team.putContributor({ ...contributor, removedAt: now, linkEpoch: contributor.linkEpoch + 1 });
  await stores.audit.appendAudit({
    cycleId: session.cycleId,
    stateCode: session.stateCode,
    at: now,
    actor: actorOf(session),
    action: 'contributor.removed',
    details: { id, name: contributor.name, email: contributor.email },
  });
}

/**
 * The secretariat decides on a handed-in report, answer by answer.
 *
 * Primary course:
 * 1. Check every mandate is the cycle's; a return carries a comment (the schema); with `acceptRest`,
 *    every answer not decided in this round is accepted.
 * 2. Record each decision on its answer (the comment also goes into the answer's thread).
 * 3. Move the report: returned (new deadline, an email listing what came back, to the coordinator and
 *    the contributors of those mandates), accepted when every answer is, else in review. Audited.
 */
export async function reviewReport(
  key: { cycleId: string; stateCode: string },
  input: ReviewInput,
  context: { stores: Stores; now: string; actor: string },
) {
  const { stores, now, actor } = context;
  const [cycle, assignment, marks] = await Promise.all([
    stores.cycles.getCycle(key.cycleId),
    stores.assignments.getAssignment(key.cycleId, key.stateCode),
    stores.answers.listAnswerMarks(key.cycleId, key.stateCode),
  ]);
  if (!cycle || !assignment) throw notFound(`No assignment for ${key.stateCode} in cycle ${key.cycleId}`);
  const inCycle = new Set(cycle.mandateIds);
  const unknown = input.decisions.filter((d) => !inCycle.has(d.mandateId)).map((d) => d.mandateId);
  if (unknown.length > 0) throw invalid('unknown_mandates', `decisions: not part of this cycle: ${unknown.slice(0, 10).join(', ')}`);
  const round = assignment.round ?? 1;
  const reviewOf = new Map(marks.map((m) => [m.mandateId, m.review as Review | undefined]));
  const decided = new Set(input.decisions.map((d) => d.mandateId));
  const decisions = [
    ...input.decisions,
    ...(input.acceptRest
      ? cycle.mandateIds
          .filter((id) => !decided.has(id) && reviewOf.get(id)?.decision !== 'accepted')
          .map((mandateId) => ({ mandateId, decision: 'accepted' as const, comment: undefined }))
      : []),
  ];
  const reviews = decisions.map((d) => ({
    mandateId: d.mandateId,
    review: { decision: d.decision, comment: d.comment ?? '', at: now, by: actor, round } satisfies Review,
  }));
  // Check the report can be reviewed before anything is written.
  const returnedIds = decisions.filter((d) => d.decision === 'returned');
  const mandates = returnedIds.length > 0 ? await stores.mandates.listMandates() : [];
  const byId = new Map(mandates.map((m) => [m.id, m]));
  const language = assignment.language as Language;
  const returned = returnedIds.map((d) => {
    const mandate = byId.get(d.mandateId);
    return {
      mandateId: d.mandateId,
      label: mandate ? `${mandate.label} · ${mandate.document}` : d.mandateId,
      text: mandate ? mandateTextIn(mandate, language).text : '',
      comment: d.comment ?? '',
    };
  });
  const finalReviews = new Map(reviewOf);
  for (const r of reviews) finalReviews.set(r.mandateId, r.review);
  const allAccepted = cycle.mandateIds.every((id) => finalReviews.get(id)?.decision === 'accepted');
  const deadline = input.deadline
    ? input.deadline.length === 10
      ? `${input.deadline}T23:59:59.000Z`
      : new Date(input.deadline).toISOString()
    : undefined;
  decide(assignment, { returned, allAccepted, deadline, now }); // throws, before anything is written, when the report cannot be reviewed

  await stores.team.setReviews(key.cycleId, key.stateCode, reviews, now);
  await Promise.all(
    decisions
      .filter((d) => d.comment)
      .map((d) =>
        stores.team.addComment({
          cycleId: key.cycleId,
          stateCode: key.stateCode,
          mandateId: d.mandateId,
          id: randomUUID().slice(0, 8),
          at: now,
          side: 'secretariat',
          author: actor,
          text: d.comment!,
        }),
      ),
  );
  const saved = await changeAssignment(stores, key.cycleId, key.stateCode, (a) => ({
    assignment: decide(a, { returned, allAccepted, deadline, now }),
    audit: {
      at: now,
      actor,
      action: 'assignment.reviewed',
      details: {
        round,
        accepted: decisions.filter((d) => d.decision === 'accepted').length,
        returned: returned.map((r) => ({ mandateId: r.mandateId, comment: r.comment })),
      },
    },
  }));
  return {
    status: saved.status,
    round,
    deadline: saved.deadline,
    accepted: decisions.filter((d) => d.decision === 'accepted').length,
    returned: returned.length,
  };
}

/**
 * One message in an answer's thread: the state replying to the secretariat's comment, or the secretariat
 * writing to the state. Kept in order, and in the audit trail.
 */
export async function addComment(
  key: { cycleId: string; stateCode: string; mandateId: string },
  input: { text: string; side: AnswerComment['side']; author: string },
  context: { stores: Stores; now: string },
): Promise<AnswerComment> {
  const { stores, now } = context;
  if (!(await cycleMandateIds(stores, key.cycleId)).includes(key.mandateId)) {
    throw notFound(`Mandate ${key.mandateId} is not part of this cycle`);
  }
  if (!(await stores.assignments.getAssignment(key.cycleId, key.stateCode))) throw notFound(`No assignment for ${key.stateCode}`);
  const thread = await stores.team.listComments(key.cycleId, key.stateCode, key.mandateId);
  if (thread.length >= TEAM_LIMITS.comments)
    throw conflict('thread_full', `An answer's thread holds ${TEAM_LIMITS.comments} messages at most`);
  const comment: AnswerComment = {
    ...key,
    id: randomUUID().slice(0, 8),
    at: now,
    side: input.side,
    author: input.author,
    text: input.text,
  };
  await stores.team.addComment(comment);
  await stores.audit.appendAudit({
    cycleId: key.cycleId,
    stateCode: key.stateCode,
    at: now,
    actor: input.author,
    action: 'answer.commented',
    details: { mandateId: key.mandateId, side: input.side, text: input.text.slice(0, 500) },
  });
  return comment;
}

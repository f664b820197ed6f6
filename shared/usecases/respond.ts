import { createHash, randomBytes } from 'node:crypto';
import { isAnswered, type Answer, type AnswerInput } from '../domain/answers';
import { markOpened, requestExtension as askForExtension, submit } from '../domain/assignment';
import { isHandedIn, linkExpiresAt, type Cycle, type StoredAssignment } from '../domain/cycles';
import type { Mandate } from '../domain/mandates';
import type { Language } from '../domain/states';
import { foldForMatch, slug, type Summit } from '../domain/summits';
import { instrumentNameIn, mandateTextIn, summitOf, titleFor, type InLanguage } from '../domain/titles';
import { conflict, forbidden, notFound } from '../domain/errors';
import { VersionConflict, type Stores, type StoredMandate, type StoredState } from '../store/ports';
import { countAttempt } from './attempts';
import { changeAssignment } from './cycles';
import type { AssignmentPage, HistoryEntry, ItemMark, PortalGroup, PortalItem, PortalQuery, PortalSummit, PortalView } from './view-models';
import { carriedAnswer, earlierCycles, historyOf, offeredFrom, sameContent } from './history';
import { answersFor, type AnswerComment } from '../domain/team';
import type { EvidenceFile } from '../domain/evidence';
import { ancestorsOf } from '../domain/lineage';

export const SESSION_HOURS = 12;

export type LinkProblem = 'unknown' | 'revoked' | 'expired' | 'rate_limited';

export interface LinkOutcome {
  ok: boolean;
  problem?: LinkProblem;
  language?: Language;
  sessionId?: string;
  cycleId?: string;
  stateCode?: string;
  retryAfterSeconds?: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Exchanges a link token for a session.
 *
 * Primary course:
 * 1. Look the token up by its SHA-256 only; it must belong to the assignment's current link
 *    (a rotation or a revocation ends the older links) and be within 90 days of the deadline.
 * 2. Make a session for that one assignment (its id is returned once; only its hash is stored).
 * 3. Mark the assignment opened, the first time.
 * A link that does not open counts against the client (atomically, over a sliding window); past the
 * limit the client gets 429 instead of the reason. A valid link opens whatever others behind the
 * same address did: one office is not locked out by a colleague's old link.
 */
export async function openLink(
  token: string,
  context: { stores: Stores; now: string; client: string; maxFailures: number },
): Promise<LinkOutcome> {
  const { stores, now } = context;
  const fail = async (problem: LinkProblem, language?: Language): Promise<LinkOutcome> => {
    const attempt = await countAttempt(stores.limits, { scope: 'link', max: context.maxFailures, windowMinutes: 15 }, context.client, now);
    if (attempt.limited) return { ok: false, problem: 'rate_limited', retryAfterSeconds: attempt.retryAfterSeconds };
    return { ok: false, problem, language };
  };
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return fail('unknown');
  const record = await stores.outbox.getToken(hashToken(token));
  if (!record) return fail('unknown');
  const assignment = await stores.assignments.getAssignment(record.cycleId, record.stateCode);
  if (!assignment) return fail('unknown');
  const language = assignment.language as Language;
  if (assignment.linkRevoked) return fail('revoked', language);
  if (record.contributorId) {
    const contributor = await stores.team.getContributor(record.cycleId, record.stateCode, record.contributorId);
    if (!contributor || contributor.removedAt || contributor.linkEpoch !== record.linkEpoch) return fail('revoked', language);
  } else if (record.linkEpoch !== assignment.linkEpoch) return fail('revoked', language);
  const expiresAt = linkExpiresAt(assignment);
  if (now > expiresAt) return fail('expired', language);

  const sessionId = randomBytes(32).toString('base64url');
  const sessionEnd = new Date(Math.min(Date.parse(now) + SESSION_HOURS * 3_600_000, Date.parse(expiresAt))).toISOString();
  await stores.sessions.putSession({
    sessionHash: hashToken(sessionId),
    cycleId: record.cycleId,
    stateCode: record.stateCode,
    linkEpoch: record.linkEpoch,
    expiresAt: sessionEnd,
    language,
    ...(record.contributorId ? { contributorId: record.contributorId } : {}),
  });
  if (!record.contributorId && (assignment.status === 'pending' || assignment.status === 'invited')) {
    await changeAssignment(stores, record.cycleId, record.stateCode, (a) => ({
      assignment: markOpened(a, now),
      audit: { at: now, actor: record.stateCode, action: 'assignment.opened' },
    }));
  }
  return { ok: true, sessionId, cycleId: record.cycleId, stateCode: record.stateCode, language };
}

export interface StateSession {
  cycleId: string;
  stateCode: string;
  /** Set when a contributor's link made the session: they save only their own mandates, and never submit. */
  contributor?: { id: string; name: string; mandates: string[] };
}

/** Who did it, for answers and the audit trail: the state's code for its coordinator, with the name for a contributor. */
export const actorOf = (session: StateSession) =>
  session.contributor ? `${session.stateCode}: ${session.contributor.name}` : session.stateCode;

/** Only the coordinator (the focal point's link) may do this. */
export function coordinatorOnly(session: StateSession, what: string) {
  if (session.contributor) throw forbidden(`Only the state's coordinator can ${what}`, 'coordinator_only');
}

/** The assignment a session cookie gives access to, while the session and its link are valid. */
export async function resolveSession(
  sessionId: string | undefined,
  context: { stores: Stores; now: string },
): Promise<StateSession | undefined> {
  if (!sessionId || !/^[A-Za-z0-9_-]{20,100}$/.test(sessionId)) return undefined;
  const session = await context.stores.sessions.getSession(hashToken(sessionId));
  if (!session || session.expiresAt <= context.now) return undefined;
  const assignment = await context.stores.assignments.getAssignment(session.cycleId, session.stateCode);
  if (!assignment || assignment.linkRevoked) return undefined;
  if (!session.contributorId) {
    if (assignment.linkEpoch !== session.linkEpoch) return undefined;
    return { cycleId: session.cycleId, stateCode: session.stateCode };
  }
  const contributor = await context.stores.team.getContributor(session.cycleId, session.stateCode, session.contributorId);
  if (!contributor || contributor.removedAt || contributor.linkEpoch !== session.linkEpoch) return undefined;
  return {
    cycleId: session.cycleId,
    stateCode: session.stateCode,
    contributor: { id: contributor.id, name: contributor.name, mandates: contributor.mandates },
  };
}

/** A cycle's mandate ids never change once it is created: kept for the few cycles a process serves. */
const mandateIdCache = new Map<string, Set<string>>();

async function mandateIdsOf(stores: Stores, cycleId: string): Promise<Set<string>> {
  let ids = mandateIdCache.get(cycleId);
  if (!ids) {
    const cycle = await stores.cycles.getCycle(cycleId);
    if (!cycle) throw notFound(`No cycle ${cycleId}`);
    ids = new Set(cycle.mandateIds);
    if (mandateIdCache.size >= 20) mandateIdCache.delete(mandateIdCache.keys().next().value!);
    mandateIdCache.set(cycleId, ids);
  }
  return ids;
}

type Entry = Pick<PortalItem, 'answer' | 'history' | 'carriedFrom' | 'comments' | 'files' | 'editable' | 'lineage'> & {
  mandate: StoredMandate;
  parent?: StoredMandate;
};

interface Loaded {
  cycle: Cycle;
  assignment: StoredAssignment;
  state: StoredState;
  /** The cycle's mandates that the catalogue has, in the cycle's order, with their answers. */
  entries: Entry[];
}

/** Whether this session may change the answer: the report not handed in, the answer not accepted, and for a contributor their own mandate. */
function mayEdit(session: StateSession, assignment: StoredAssignment, mandateId: string, answer: Answer | undefined): boolean {
  if (isHandedIn(assignment.status) || answer?.review?.decision === 'accepted') return false;
  return !session.contributor || answersFor(session.contributor, mandateId);
}

/**
 * What the page adds to each answer: the state's statuses in earlier cycles, the answer offered from the
 * latest of them when this cycle has none yet (marked carried forward), the thread with the secretariat,
 * and whether this session may change it. Earlier answers are read in full only for the mandates they are offered for.
 */
async function withHistory(
  session: StateSession,
  stores: Stores,
  loaded: Loaded,
  mandateOf: (id: string) => Mandate | undefined,
): Promise<void> {
  const earlier = await earlierCycles(stores, session.cycleId, session.stateCode);
  const [history, comments, files, links] = await Promise.all([
    historyOf(stores, session.stateCode, earlier),
    stores.team.listComments(session.cycleId, session.stateCode),
    stores.team.listFiles(session.cycleId, session.stateCode),
    stores.mandates.listLinks(),
  ]);
  const threads = new Map<string, AnswerComment[]>();
  for (const comment of comments) threads.set(comment.mandateId, [...(threads.get(comment.mandateId) ?? []), comment]);
  const attached = new Map<string, EvidenceFile[]>();
  for (const file of files) if (file.status === 'ready') attached.set(file.mandateId, [...(attached.get(file.mandateId) ?? []), file]);
  const offers = new Map<string, { entry: Entry; from: HistoryEntry; source: string }[]>();
  for (const entry of loaded.entries) {
    const id = entry.mandate.id;
    entry.history = history.get(id);
    entry.comments = threads.get(id);
    entry.files = attached.get(id);
    entry.editable = mayEdit(session, loaded.assignment, id, entry.answer);
    const chain = ancestorsOf(id, links);
    if (chain.length > 0) {
      entry.lineage = chain.map((link) => {
        const earlierMandate = mandateOf(link.to);
        return {
          id: link.to,
          kind: link.kind,
          label: earlierMandate?.label,
          document: earlierMandate?.document,
          year: earlierMandate?.year,
        };
      });
    }
    if (entry.answer) continue;
    // The answer offered: this mandate's own in an earlier cycle, else that of a mandate it continues.
    const sources = [id, ...ancestorsOf(id, links, ['continues']).map((link) => link.to)];
    for (const source of sources) {
      const from = offeredFrom(history.get(source));
      if (!from) continue;
      offers.set(from.cycleId, [...(offers.get(from.cycleId) ?? []), { entry, from, source }]);
      break;
    }
  }
  for (const [cycleId, wanted] of offers) {
    const previous = wanted.length > 20 ? await stores.answers.listAnswers(cycleId, session.stateCode) : undefined;
    const answerOf = previous ? new Map(previous.map((a) => [a.mandateId, a])) : undefined;
    await Promise.all(
      wanted.map(async ({ entry, from, source }) => {
        const answer = answerOf ? answerOf.get(source) : await stores.answers.getAnswer(cycleId, session.stateCode, source);
        if (!answer) return;
        entry.answer = carriedAnswer(answer, { cycleId: loaded.cycle.id, mandateId: entry.mandate.id });
        entry.carriedFrom = { cycleId, title: from.title, ...(source !== entry.mandate.id ? { mandateId: source } : {}) };
      }),
    );
  }
}

async function loadAssignment(session: StateSession, stores: Stores): Promise<Loaded> {
  const [cycle, assignment, state, answers, mandates] = await Promise.all([
    stores.cycles.getCycle(session.cycleId),
    stores.assignments.getAssignment(session.cycleId, session.stateCode),
    stores.states.getState(session.stateCode),
    stores.answers.listAnswers(session.cycleId, session.stateCode),
    stores.mandates.listMandates(),
  ]);
  if (!cycle || !assignment || !state) throw notFound('No such assignment');
  const byId = new Map<string, StoredMandate>(mandates.map((m) => [m.id, m]));
  const answerOf = new Map(answers.map((a) => [a.mandateId, a]));
  const entries = cycle.mandateIds
    .map((id) => byId.get(id))
    .filter((m): m is StoredMandate => Boolean(m))
    .map((mandate) => ({
      mandate,
      parent: mandate.parentId ? byId.get(mandate.parentId) : undefined,
      answer: answerOf.get(mandate.id),
    }));
  const loaded = { cycle, assignment, state, entries };
  await withHistory(session, stores, loaded, (id) => byId.get(id));
  return loaded;
}

/** Answered, not yet, or offered from an earlier cycle and not confirmed yet (it counts as unanswered). */
export function markOf(answer: Answer | undefined): ItemMark {
  if (answer?.carriedForward) return 'carried';
  return isAnswered(answer) ? 'answered' : 'unanswered';
}

const themeOf = (m: Mandate) => m.themes?.[0] ?? m.theme;

/** Builds the page's items in `language`: texts, instrument and summit names looked up once per instrument. */
function portalItems(loaded: Loaded, language: Language, summits: readonly Summit[]): PortalItem[] {
  const instruments = new Map<string, { name: InLanguage & { id?: string }; summit: PortalSummit }>();
  return loaded.entries.map(({ mandate, parent, answer, ...added }, order) => {
    const instrumentKey = `${mandate.summitId}\n${mandate.document}\n${mandate.language ?? ''}`;
    let instrument = instruments.get(instrumentKey);
    if (!instrument) {
      const known = summitOf(summits, mandate);
      instrument = {
        name: instrumentNameIn(summits, mandate, language),
        summit: { ...mandate.summit, ordinal: known?.ordinal },
      };
      instruments.set(instrumentKey, instrument);
    }
    return {
      mandate,
      parent,
      answer,
      order,
      group: `${themeOf(mandate)}.${instrument.name.id ?? `${mandate.summitId}-${slug(mandate.document)}`}`,
      mark: markOf(answer),
      text: mandateTextIn(mandate, language),
      parentText: parent ? mandateTextIn(parent, language) : undefined,
      instrument: { text: instrument.name.text, language: instrument.name.language },
      summit: instrument.summit,
      ...added,
    };
  });
}

/** Every word of `q` in the mandate's words (label, texts in every language, instrument, notes), accents and case ignored. */
function matchesText(item: PortalItem, words: string[]): boolean {
  const m = item.mandate;
  const haystack = foldForMatch(
    [m.label, m.text, ...Object.values(m.texts ?? {}), item.instrument.text, m.document, m.citation, ...m.notes].join(' '),
  );
  return words.every((word) => haystack.includes(word));
}

function countGroup(key: string, items: PortalItem[]): PortalGroup {
  const first = items[0]!;
  const count = (mark: ItemMark) => items.filter((i) => i.mark === mark).length;
  return {
    key,
    theme: themeOf(first.mandate),
    instrument: first.instrument,
    summit: first.summit,
    total: items.length,
    answered: count('answered'),
    unanswered: count('unanswered'),
    carried: count('carried'),
  };
}

/**
 * Everything the answering page shows for one state's assignment: a contents list (theme, then
 * instrument, with counts), and the mandates that match its filter, in `language` where the catalogue has it.
 *
 * Primary course:
 * 1. Read the assignment, its answers and the mandates; put every mandate in its group (its first
 *    theme, then its instrument), groups in the order they first appear in the cycle.
 * 2. Keep the mandates that match the filter (unanswered or carried only, a theme, words of text),
 *    and count them per group. Which of them the page shows (a group, the part with a mandate) is
 *    the page's to decide: it knows how much fits.
 */
export async function portalView(
  session: StateSession,
  context: { stores: Stores; summits?: readonly Summit[] },
  options: { language?: Language; query?: PortalQuery } = {},
): Promise<PortalView> {
  const loaded = await loadAssignment(session, context.stores);
  const language = options.language ?? (loaded.assignment.language as Language);
  const built = portalItems(loaded, language, context.summits ?? []);

  const byGroup = new Map<string, PortalItem[]>();
  for (const item of built) {
    const members = byGroup.get(item.group);
    if (members) members.push(item);
    else byGroup.set(item.group, [item]);
  }
  const themeOrder = [...new Set(built.map((i) => themeOf(i.mandate)))];
  const groupKeys = [...byGroup.keys()].sort(
    (a, b) => themeOrder.indexOf(themeOf(byGroup.get(a)![0]!.mandate)) - themeOrder.indexOf(themeOf(byGroup.get(b)![0]!.mandate)),
  );
  const ordered = groupKeys.flatMap((key) => byGroup.get(key)!);
  ordered.forEach((item, order) => (item.order = order));
  const themes = [...new Set(built.flatMap((i) => i.mandate.themes ?? [i.mandate.theme]))];

  const asked = options.query ?? {};
  const query: PortalQuery = {};
  if (asked.filter === 'unanswered' || asked.filter === 'carried') query.filter = asked.filter;
  if (asked.theme && themes.includes(asked.theme)) query.theme = asked.theme;
  const words = foldForMatch(asked.q ?? '')
    .split(' ')
    .filter(Boolean);
  if (words.length > 0) query.q = asked.q!.trim();
  const matching = ordered.filter(
    (item) =>
      (!query.filter || item.mark === query.filter) &&
      (!query.theme || (item.mandate.themes ?? [item.mandate.theme]).includes(query.theme)) &&
      (words.length === 0 || matchesText(item, words)),
  );
  const matchedGroups = new Map<string, PortalItem[]>();
  for (const item of matching) {
    const members = matchedGroups.get(item.group);
    if (members) members.push(item);
    else matchedGroups.set(item.group, [item]);
  }
  const groups = [...matchedGroups].map(([key, items]) => countGroup(key, items));

  if (asked.at && matching.some((i) => i.mandate.id === asked.at)) query.at = asked.at;
  if (asked.group && matchedGroups.has(asked.group)) query.group = asked.group;
  if (asked.page && Number.isInteger(asked.page) && asked.page >= 1) query.page = asked.page;
  return {
    cycle: loaded.cycle,
    assignment: loaded.assignment,
    state: loaded.state,
    title: titleFor(loaded.cycle, language),
    language,
    answered: built.filter((i) => i.mark === 'answered').length,
    total: built.length,
    carried: built.filter((i) => i.mark === 'carried').length,
    query,
    themes,
    groups,
    items: matching,
    unanswered: ordered.filter((i) => i.mark !== 'answered'),
    ...(session.contributor ? { contributor: session.contributor } : {}),
  };
}

/**
 * One page of the assignment for `GET /api/assignment`: the mandates from `offset` (in the cycle's
 * order), each text in the state's language where known, with the progress of the whole.
 *
 * Primary course:
 * 1. Read the cycle, the assignment (its counts are the progress) and the mandates.
 * 2. Read the answers of the page's mandates only, a few at a time, and hand each item to `fits` (the
 *    edge's size budget): the page ends at `limit` items, or before the first that does not fit (it has at least one).
 */
export async function assignmentPage(
  session: StateSession,
  context: { stores: Stores; summits?: readonly Summit[] },
  page: { offset: number; limit: number; fits?: (item: PortalItem) => boolean },
): Promise<AssignmentPage> {
  const { stores } = context;
  const [cycle, assignment, state, mandates] = await Promise.all([
    stores.cycles.getCycle(session.cycleId),
    stores.assignments.getAssignment(session.cycleId, session.stateCode),
    stores.states.getState(session.stateCode),
    stores.mandates.listMandates(),
  ]);
  if (!cycle || !assignment || !state) throw notFound('No such assignment');
  const byId = new Map<string, StoredMandate>(mandates.map((m) => [m.id, m]));
  const all = cycle.mandateIds.map((id) => byId.get(id)).filter((m): m is StoredMandate => Boolean(m));
  const language = assignment.language as Language;
  const items: PortalItem[] = [];
  const wanted = all.slice(page.offset, page.offset + page.limit);
  const CHUNK = 25;
  reading: for (let i = 0; i < wanted.length; i += CHUNK) {
    const chunk = wanted.slice(i, i + CHUNK);
    const answers = await Promise.all(chunk.map((m) => stores.answers.getAnswer(session.cycleId, session.stateCode, m.id)));
    const entries: Entry[] = chunk.map((mandate, k) => ({
      mandate,
      parent: mandate.parentId ? byId.get(mandate.parentId) : undefined,
      answer: answers[k],
    }));
    const loaded = { cycle, assignment, state, entries };
    await withHistory(session, stores, loaded, (id) => byId.get(id));
    for (const item of portalItems(loaded, language, context.summits ?? [])) {
      item.order = page.offset + items.length;
      if (page.fits && !page.fits(item) && items.length > 0) break reading;
      items.push(item);
    }
  }
  return {
    cycle,
    assignment,
    state,
    title: titleFor(cycle, language),
    answered: assignment.answeredCount,
    total: all.length,
    offset: page.offset,
    items,
    ...(session.contributor ? { contributor: session.contributor } : {}),
  };
}

/**
 * Saves one answer.
 *
 * Primary course:
 * 1. Validate it (limits per field) and check the mandate belongs to the cycle, that this session may
 *    answer it (a contributor: their own mandates only) and that the secretariat has not accepted it.
 * 2. Write it over the version the client last read; if someone saved in between, 409 with the
 *    current answer and nothing overwritten. It names who saved it.
 * 3. Keep the assignment's count of answered mandates in step, in the same transaction.
 * The first save of an answer offered from an earlier cycle records whether it was confirmed unchanged or updated.
 */
export async function saveAnswer(
  session: StateSession,
  mandateId: string,
  input: AnswerInput,
  context: { stores: Stores; now: string },
): Promise<Answer> {
  const { stores, now } = context;
  if (!(await mandateIdsOf(stores, session.cycleId)).has(mandateId)) throw notFound(`Mandate ${mandateId} is not part of this cycle`);
  if (session.contributor && !answersFor(session.contributor, mandateId)) {
    throw forbidden('This mandate is not one of yours: the coordinator gave you other mandates to answer', 'not_your_mandate');
  }
  const current = await stores.answers.getAnswer(session.cycleId, session.stateCode, mandateId);
  if (current?.review?.decision === 'accepted') {
    throw conflict('answer_accepted', 'The Secretariat accepted this answer; it is locked for the rest of the cycle');
  }
  if ((current?.version ?? 0) !== input.version) {
    throw conflict('version_conflict', 'This answer was changed since you read it; here is the current one', { current: current ?? null });
  }
  const answer: Answer = {
    cycleId: session.cycleId,
    stateCode: session.stateCode,
    mandateId,
    status: input.status ?? null,
    narrative: input.narrative ?? '',
    difficulties: input.difficulties ?? '',
    evidence: input.evidence ?? [],
    version: input.version + 1,
    updatedAt: now,
    updatedBy: actorOf(session),
    ...(current?.review ? { review: current.review } : {}),
  };
  const carried = current ? current.carried : await carriedOutcome(stores, session, answer);
  if (carried)
    answer.carried =
      carried.outcome === 'confirmed' && current && !sameContent(current, answer) ? { ...carried, outcome: 'updated' } : carried;
  const delta = Number(isAnswered(answer)) - Number(isAnswered(current));
  const outcome = await stores.answers.saveAnswer(answer, input.version, delta, now);
  if (outcome === 'submitted') throw conflict('already_submitted', 'This report has been submitted; ask the Secretariat to reopen it');
  if (outcome === 'conflict') {
    const latest = await stores.answers.getAnswer(session.cycleId, session.stateCode, mandateId);
    throw conflict('version_conflict', 'This answer was changed since you read it; here is the current one', { current: latest ?? null });
  }
  return answer;
}

/** For the first save of a mandate: whether it confirms, unchanged, or updates the answer offered from an earlier cycle. */
async function carriedOutcome(stores: Stores, session: StateSession, answer: Answer): Promise<Answer['carried']> {
  const [earlier, links] = await Promise.all([earlierCycles(stores, session.cycleId, session.stateCode), stores.mandates.listLinks()]);
  const sources = [answer.mandateId, ...ancestorsOf(answer.mandateId, links, ['continues']).map((link) => link.to)];
  for (const source of sources) {
    for (const cycle of earlier) {
      const previous = await stores.answers.getAnswer(cycle.cycleId, session.stateCode, source);
      if (previous?.status) return { from: cycle.cycleId, outcome: sameContent(previous, answer) ? 'confirmed' : 'updated' };
    }
  }
  return undefined;
}

/** The digest a receipt's content hash is made from: every answer, in mandate order. */
export function answersDigest(answers: Answer[], files: Pick<EvidenceFile, 'mandateId' | 'name' | 'sha256'>[] = []): string {
  const filesOf = (mandateId: string) =>
    files
      .filter((f) => f.mandateId === mandateId)
      .map((f) => [f.name, f.sha256])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
  const canonical = [...answers]
    .sort((a, b) => a.mandateId.localeCompare(b.mandateId))
    .map((a) => {
      const row: unknown[] = [a.mandateId, a.status, a.narrative, a.difficulties, a.evidence.map((e) => [e.title, e.url]), a.version];
      // Evidence files are covered by their SHA-256; an answer without files hashes as before files existed.
      const attached = filesOf(a.mandateId);
      return attached.length > 0 ? [...row, attached] : row;
    });
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The content hash on a receipt: SHA-256 of "<cycle id>\n<state code>\n<answers digest>" (files included, by their SHA-256). */
export function receiptHash(
  cycleId: string,
  stateCode: string,
  answers: Answer[],
  files: Pick<EvidenceFile, 'mandateId' | 'name' | 'sha256'>[] = [],
): string {
  return createHash('sha256')
    .update(`${cycleId}\n${stateCode}\n${answersDigest(answers, files)}`)
    .digest('hex');
}

/**
 * Submits the report; the receipt carries a hash of the answers as submitted.
 *
 * Primary course:
 * 1. Read the assignment, then every answer.
 * 2. Write the submission over the version read. Every answer save moves the assignment's version,
 *    so a save that came after step 1 makes this write fail: start again from step 1 with what is
 *    stored now. The hash therefore always matches the stored answers.
 */
export async function submitReport(session: StateSession, context: { stores: Stores; now: string }) {
  const { stores, now } = context;
  coordinatorOnly(session, 'submit the report');
  for (let attempt = 1; ; attempt += 1) {
    const current = await stores.assignments.getAssignment(session.cycleId, session.stateCode);
    if (!current) throw notFound('No such assignment');
    const [answers, files] = await Promise.all([
      stores.answers.listAnswers(session.cycleId, session.stateCode),
      stores.team.listFiles(session.cycleId, session.stateCode),
    ]);
    const contentHash = receiptHash(
      session.cycleId,
      session.stateCode,
      answers,
      files.filter((f) => f.status === 'ready'),
    );
    const submitted = submit(current, { contentHash, now });
    try {
      await stores.assignments.saveAssignment(submitted, {
        cycleId: session.cycleId,
        stateCode: session.stateCode,
        at: now,
        actor: session.stateCode,
        action: submitted.status === 'resubmitted' ? 'assignment.resubmitted' : 'assignment.submitted',
        details: { contentHash, answers: answers.length, round: submitted.round },
      });
      return {
        submittedAt: now,
        contentHash,
        answered: answers.filter(isAnswered).length,
        status: submitted.status,
        round: submitted.round,
      };
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      if (attempt >= 5) throw conflict('busy', 'Answers were being saved while you submitted; please submit again');
    }
  }
}

/** A state asks for more time; the Secretariat sees it in the cycle status and decides. */
export function requestExtension(
  session: StateSession,
  input: { proposedDeadline: string; reason: string },
  context: { stores: Stores; now: string },
) {
  coordinatorOnly(session, 'ask for more time');
  return changeAssignment(context.stores, session.cycleId, session.stateCode, (a) => {
    const changed = askForExtension(a, { ...input, now: context.now });
    return {
      assignment: changed,
      audit: { at: context.now, actor: session.stateCode, action: 'assignment.extension_requested', details: changed.extensionRequest },
    };
  });
}

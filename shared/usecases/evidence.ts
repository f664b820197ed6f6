import { randomUUID } from 'node:crypto';
import { isHandedIn } from '../domain/cycles';
import { conflict, forbidden, invalid, notFound } from '../domain/errors';
import { FILE_LIMITS, FILE_TYPES, startsLike, type EvidenceFile } from '../domain/evidence';
import { answersFor } from '../domain/team';
import type { EvidenceStorage, Stores } from '../store/ports';
import { actorOf, type StateSession } from './respond';

/** What a client or a page is told of a file: never its storage key. */
export function fileEntry(file: EvidenceFile) {
  return {
    id: file.id,
    mandateId: file.mandateId,
    name: file.name,
    type: file.contentType,
    size: file.size,
    status: file.status,
    sha256: file.sha256 ?? null,
    uploadedBy: file.uploadedBy,
    createdAt: file.createdAt,
    ...(file.problem ? { problem: file.problem } : {}),
  };
}

async function answerOpenTo(session: StateSession, mandateId: string, stores: Stores) {
  const [cycle, assignment, answer] = await Promise.all([
    stores.cycles.getCycle(session.cycleId),
    stores.assignments.getAssignment(session.cycleId, session.stateCode),
    stores.answers.getAnswer(session.cycleId, session.stateCode, mandateId),
  ]);
  if (!cycle || !assignment || !cycle.mandateIds.includes(mandateId)) throw notFound(`Mandate ${mandateId} is not part of this cycle`);
  if (session.contributor && !answersFor(session.contributor, mandateId)) {
    throw forbidden('This mandate is not one of yours: the coordinator gave you other mandates to answer', 'not_your_mandate');
  }
  if (isHandedIn(assignment.status))
    throw conflict('already_submitted', 'This report has been submitted; ask the Secretariat to reopen it');
  if (answer?.review?.decision === 'accepted') {
    throw conflict('answer_accepted', 'The Secretariat accepted this answer; it is locked for the rest of the cycle');
  }
}

/**
 * Starts an evidence file's upload: checks the answer is open to this session, the type, the size and the
 * number of files, records the file as pending, and gives a short-lived signed link to PUT the bytes to.
 */
export async function startUpload(
  session: StateSession,
  mandateId: string,
  input: { name: string; type: string; size: number },
  context: { stores: Stores; storage: EvidenceStorage; now: string },
) {
  const { stores, storage, now } = context;
  await answerOpenTo(session, mandateId, stores);
  const current = (await stores.team.listFiles(session.cycleId, session.stateCode, mandateId)).filter(
    (f) => f.status === 'ready' || f.status === 'pending',
  );
  if (current.length >= FILE_LIMITS.perAnswer) {
    throw conflict('too_many_files', `An answer carries ${FILE_LIMITS.perAnswer} files at most; remove one first`);
  }
  const id = randomUUID();
  const file: EvidenceFile = {
    cycleId: session.cycleId,
    stateCode: session.stateCode,
    mandateId,
    id,
    name: input.name,
    contentType: input.type,
    size: input.size,
    key: `evidence/${session.cycleId}/${session.stateCode}/${id}`,
    status: 'pending',
    uploadedBy: actorOf(session),
    createdAt: now,
  };
  await stores.team.putFile(file);
  const upload = await storage.uploadLink(file.key, file.contentType, file.size, FILE_LIMITS.uploadSeconds);
  const expiresAt = new Date(Date.parse(now) + FILE_LIMITS.uploadSeconds * 1000).toISOString();
  return { file: fileEntry(file), upload: { method: 'PUT' as const, url: upload.url, headers: upload.headers, expiresAt } };
}

/**
 * After the upload: reads the stored bytes once, and keeps the file only when its size is the one declared,
 * its first bytes fit its type and (when the client gave one) its SHA-256 matches. The SHA-256 is recorded.
 * A file that fails is rejected and its bytes deleted.
 */
export async function completeUpload(
  session: StateSession,
  fileId: string,
  input: { sha256?: string },
  context: { stores: Stores; storage: EvidenceStorage; now: string },
) {
  const { stores, storage, now } = context;
  const file = await stores.team.getFile(session.cycleId, session.stateCode, fileId);
  if (!file || file.status === 'removed') throw notFound(`No file ${fileId} in this report`);
  if (file.status === 'ready') return fileEntry(file);
  await answerOpenTo(session, file.mandateId, stores);
  const stored = await storage.inspect(file.key);
  if (!stored) throw conflict('not_uploaded', 'Nothing was uploaded for this file yet: PUT the file to the upload link first');
  const problem =
    stored.size !== file.size
      ? `the file has ${stored.size} bytes, not the ${file.size} declared`
      : !startsLike(file.contentType, stored.head)
        ? `the file is not a ${FILE_TYPES[file.contentType]!.label} file`
        : input.sha256 && input.sha256 !== stored.sha256
          ? 'the SHA-256 of the stored file is not the one given: the upload was damaged'
          : undefined;
  if (problem) {
    await storage.remove(file.key);
    await stores.team.putFile({ ...file, status: 'rejected', problem });
    throw invalid('file_rejected', `The file was refused: ${problem}`, [{ field: 'file', message: problem }]);
  }
  const ready: EvidenceFile = { ...file, status: 'ready', sha256: stored.sha256, readyAt: now };
  await stores.team.putFile(ready);
  await stores.audit.appendAudit({
    cycleId: session.cycleId,
    stateCode: session.stateCode,
    at: now,
    actor: actorOf(session),
    action: 'file.added',
    details: { mandateId: file.mandateId, id: file.id, name: file.name, sha256: stored.sha256, size: stored.size },
  });
  return fileEntry(ready);
}

/** Removes a file from its answer (the record is kept, marked removed; the bytes are deleted). */
export async function removeFile(
  session: StateSession,
  fileId: string,
  context: { stores: Stores; storage: EvidenceStorage; now: string },
) {
  const { stores, storage, now } = context;
  const file = await stores.team.getFile(session.cycleId, session.stateCode, fileId);
  if (!file || file.status === 'removed') throw notFound(`No file ${fileId} in this report`);
  await answerOpenTo(session, file.mandateId, stores);
  await storage.remove(file.key);
  await stores.team.putFile({ ...file, status: 'removed' });
  await stores.audit.appendAudit({
    cycleId: session.cycleId,
    stateCode: session.stateCode,
    at: now,
    actor: actorOf(session),
    action: 'file.removed',
    details: { mandateId: file.mandateId, id: file.id, name: file.name },
  });
}

/**
 * A short-lived link that downloads a ready file as an attachment. The file is looked up in the one
 * report given (the session's, or the one the secretariat names): a file never reaches another state.
 */
export async function fileDownload(
  key: { cycleId: string; stateCode: string },
  fileId: string,
  context: { stores: Stores; storage: EvidenceStorage },
) {
  const file = await context.stores.team.getFile(key.cycleId, key.stateCode, fileId);
  if (!file || file.status !== 'ready') throw notFound(`No file ${fileId} in this report`);
  return context.storage.downloadLink(file.key, file.name, FILE_LIMITS.downloadSeconds);
}

/** The ready files of a report, by mandate: what the page, the receipt's hash and the reports list. */
export async function readyFiles(stores: Stores, cycleId: string, stateCode: string): Promise<Map<string, EvidenceFile[]>> {
  const byMandate = new Map<string, EvidenceFile[]>();
  for (const file of await stores.team.listFiles(cycleId, stateCode)) {
    if (file.status === 'ready') byMandate.set(file.mandateId, [...(byMandate.get(file.mandateId) ?? []), file]);
  }
  return byMandate;
}

import type { Answer } from '../../domain/answers';
import type { AnswerComment, Contributor } from '../../domain/team';
import type { EvidenceFile } from '../../domain/evidence';
import type { TeamStore } from '../ports';
import { byKey, copy, key, type MemoryData } from './data';

export function memoryTeamStore(data: MemoryData): TeamStore {
  const contributors = new Map<string, Contributor>();
  const comments = new Map<string, { sk: string; comment: AnswerComment }>();
  const files = new Map<string, EvidenceFile>();
  return {
    async listContributors(cycleId, stateCode) {
      return [...contributors.values()]
        .filter((c) => c.cycleId === cycleId && c.stateCode === stateCode)
        .sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.id.localeCompare(b.id))
        .map(copy);
    },
    async getContributor(cycleId, stateCode, id) {
      const found = contributors.get(key(cycleId, stateCode, id));
      return found && copy(found);
    },
    async putContributor(contributor) {
      contributors.set(key(contributor.cycleId, contributor.stateCode, contributor.id), copy(contributor));
    },
    async setReviews(cycleId, stateCode, reviews, now) {
      for (const { mandateId, review } of reviews) {
        const k = key(cycleId, stateCode, mandateId);
        const current: Answer = data.answers.get(k) ?? {
          cycleId,
          stateCode,
          mandateId,
          status: null,
          narrative: '',
          difficulties: '',
          evidence: [],
          version: 0,
          updatedAt: now,
        };
        data.answers.set(k, copy({ ...current, review, version: current.version + 1 }));
      }
    },
    async putFile(file) {
      files.set(key(file.cycleId, file.stateCode, file.id), copy(file));
    },
    async getFile(cycleId, stateCode, id) {
      const found = files.get(key(cycleId, stateCode, id));
      return found && copy(found);
    },
    async listFiles(cycleId, stateCode, mandateId) {
      return [...files.values()]
        .filter((f) => f.cycleId === cycleId && f.stateCode === stateCode && (!mandateId || f.mandateId === mandateId))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
        .map(copy);
    },
    async addComment(comment) {
      const sk = `${comment.mandateId}#${comment.at}#${comment.id}`;
      comments.set(key(comment.cycleId, comment.stateCode, sk), { sk, comment: copy(comment) });
    },
    async listComments(cycleId, stateCode, mandateId) {
      return [...comments.values()]
        .filter(({ comment: c }) => c.cycleId === cycleId && c.stateCode === stateCode && (!mandateId || c.mandateId === mandateId))
        .sort((a, b) => byKey(a.sk, b.sk))
        .map(({ comment }) => copy(comment));
    },
  };
}

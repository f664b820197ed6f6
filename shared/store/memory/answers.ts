import type { AnswerStore } from '../ports';
import { byKey, copy, key, type MemoryData } from './data';

export function memoryAnswerStore(data: MemoryData): AnswerStore {
  return {
    async listAnswers(cycleId, stateCode) {
      return [...data.answers.values()]
        .filter((a) => a.cycleId === cycleId && a.stateCode === stateCode)
        .sort((a, b) => byKey(a.mandateId, b.mandateId))
        .map(copy);
    },

    async getAnswer(cycleId, stateCode, mandateId) {
      const answer = data.answers.get(key(cycleId, stateCode, mandateId));
      return answer && copy(answer);
    },

    async saveAnswer(answer, expectedVersion, answeredDelta, now) {
      // One transaction: the answer over the version read, and the assignment's count and version, unless it was submitted.
      const row = data.assignments.get(key(answer.cycleId, answer.stateCode));
      if (!row || row.assignment.status === 'submitted') return 'submitted';
      const k = key(answer.cycleId, answer.stateCode, answer.mandateId);
      const current = data.answers.get(k);
      if (expectedVersion === 0 ? current !== undefined : current?.version !== expectedVersion) return 'conflict';
      const a = row.assignment;
      if (typeof a.answeredCount !== 'number') throw new Error(`assignment ${a.cycleId}/${a.stateCode} has no answeredCount`);
      row.assignment = {
        ...a,
        answeredCount: a.answeredCount + answeredDelta,
        status: 'in_progress',
        lastAnswerAt: now,
        version: a.version + 1,
      } as typeof a;
      data.answers.set(k, copy(answer));
      return 'saved';
    },
  };
}

import { ANSWER_MARK_ATTRIBUTES, type AnswerMark, type AnswerStore } from '../ports';
import { countsChange, refusesAnswers, statusAfterAnswer } from '../counts';
import { moveCounts } from './assignments';
import { byKey, copy, key, type MemoryData } from './data';

export function memoryAnswerStore(data: MemoryData): AnswerStore {
  const answersOf = (cycleId: string, stateCode: string) =>
    [...data.answers.values()]
      .filter((a) => a.cycleId === cycleId && a.stateCode === stateCode)
      .sort((a, b) => byKey(a.mandateId, b.mandateId))
      .map(copy);

  return {
    async listAnswers(cycleId, stateCode) {
      return answersOf(cycleId, stateCode);
    },

    async listAnswerMarks(cycleId, stateCode) {
      return answersOf(cycleId, stateCode).map((answer) => {
        const record = answer as unknown as Record<string, unknown>;
        return Object.fromEntries(
          ANSWER_MARK_ATTRIBUTES.filter((name) => name in record).map((name) => [name, record[name]]),
        ) as unknown as AnswerMark;
      });
    },

    async getAnswer(cycleId, stateCode, mandateId) {
      const answer = data.answers.get(key(cycleId, stateCode, mandateId));
      return answer && copy(answer);
    },

    async saveAnswer(answer, expectedVersion, answeredDelta, now) {
      // One transaction: the answer over the version read, the assignment's count, status and version, and the cycle's counts, unless handed in.
      const row = data.assignments.get(key(answer.cycleId, answer.stateCode));
      if (!row || refusesAnswers(row.assignment.status)) return 'submitted';
      const k = key(answer.cycleId, answer.stateCode, answer.mandateId);
      const current = data.answers.get(k);
      if (expectedVersion === 0 ? current !== undefined : current?.version !== expectedVersion) return 'conflict';
      const a = row.assignment;
      if (typeof a.answeredCount !== 'number') throw new Error(`assignment ${a.cycleId}/${a.stateCode} has no answeredCount`);
      row.assignment = {
        ...a,
        answeredCount: a.answeredCount + answeredDelta,
        status: statusAfterAnswer(a.status),
        lastAnswerAt: now,
        version: a.version + 1,
      } as typeof a;
      moveCounts(data, a.cycleId, countsChange(a, row.assignment));
      data.answers.set(k, copy(answer));
      return 'saved';
    },
  };
}

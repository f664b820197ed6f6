import type { Assignment, StoredAssignment } from '../../domain/cycles';
import { historyOf } from '../projections';
import { addCounts, countsChange, countsOf } from '../counts';
import { VersionConflict, type AssignmentCounts, type AssignmentStore } from '../ports';
import { appendAudit } from './audit';
import { byKey, copy, key, type MemoryData } from './data';

function row(a: Assignment, createdAt: string) {
  return { assignment: copy({ createdAt, ...a }), stateOrder: `${createdAt}#${a.cycleId}` };
}

export function memoryAssignmentStore(data: MemoryData): AssignmentStore {
  return {
    async putAssignments(assignments, createdAt) {
      for (const a of assignments) data.assignments.set(key(a.cycleId, a.stateCode), row(a, createdAt));
      for (const cycleId of new Set(assignments.map((a) => a.cycleId))) {
        data.counts.set(cycleId, countsOf(assignments.filter((a) => a.cycleId === cycleId)));
      }
    },

    async getAssignment(cycleId, stateCode) {
      const found = data.assignments.get(key(cycleId, stateCode));
      return found && copy(found.assignment);
    },

    async listAssignments(cycleId) {
      return [...data.assignments.values()]
        .map((r) => r.assignment)
        .filter((a) => a.cycleId === cycleId)
        .sort((a, b) => byKey(a.stateCode, b.stateCode))
        .map(copy);
    },

    async saveAssignment(assignment, audit) {
      const k = key(assignment.cycleId, assignment.stateCode);
      const before = data.assignments.get(k)?.assignment;
      if (before?.version !== assignment.version) {
        throw new VersionConflict(`assignment ${assignment.cycleId}/${assignment.stateCode} changed`);
      }
      const next: StoredAssignment = { ...assignment, version: assignment.version + 1 };
      data.assignments.set(k, row(next, assignment.createdAt));
      moveCounts(data, assignment.cycleId, countsChange(before, next));
      if (audit) appendAudit(data, audit);
      return copy(next);
    },

    async *dueAssignmentKeys(now) {
      const due = [...data.assignments.values()]
        .map((r) => r.assignment)
        .filter((a) => a.nextReminderAt && byKey(a.nextReminderAt, now) <= 0)
        .sort((a, b) => byKey(a.nextReminderAt!, b.nextReminderAt!) || byKey(key(a.cycleId, a.stateCode), key(b.cycleId, b.stateCode)))
        .map((a) => ({ cycleId: a.cycleId, stateCode: a.stateCode }));
      yield* due;
    },

    async assignmentsOfState(stateCode) {
      return [...data.assignments.values()]
        .filter((r) => r.assignment.stateCode === stateCode)
        .sort((a, b) => byKey(a.stateOrder, b.stateOrder))
        .map((r) => historyOf(copy(r.assignment) as unknown as Record<string, unknown>));
    },

    async assignmentCounts(cycleId) {
      const counts = data.counts.get(cycleId);
      return counts && copy(counts);
    },
  };
}

/** Moves a cycle's counts, when it has any (as a DynamoDB table moves only counts that putAssignments started). */
export function moveCounts(data: MemoryData, cycleId: string, change: AssignmentCounts) {
  const counts = data.counts.get(cycleId);
  if (counts) addCounts(counts, change);
}

import { describe, expect, it } from 'vitest';
import { newAssignment } from '../../shared/domain/assignment';
import type { Cycle } from '../../shared/domain/cycles';
import { DEFAULT_PLAN } from '../../shared/domain/reminders';
import { memoryStores } from '../../shared/store/memory';
import { countShard, COUNT_SHARDS } from '../../shared/store/table';
import { cycleStatus } from '../../shared/usecases/cycles';

const T0 = '2027-03-01T09:00:00.000Z';
const cycle: Cycle = {
  id: 'c-view',
  title: 'View',
  status: 'open',
  opensAt: T0,
  deadline: '2027-04-10T09:00:00.000Z',
  reminders: DEFAULT_PLAN,
  selection: null,
  mandateIds: ['m-1', 'm-2'],
  stateCodes: ['JAM', 'MEX'],
  mandateCount: 2,
  stateCount: 2,
  createdAt: T0,
  createdBy: 'test',
};

describe('the cycle view', () => {
  it('takes its totals and answered mandates from the kept counts, and reads no answer', async () => {
    // Arrange
    const stores = memoryStores();
    await stores.cycles.createCycle(cycle, { cycleId: cycle.id, at: T0, actor: 'test', action: 'cycle.created' });
    await stores.assignments.putAssignments(
      cycle.stateCodes.map((code) => newAssignment(cycle, code, 'en')),
      T0,
    );
    await stores.answers.saveAnswer(
      {
        cycleId: cycle.id,
        stateCode: 'JAM',
        mandateId: 'm-1',
        status: 'in_progress',
        narrative: '',
        difficulties: '',
        evidence: [],
        version: 1,
        updatedAt: T0,
      },
      0,
      1,
      T0,
    );
    stores.answers.listAnswers = () => Promise.reject(new Error('the view must not read answers'));
    stores.answers.listAnswerMarks = () => Promise.reject(new Error('the view must not read answers'));
    const kept = stores.assignments.assignmentCounts.bind(stores.assignments);
    let countsRead = 0;
    stores.assignments.assignmentCounts = (id) => ((countsRead += 1), kept(id));
    // Act
    const view = await cycleStatus(stores, cycle.id, '2027-03-02T00:00:00.000Z');
    const late = await cycleStatus(stores, cycle.id, '2027-05-01T00:00:00.000Z');
    // Assert
    expect(countsRead).toBe(2);
    expect(view.totals).toEqual({ pending: 1, invited: 0, opened: 0, in_progress: 1, submitted: 0, late: 0 });
    expect(view.answered).toEqual({ mandates: 1, of: 4, states: 1 });
    expect(late.totals).toEqual({ pending: 0, invited: 0, opened: 0, in_progress: 0, submitted: 0, late: 2 });
  });
});

describe('the count shards', () => {
  it('send each state to one shard, and spread the states over all of them', () => {
    const codes = Array.from(
      { length: 193 },
      (_, i) => `S${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`,
    );
    const shards = new Set(codes.map(countShard));
    expect(codes.map(countShard)).toEqual(codes.map(countShard));
    expect(shards.size).toBe(COUNT_SHARDS);
    expect([...shards].every((s) => s >= 0 && s < COUNT_SHARDS)).toBe(true);
  });
});

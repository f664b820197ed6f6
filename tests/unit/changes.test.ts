import { describe, expect, it } from 'vitest';
import { changeOf, changesOfState } from '../../shared/domain/changes';
import { chainsOf, type MandateLink } from '../../shared/domain/lineage';

describe('the change of an answer since the previous cycle', () => {
  it('follows not started → in progress → partially → fully implemented', () => {
    expect(changeOf('not_started', 'in_progress')).toBe('improved');
    expect(changeOf('partially_implemented', 'fully_implemented')).toBe('improved');
    expect(changeOf('fully_implemented', 'in_progress')).toBe('regressed');
    expect(changeOf('in_progress', 'in_progress')).toBe('unchanged');
  });
  it('is new without an earlier status, unanswered without a current one, changed when not applicable is on one side', () => {
    expect(changeOf(undefined, 'in_progress')).toBe('new');
    expect(changeOf(null, 'not_started')).toBe('new');
    expect(changeOf('in_progress', null)).toBe('unanswered');
    expect(changeOf('not_applicable', 'in_progress')).toBe('changed');
    expect(changeOf('fully_implemented', 'not_applicable')).toBe('changed');
    expect(changeOf('not_applicable', 'not_applicable')).toBe('unchanged');
  });
});

describe("one state's changes", () => {
  it('counts every mandate of the cycle, a mandate absent from the previous cycle as new', () => {
    const counts = changesOfState(
      ['a', 'b', 'c', 'd'],
      new Map([
        ['a', 'fully_implemented'],
        ['b', 'in_progress'],
        ['c', 'not_started'],
      ]),
      new Map([
        ['a', 'in_progress'],
        ['b', 'in_progress'],
        ['d', 'not_started'],
      ]),
    );
    expect(counts).toEqual({ improved: 1, unchanged: 1, regressed: 0, new: 1, changed: 0, unanswered: 1 });
  });
});

describe('chains of linked mandates', () => {
  const link = (from: string, to: string, kind: MandateLink['kind'] = 'reaffirms'): MandateLink => ({
    from,
    to,
    kind,
    createdAt: '2027-01-01T00:00:00.000Z',
    createdBy: 'test',
  });
  it('joins mandates through others, whatever the kind, and keeps only the chains that touch the given ones', () => {
    const links = [link('m2022', 'm2018', 'continues'), link('m2018', 'm1998'), link('x2', 'x1')];
    const chains = chainsOf(['m2022', 'y'], links).map((c) => [...c].sort());
    expect(chains).toEqual([['m1998', 'm2018', 'm2022']]);
    expect(chainsOf(['x1'], links).map((c) => [...c].sort())).toEqual([['x1', 'x2']]);
    expect(chainsOf(['alone'], links)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { changeOf } from '../../shared/domain/changes';

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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../shared/domain/answers';
import type { Assignment, Cycle } from '../../shared/domain/cycles';
import { CycleAggregator, STATUS_KEYS, implementedShare, type MandateMeta } from '../../shared/domain/report';
import { csvCell, neutralise } from '../../shared/render/report-csv';

const now = '2027-05-01T00:00:00.000Z';
const mandate = (i: number): MandateMeta => ({
  id: `m${i}`,
  label: String(i),
  text: `Mandate ${i}`,
  document: i % 2 ? 'Plan of Action Québec' : 'Declaration of Lima',
  summitId: i % 2 ? 'quebec-city-2001' : 'lima-2018',
  summit: i % 2 ? { name: 'Third Summit', city: 'Québec City', year: 2001 } : { name: 'Eighth Summit', city: 'Lima', year: 2018 },
  year: i % 2 ? 2001 : 2018,
});
const assignment = (code: string, submitted: boolean): Assignment =>
  ({
    cycleId: 'c1',
    stateCode: code,
    language: 'en',
    status: submitted ? 'submitted' : 'in_progress',
    deadline: '2027-04-15T23:59:59.000Z',
    submittedAt: submitted ? '2027-04-10T10:00:00.000Z' : undefined,
    answeredCount: 0,
    mandateCount: 0,
    remindersSent: 1,
    extensions: [],
  }) as unknown as Assignment;

const arbitraryCycle = fc
  .record({
    mandates: fc.integer({ min: 1, max: 12 }),
    states: fc.uniqueArray(fc.stringMatching(/^[A-Z]{3}$/), { minLength: 1, maxLength: 10 }),
    submitted: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
  })
  .chain(({ mandates, states, submitted }) =>
    fc.record({
      mandates: fc.constant(Array.from({ length: mandates }, (_, i) => mandate(i))),
      assignments: fc.constant(states.map((code, i) => assignment(code, submitted[i]!))),
      // at most one answer per (state, mandate), as the table guarantees; some drafts without a status
      answers: fc
        .subarray(states.flatMap((code) => Array.from({ length: mandates }, (_, i) => ({ stateCode: code, mandateId: `m${i}` }))))
        .chain((cells) => fc.tuple(...cells.map((cell) => fc.constantFrom(...STATUSES, null).map((status) => ({ ...cell, status }))))),
    }),
  );

function aggregate(
  data: {
    mandates: MandateMeta[];
    assignments: Assignment[];
    answers: { stateCode: string; mandateId: string; status: (typeof STATUSES)[number] | null }[];
  },
  scope: 'submitted' | 'all',
) {
  const aggregator = new CycleAggregator({
    cycle: { id: 'c1', title: 'T', opensAt: now, deadline: now, status: 'open' } as Cycle,
    mandates: data.mandates,
    stateNames: new Map(data.assignments.map((a) => [a.stateCode, a.stateCode])),
    assignments: data.assignments,
    now,
    scope,
  });
  for (const answer of data.answers) aggregator.add(answer);
  return aggregator.result();
}

describe('aggregating a cycle', () => {
  it('counts each state × mandate exactly once: the totals equal the answers, and every cell is counted', () => {
    fc.assert(
      fc.property(arbitraryCycle, fc.constantFrom<'submitted' | 'all'>('submitted', 'all'), (data, scope) => {
        const report = aggregate(data, scope);
        const counted = data.answers.filter(
          (a) => a.status && (scope === 'all' || data.assignments.find((s) => s.stateCode === a.stateCode)!.status === 'submitted'),
        );
        const cells = data.assignments.length * data.mandates.length;
        expect(report.totals.cells).toBe(cells);
        expect(STATUS_KEYS.reduce((sum, k) => sum + report.totals.counts[k], 0)).toBe(cells);
        for (const status of STATUSES) expect(report.totals.counts[status]).toBe(counted.filter((a) => a.status === status).length);
        for (const m of report.byMandate) expect(STATUS_KEYS.reduce((s, k) => s + m.counts[k], 0)).toBe(data.assignments.length);
        for (const s of report.byState) expect(STATUS_KEYS.reduce((sum, k) => sum + s.counts[k], 0)).toBe(data.mandates.length);
        const bySummit = report.bySummit.reduce((sum, s) => sum + STATUS_KEYS.reduce((t, k) => t + s.counts[k], 0), 0);
        expect(bySummit).toBe(cells);
        expect(report.response.submitted + report.response.notSubmitted).toBe(data.assignments.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps "not applicable" apart from "no answer", and leaves it out of the implemented share', () => {
    const report = aggregate(
      {
        mandates: [mandate(1)],
        assignments: [assignment('AAA', true), assignment('BBB', true), assignment('CCC', true)],
        answers: [
          { stateCode: 'AAA', mandateId: 'm1', status: 'not_applicable' },
          { stateCode: 'BBB', mandateId: 'm1', status: 'fully_implemented' },
        ],
      },
      'submitted',
    );
    expect(report.byMandate[0]!.counts).toMatchObject({ not_applicable: 1, no_answer: 1, fully_implemented: 1 });
    expect(implementedShare(report.byMandate[0]!.counts)).toBe(1);
  });

  it('is a valid report with no answers at all', () => {
    const report = aggregate({ mandates: [mandate(1), mandate(2)], assignments: [assignment('AAA', false)], answers: [] }, 'submitted');
    expect(report.totals.counts.no_answer).toBe(2);
    expect(report.response).toMatchObject({ invited: 1, submitted: 0, responseRate: 0 });
  });
});

describe('CSV cells', () => {
  it.each(['=HYPERLINK("http://evil.example")', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx'])('neutralise %j', (value) => {
    expect(neutralise(value)).toBe(`'${value}`);
    expect(csvCell(value).startsWith(`"'`)).toBe(true);
  });

  it('quote text and double inner quotes, and leave numbers bare', () => {
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
  });
});

describe('answer rows in a spreadsheet', () => {
  it('never hold a cell longer than Excel allows: a long text is cut with a marker', async () => {
    const { answerCells, MAX_CELL } = await import('../../shared/render/report-rows');
    const { REPORT_WORDS } = await import('../../shared/render/report-words');
    const evidence = Array.from({ length: 20 }, (_, i) => ({
      title: `Decree ${i} ${'t'.repeat(290)}`,
      url: `https://example.org/${'u'.repeat(1990)}`,
    }));
    const cells = answerCells(
      REPORT_WORDS.fr,
      {
        stateCode: 'HTI',
        stateName: 'Haïti',
        mandateId: 'm1',
        label: '1',
        text: 'Strengthen cooperation',
        texts: {},
        document: 'Plan',
        year: 2001,
        summit: 'Québec 2001',
        status: 'in_progress',
        narrative: 'n'.repeat(10_000),
        difficulties: '',
        evidence,
        files: [],
        updatedAt: '2027-01-01T00:00:00.000Z',
        updatedBy: '',
        submitted: false,
        previousStatus: '',
        change: '',
        carried: '',
      },
      'fr',
    );
    const longest = Math.max(...cells.map((c) => String(c).length));
    expect(longest).toBe(MAX_CELL);
    expect(String(cells[11])).toMatch(/\[…\] \(cut: longer than a spreadsheet cell can hold\)$/);
    expect(cells[9]).toBe('n'.repeat(10_000));
    expect(cells[4]).toBe('Strengthen cooperation');
  });
});

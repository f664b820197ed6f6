import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { summits } from '../../seeds/registry';
import type { Stores } from '../../shared/store';
import { createCycle } from '../../shared/usecases/cycles';
import { renderReportFile, streamReportFile } from '../../shared/render/report';
import { exportReport } from '../../shared/usecases/export';
import { saveAnswer, submitReport } from '../../shared/usecases/respond';
import { takeDueSnapshots } from '../../shared/usecases/snapshots';
import { downloadLink, exportFiles } from '../../shared/storage';
import { seededStores } from './helpers';

let stores: Stores;
let cycleId: string;
const NOW = '2027-02-25T12:00:00.000Z';
const HOSTILE_SCRIPT = '<script>alert("x")</script> Ley 123';
const HOSTILE_FORMULA = '=HYPERLINK("http://evil.example","click")';

/** A fixed data set: Haiti submitted on time, Brazil late, Jamaica has drafts, Mexico nothing. */
beforeAll(async () => {
  ({ stores } = await seededStores('reports'));
  const opensAt = '2027-01-04T09:00:00.000Z';
  const { cycle } = await createCycle(
    { title: 'Migration follow-up 2027', opensAt, deadline: '2027-02-13', states: ['BRA', 'HTI', 'JAM', 'MEX'] },
    { stores, summits, actor: 'test', now: opensAt },
  );
  cycleId = cycle.id;
  const ids = cycle.mandateIds;
  const answer = async (code: string, i: number, status: string | null, narrative: string, at: string) =>
    saveAnswer(
      { cycleId, stateCode: code },
      ids[i]!,
      { status: status as never, narrative, difficulties: '', evidence: [], version: 0 },
      { stores, now: at },
    );
  await answer('HTI', 0, 'fully_implemented', HOSTILE_SCRIPT, '2027-01-20T10:00:00.000Z');
  await answer('HTI', 1, 'not_applicable', HOSTILE_FORMULA, '2027-01-20T10:05:00.000Z');
  await answer('HTI', 2, 'in_progress', 'Programa nacional', '2027-01-20T10:10:00.000Z');
  await submitReport({ cycleId, stateCode: 'HTI' }, { stores, now: '2027-02-01T15:00:00.000Z' });
  await answer('BRA', 0, 'partially_implemented', 'Plano', '2027-02-18T10:00:00.000Z');
  await submitReport({ cycleId, stateCode: 'BRA' }, { stores, now: '2027-02-20T15:00:00.000Z' });
  await answer('JAM', 0, 'not_started', 'Draft', '2027-02-10T10:00:00.000Z');
  await answer('JAM', 3, null, 'Draft without status', '2027-02-10T10:00:00.000Z');
});

const render = (
  format: 'json' | 'csv' | 'xlsx' | 'html',
  language: 'en' | 'es' | 'fr' | 'pt' = 'en',
  scope: 'submitted' | 'all' = 'submitted',
) => exportReport(stores, cycleId, { format, language, scope, now: NOW }, renderReportFile);
const anonymise = (text: string) => text.replaceAll(cycleId, 'CYCLE');

function golden(name: string, actual: string) {
  const file = `tests/golden/${name}`;
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('the cycle report', () => {
  it('counts submitted reports: response rate, on time and late, statuses per mandate', async () => {
    const report = JSON.parse((await render('json')).body as string);
    expect(report.response).toEqual({
      invited: 4,
      submitted: 2,
      onTime: 1,
      late: 1,
      notSubmitted: 2,
      extensionsGranted: 0,
      responseRate: 0.5,
      onTimeRate: 0.25,
    });
    expect(report.byMandate[0].counts).toEqual({
      fully_implemented: 1,
      partially_implemented: 1,
      in_progress: 0,
      not_started: 0,
      not_applicable: 0,
      no_answer: 2,
    });
    expect(report.byMandate[1].counts).toMatchObject({ not_applicable: 1, no_answer: 3 });
    expect(report.totals.cells).toBe(4 * 37);
    expect(report.byState.find((s: { code: string }) => s.code === 'BRA')).toMatchObject({ submitted: true, onTime: false, daysLate: 7 });
    const all = JSON.parse((await render('json', 'en', 'all')).body as string);
    expect(all.byMandate[0].counts.not_started).toBe(1);
  });

  it('matches the golden JSON and CSV files', async () => {
    golden('cycle-report.json', anonymise((await render('json')).body as string));
    golden('cycle-report.csv', anonymise((await render('csv')).body as string));
  });

  it('writes CSV as UTF-8 with a byte-order mark, one row per state × mandate, formulas neutralised', async () => {
    const csv = (await render('csv', 'fr')).body as string;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = csv
      .split('\r\n')
      .filter((line) => line.startsWith('"BRA"') || line.startsWith('"HTI"') || line.startsWith('"JAM"') || line.startsWith('"MEX"'));
    expect(rows).toHaveLength(4 * 37);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain('"Sans objet"');
    expect(csv).toContain('"Taux de réponse",0.5');
  });

  it('writes an XLSX with summary, by mandate, by state and answers sheets, showing the same numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await render('xlsx')).body as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'By mandate', 'By state', 'Answers', 'By theme']);
    const summary = book.getWorksheet('Summary')!;
    const value = (label: string) => summary.getColumn(1).values.indexOf(label);
    expect(summary.getRow(value('Submitted')).getCell(2).value).toBe(2);
    expect(summary.getRow(value('Response rate')).getCell(2).value).toBe(0.5);
    const answers = book.getWorksheet('Answers')!;
    expect(answers.rowCount).toBe(1 + 4 * 37);
    const narrative = (answers.getRow(1).values as string[]).indexOf('Measures taken');
    const hostile = answers.getColumn(narrative).values.findIndex((v) => String(v).startsWith('=HYPERLINK'));
    const cell = answers.getRow(hostile).getCell(narrative);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    const byMandate = book.getWorksheet('By mandate')!;
    expect(byMandate.getRow(2).values).toEqual(expect.arrayContaining([1, 1, 0, 0, 0, 2]));
  });

  it('renders a printable HTML report with SVG charts, in the chosen language, with hostile text inert', async () => {
    const page = (await render('html', 'es')).body as string;
    expect(page).toContain('<html lang="es">');
    expect(page).toContain('Informe de situación');
    expect(page).toContain('<svg');
    expect(page).not.toContain('<script>');
    const all = (await render('html', 'en', 'all')).body as string;
    expect(all).not.toContain(HOSTILE_SCRIPT);
  });

  it('is a valid report that says so when there is no answer yet', async () => {
    const { cycle } = await createCycle(
      { title: 'Empty', opensAt: '2027-03-01T00:00:00.000Z', deadline: '2027-04-01', states: ['CAN'] },
      { stores, summits, actor: 'test', now: '2027-03-01T00:00:00.000Z' },
    );
    const json = JSON.parse(
      (await exportReport(stores, cycle.id, { format: 'json', language: 'en', scope: 'submitted', now: NOW }, renderReportFile))
        .body as string,
    );
    expect(json.totals.counts.no_answer).toBe(37);
    const csv = (await exportReport(stores, cycle.id, { format: 'csv', language: 'en', scope: 'submitted', now: NOW }, renderReportFile))
      .body as string;
    expect(csv).toContain('No answers have been counted yet');
  });
});

describe('snapshots', () => {
  it('are written weekly while a cycle is open and once at its close, listed with links that download the files', async () => {
    const first = await takeDueSnapshots({ stores, stream: streamReportFile, files: exportFiles, now: '2027-02-26T00:00:00.000Z' });
    const mine = first.taken.filter((s) => s.cycleId === cycleId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'weekly', builtFrom: { states: 4, mandates: 37, submitted: 2, answersCounted: 4 } });
    expect(
      (await takeDueSnapshots({ stores, stream: streamReportFile, files: exportFiles, now: '2027-03-01T00:00:00.000Z' })).taken.filter(
        (s) => s.cycleId === cycleId,
      ),
    ).toHaveLength(0);
    expect(
      (await takeDueSnapshots({ stores, stream: streamReportFile, files: exportFiles, now: '2027-03-05T00:00:00.000Z' })).taken.filter(
        (s) => s.cycleId === cycleId,
      ),
    ).toHaveLength(1);
    // The last overdue notice of the deadline (13 February + 3 × 7 days) closes the cycle.
    const final = (
      await takeDueSnapshots({ stores, stream: streamReportFile, files: exportFiles, now: '2027-03-07T00:00:00.000Z' })
    ).taken.filter((s) => s.cycleId === cycleId);
    expect(final.map((s) => s.kind)).toEqual(['final']);
    expect((await stores.cycles.getCycle(cycleId))!.status).toBe('closed');
    expect(
      (await takeDueSnapshots({ stores, stream: streamReportFile, files: exportFiles, now: '2027-04-07T00:00:00.000Z' })).taken.filter(
        (s) => s.cycleId === cycleId,
      ),
    ).toHaveLength(0);

    const listed = await stores.snapshots.listSnapshots(cycleId);
    expect(listed.map((s) => s.kind)).toEqual(['final', 'weekly', 'weekly']);
    const response = await fetch(await downloadLink(listed[0]!.files.csv!));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Migration follow-up 2027');
    const xlsx = await fetch(await downloadLink(listed[0]!.files.xlsx!));
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });
});

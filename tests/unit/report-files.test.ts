import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Assignment, Cycle } from '../../shared/domain/cycles';
import { CycleAggregator, type MandateMeta } from '../../shared/domain/report';
import { renderReportHtml } from '../../shared/render/report-html';
import { richText } from '../../shared/render/rich-text';
import { renderReportFile, streamReportFile } from '../../shared/render/report';
import { asChunks } from '../../shared/render/report-stream';
import type { AnswerRow, ReportData } from '../../shared/usecases/view-models';

const now = '2027-05-01T12:00:00.000Z';
const mandates: MandateMeta[] = [
  {
    id: 'quebec-2001-1',
    label: '1',
    text: 'Strengthen regional cooperation on migration.',
    texts: { es: 'Fortalecer la cooperación regional en materia de migración.' },
    language: 'en',
    document: 'Plan of Action Québec',
    summitId: 'quebec-city-2001',
    summit: { name: 'Third Summit', city: 'Québec City', year: 2001 },
    year: 2001,
    themes: ['migration', 'labour'],
  },
  {
    id: 'lima-2018-2',
    label: '2',
    text: 'Promote transparency in public procurement.',
    texts: { fr: 'Promouvoir la transparence des marchés publics.' },
    language: 'en',
    document: 'Lima Commitment',
    summitId: 'lima-2018',
    summit: { name: 'Eighth Summit', city: 'Lima', year: 2018 },
    year: 2018,
    themes: ['migration'],
  },
];
const assignment = (code: string, submittedAt?: string): Assignment =>
  ({
    cycleId: 'c1',
    stateCode: code,
    language: 'en',
    status: submittedAt ? 'submitted' : 'invited',
    deadline: '2027-04-15T23:59:59.000Z',
    submittedAt,
    answeredCount: 1,
    mandateCount: 2,
    remindersSent: 1,
    extensions: [],
  }) as unknown as Assignment;
const assignments = [assignment('HTI', '2027-04-10T10:00:00.000Z'), assignment('MEX')];
const NARRATIVE = 'First paragraph.\nSecond line.\n\n- one measure\n- <b>another</b>';

function reportData(): ReportData {
  const aggregator = new CycleAggregator({
    cycle: { id: 'c1', title: 'Follow-up 2027', opensAt: now, deadline: '2027-04-15T23:59:59.000Z', status: 'open' } as Cycle,
    mandates,
    stateNames: new Map([
      ['HTI', 'Haiti'],
      ['MEX', 'Mexico'],
    ]),
    assignments,
    now,
    scope: 'all',
  });
  aggregator.add({ stateCode: 'HTI', mandateId: 'quebec-2001-1', status: 'partially_implemented' });
  const row = (code: string, name: string, m: MandateMeta, answered: boolean): AnswerRow => ({
    stateCode: code,
    stateName: name,
    mandateId: m.id,
    label: m.label,
    text: m.text,
    texts: m.texts ?? {},
    document: m.document,
    year: m.year,
    summit: `${m.summit.city} ${m.summit.year}`,
    status: answered ? 'partially_implemented' : 'no_answer',
    narrative: answered ? NARRATIVE : '',
    difficulties: '',
    evidence: answered ? [{ title: 'Decree 12', url: 'https://example.org/decree' }] : [],
    files: answered ? [{ name: 'decree-12.pdf', size: 48_213, sha256: 'ab'.repeat(32) }] : [],
    updatedAt: answered ? '2027-04-09T08:30:00.000Z' : '',
    updatedBy: answered ? 'Marie Joseph (Ministère de la Santé)' : '',
    submitted: code === 'HTI',
    previousStatus: answered ? 'in_progress' : '',
    change: answered ? 'improved' : '',
    carried: answered ? 'updated' : '',
  });
  return {
    report: aggregator.result(),
    rows: [row('HTI', 'Haiti', mandates[0]!, true), row('HTI', 'Haiti', mandates[1]!, false), row('MEX', 'Mexico', mandates[0]!, false)],
    trend: [],
  };
}

async function workbook(language: 'en' | 'es' | 'fr' | 'pt') {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await renderReportFile('xlsx', reportData(), language)) as never);
  return book;
}

const column = (sheet: ExcelJS.Worksheet, header: string) => {
  const index = (sheet.getRow(1).values as unknown[]).indexOf(header);
  expect(index, header).toBeGreaterThan(0);
  return index;
};

describe('the XLSX report', () => {
  it('freezes the header row and puts filters on it on every sheet, with widths fitted per column', async () => {
    const book = await workbook('en');
    expect(book.worksheets.map((s) => s.name)).toEqual(['Summary', 'By mandate', 'By state', 'Answers', 'By theme']);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, sheet.name).toBeTruthy();
      expect(sheet.getRow(1).font?.bold, sheet.name).toBe(true);
    }
    const answers = book.getWorksheet('Answers')!;
    const widths = answers.columns.map((c) => c.width);
    expect(new Set(widths).size).toBeGreaterThan(4);
    expect(answers.getColumn(column(answers, 'State code')).width).toBeLessThan(answers.getColumn(column(answers, 'Mandate id')).width!);
  });

  it('writes dates as dates and rates as percentages: numbers with their formats, not text', async () => {
    const book = await workbook('en');
    const summary = book.getWorksheet('Summary')!;
    const rowOf = (label: string) => summary.getColumn(1).values.indexOf(label);
    const rate = summary.getRow(rowOf('Response rate')).getCell(2);
    expect(rate.type).toBe(ExcelJS.ValueType.Number);
    expect(rate.value).toBe(0.5);
    expect(rate.numFmt).toContain('%');
    const deadline = summary.getRow(rowOf('Deadline')).getCell(2);
    expect(deadline.value).toBeInstanceOf(Date);
    expect((deadline.value as Date).toISOString()).toBe('2027-04-15T23:59:59.000Z');
    expect(deadline.numFmt).toMatch(/yyyy/);
    const byState = book.getWorksheet('By state')!;
    const submitted = byState.getRow(2).getCell(column(byState, 'Submitted'));
    expect(submitted.value).toBeInstanceOf(Date);
    expect(submitted.numFmt).toMatch(/yyyy/);
    const answers = book.getWorksheet('Answers')!;
    const saved = answers.getRow(2).getCell(column(answers, 'Last saved'));
    expect((saved.value as Date).toISOString()).toBe('2027-04-09T08:30:00.000Z');
    const share = book
      .getWorksheet('By mandate')!
      .getRow(2)
      .getCell(column(book.getWorksheet('By mandate')!, 'Implemented (fully or partially)'));
    expect(share.value).toBe(1);
    expect(share.numFmt).toContain('%');
  });

  it('speaks Spanish: sheet names, headers, statuses and state names, and the mandate texts in Spanish where known', async () => {
    const book = await workbook('es');
    expect(book.worksheets.map((s) => s.name)).toEqual(['Resumen', 'Por mandato', 'Por Estado', 'Respuestas', 'Por tema']);
    const answers = book.getWorksheet('Respuestas')!;
    const values = (header: string) => answers.getColumn(column(answers, header)).values.slice(2);
    expect(values('Estado')).toEqual(['Haití', 'Haití', 'México']);
    expect(values('Estado de implementación')).toEqual(['Implementado parcialmente', 'Sin respuesta', 'Sin respuesta']);
    expect(values('Texto')).toEqual([
      'Fortalecer la cooperación regional en materia de migración.',
      'Promote transparency in public procurement.',
      'Fortalecer la cooperación regional en materia de migración.',
    ]);
    const byState = book.getWorksheet('Por Estado')!;
    expect(byState.getColumn(column(byState, 'Estado de implementación')).values.slice(2)).toEqual(['Enviado', 'Con retraso']);
  });

  it('speaks French: state names and statuses, and the French mandate text', async () => {
    const book = await workbook('fr');
    const byState = book.getWorksheet('Par État')!;
    expect(byState.getColumn(column(byState, 'État')).values.slice(2)).toEqual(['Haïti', 'Mexique']);
    expect(byState.getColumn(column(byState, 'État de mise en œuvre')).values.slice(2)).toEqual(['Soumis', 'En retard']);
    const byMandate = book.getWorksheet('Par mandat')!;
    expect(byMandate.getColumn(column(byMandate, 'Texte')).values.slice(2)).toEqual([
      'Strengthen regional cooperation on migration.',
      'Promouvoir la transparence des marchés publics.',
    ]);
  });

  it('keeps the narrative’s line breaks, in a wrapped cell', async () => {
    const answers = (await workbook('en')).getWorksheet('Answers')!;
    const cell = answers.getRow(2).getCell(column(answers, 'Measures taken'));
    expect(cell.value).toBe(NARRATIVE);
    expect(cell.alignment?.wrapText).toBe(true);
  });
});

describe('the other formats', () => {
  it('CSV keeps line breaks inside the quoted cell, and streams the same bytes it renders at once', async () => {
    const data = reportData();
    const whole = (await renderReportFile('csv', data, 'es')) as string;
    expect(whole).toContain('"First paragraph.\nSecond line.\n\n- one measure\n- <b>another</b>"');
    expect(whole).toContain('"Haití"');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const { rows } = await streamReportFile('csv', { report: data.report, trend: [], rows: asChunks(data.rows) }, 'es', out);
    expect(rows).toBe(3);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(whole);
  });

  it('JSON gives each mandate its text in the report’s language, and which language that is', async () => {
    const json = JSON.parse((await renderReportFile('json', reportData(), 'es')) as string);
    expect(json.byMandate.map((m: { reportText: string; reportTextLanguage: string }) => [m.reportTextLanguage, m.reportText])).toEqual([
      ['es', 'Fortalecer la cooperación regional en materia de migración.'],
      ['en', 'Promote transparency in public procurement.'],
    ]);
  });

  it('HTML lists each state’s answers with paragraphs and lists kept, escaped, and tables in labelled scroll regions', () => {
    const data = reportData();
    const page = renderReportHtml(data.report, [], { language: 'fr', rows: data.rows });
    expect(page).toContain('<p>First paragraph.<br />Second line.</p><ul><li>one measure</li><li>&lt;b&gt;another&lt;/b&gt;</li></ul>');
    expect(page).toContain('Réponses : Haïti (1 / 2)');
    expect(page).toContain('Promouvoir la transparence des marchés publics.');
    expect(page).not.toContain('<b>another');
    expect(page).toMatch(/<div class="scroll" role="region" tabindex="0" aria-label="Par État \(défile horizontalement\)">/);
    expect(page).toContain('<main id="main"');
  });

  it('turns numbered and lettered lines into ordered lists and leaves other text as paragraphs', () => {
    expect(richText('Steps:\n1. draft\n2. adopt').value).toBe('<p>Steps:</p><ol><li>draft</li><li>adopt</li></ol>');
    expect(richText('a) one\nb) two').value).toBe('<ol><li>one</li><li>two</li></ol>');
    expect(richText('Plain <text>').value).toBe('<p>Plain &lt;text&gt;</p>');
  });
});

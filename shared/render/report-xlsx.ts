import ExcelJS from 'exceljs';
import { STATUS_KEYS } from '../domain/report';
import type { Language } from '../domain/states';
import type { ReportData } from '../usecases/view-models';
import { answerCells, answerHeader, fitCell, mandateText, summaryRows, themeName } from './report-rows';
import { REPORT_WORDS } from './report-words';

/** The XLSX download: sheets Summary, By mandate, By state and Answers. Every text is stored as text, never as a formula. */
export async function renderXlsx(data: ReportData, language: Language): Promise<Buffer> {
  const { report } = data;
  const words = REPORT_WORDS[language];
  const c = words.columns;
  const book = new ExcelJS.Workbook();
  book.created = new Date(report.generatedAt);
  const summary = book.addWorksheet(words.summary);
  const byMandate = book.addWorksheet(words.byMandate);
  const byState = book.addWorksheet(words.byState);
  const answersSheet = book.addWorksheet(words.answers);
  const statusHeaders = STATUS_KEYS.map((k) => words.statuses[k]);

  answersSheet.addRow(answerHeader(words));
  answersSheet.addRows(data.rows.map((row) => answerCells(words, row, language)));
  summary.addRows(summaryRows(words, report));
  byMandate.addRow([c.mandate, c.label, c.text, c.document, c.year, c.summit, ...statusHeaders]);
  for (const m of report.byMandate) {
    byMandate.addRow([
      m.id,
      m.label,
      fitCell(mandateText(m, language)),
      m.document,
      m.year,
      `${m.summit.city} ${m.summit.year}`,
      ...STATUS_KEYS.map((k) => m.counts[k]),
    ]);
  }
  byState.addRow([
    c.state,
    c.stateName,
    c.status,
    c.submitted,
    c.deadline,
    c.daysLate,
    c.answered,
    c.reminders,
    c.extensions,
    ...statusHeaders,
  ]);
  for (const s of report.byState) {
    byState.addRow([
      s.code,
      s.name,
      s.status,
      s.submittedAt ?? '',
      s.deadline,
      s.daysLate,
      s.answered,
      s.remindersSent,
      s.extensions,
      ...STATUS_KEYS.map((k) => s.counts[k]),
    ]);
  }
  const byTheme = book.addWorksheet(words.byTheme);
  byTheme.addRow([words.theme, c.mandates, ...statusHeaders]);
  for (const t of report.byTheme) byTheme.addRow([themeName(t.theme, words.noTheme), t.mandates, ...STATUS_KEYS.map((k) => t.counts[k])]);
  for (const sheet of [summary, byMandate, byState, answersSheet, byTheme]) {
    const headerRow = sheet === summary ? summary.getColumn(1).values.indexOf(c.metric) : 1;
    sheet.getRow(headerRow).font = { bold: true };
    sheet.columns.forEach((column) => (column.width = 18));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

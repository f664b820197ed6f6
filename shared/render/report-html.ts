import { STATUS_KEYS, type CycleReport, type StatusKey } from '../domain/report';
import { CHANGES } from '../domain/changes';
import type { Language } from '../domain/states';
import type { AnswerRow, TrendPoint } from '../usecases/view-models';
import { formatDate } from './format';
import { html, raw, type Raw } from './html';
import { richText } from './rich-text';
import { mandateText, mandateTextLanguage, themeName } from './report-rows';
import { put, type ReportStreamInput } from './report-stream';
import { REPORT_WORDS, stateNameIn, type ReportWords } from './report-words';

export const STATUS_COLOURS: Record<StatusKey, string> = {
  fully_implemented: '#1a7f37',
  partially_implemented: '#74c476',
  in_progress: '#f0b429',
  not_started: '#c8102e',
  not_applicable: '#7a7a7a',
  no_answer: '#e4e7ec',
};

const percent = (n: number) => `${Math.round(n * 100)}%`;

export function legend(words: ReportWords): Raw {
  return html`<ul class="legend">
    ${STATUS_KEYS.map(
      (k) =>
        html`<li>
          <svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" fill="${STATUS_COLOURS[k]}" stroke="#667085" /></svg>
          ${words.statuses[k]}
        </li>`,
    )}
  </ul>`;
}

/** One 100% stacked bar of status counts, with a text equivalent for screen readers. */
export function stackedBar(counts: Record<StatusKey, number>, width: number, height: number, words: ReportWords): Raw {
  const total = STATUS_KEYS.reduce((s, k) => s + counts[k], 0) || 1;
  let x = 0;
  const parts = STATUS_KEYS.filter((k) => counts[k] > 0).map((k) => {
    const w = (counts[k] / total) * width;
    const rect = html`<rect x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${height}" fill="${STATUS_COLOURS[k]}"
      ><title>${words.statuses[k]}: ${counts[k]}</title></rect
    >`;
    x += w;
    return rect;
  });
  const description = STATUS_KEYS.filter((k) => counts[k] > 0)
    .map((k) => `${words.statuses[k]}: ${counts[k]}`)
    .join(', ');
  return html`<svg class="bar" role="img" aria-label="${description}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
    ${parts}
    <rect width="${width}" height="${height}" fill="none" stroke="#98a2b3" />
  </svg>`;
}

export function responseChart(report: Pick<CycleReport, 'response'>, words: ReportWords): Raw {
  const r = report.response;
  const width = 480;
  const segments = [
    { label: words.onTime, value: r.onTime, colour: '#1a7f37' },
    { label: words.late, value: r.late, colour: '#f0b429' },
    { label: words.notSubmitted, value: r.notSubmitted, colour: '#e4e7ec' },
  ];
  let x = 0;
  const total = r.invited || 1;
  // The viewBox scales the chart down to the width it is given (a phone), never past its own.
  return html`<figure>
    <svg
      class="chart"
      role="img"
      aria-label="${segments.map((s) => `${s.label}: ${s.value}`).join(', ')}"
      width="${width}"
      height="60"
      viewBox="0 0 ${width} 60"
      style="max-width:100%;height:auto"
    >
      ${segments.map((s) => {
        const w = (s.value / total) * width;
        const out = html`<rect
            x="${x.toFixed(2)}"
            y="0"
            width="${w.toFixed(2)}"
            height="28"
            fill="${s.colour}"
          />${w > 30 ? html`<text x="${(x + w / 2).toFixed(2)}" y="19" text-anchor="middle" font-size="13">${s.value}</text>` : ''}`;
        x += w;
        return out;
      })}
      <rect width="${width}" height="28" fill="none" stroke="#98a2b3" />
      <text x="0" y="50" font-size="13">
        ${words.responseRate}: ${percent(r.responseRate)} · ${words.onTimeRate}: ${percent(r.onTimeRate)}
      </text>
    </svg>
    <figcaption>${segments.map((s) => `${s.label} ${s.value}`).join(' · ')}</figcaption>
  </figure>`;
}

export function trendChart(points: TrendPoint[], words: ReportWords, language: Language): Raw {
  if (points.length === 0) return html``;
  const barWidth = 18;
  const groupWidth = 70;
  const height = 160;
  const width = Math.max(320, points.length * groupWidth + 40);
  return html`<figure>
    <svg
      class="chart"
      style="max-width:100%;height:auto"
      role="img"
      aria-label="${points.map((p) => `${p.title}: ${words.responseRate} ${percent(p.responseRate)}, ${words.implementedShare} ${p.implementedShare === null ? '–' : percent(p.implementedShare)}`).join('; ')}"
      width="${width}"
      height="${height + 40}"
      viewBox="0 0 ${width} ${height + 40}"
    >
      <line x1="30" y1="${height}" x2="${width}" y2="${height}" stroke="#667085" />
      <text x="0" y="12" font-size="11">100%</text>
      <text x="0" y="${height}" font-size="11">0%</text>
      ${points.map((p, i) => {
        const x = 40 + i * groupWidth;
        const rate = p.responseRate * (height - 10);
        const share = (p.implementedShare ?? 0) * (height - 10);
        return html`<rect x="${x}" y="${(height - rate).toFixed(1)}" width="${barWidth}" height="${rate.toFixed(1)}" fill="#0b3d6b"
            ><title>${words.responseRate} ${percent(p.responseRate)}</title></rect
          >
          <rect x="${x + barWidth + 4}" y="${(height - share).toFixed(1)}" width="${barWidth}" height="${share.toFixed(1)}" fill="#1a7f37"
            ><title>${words.implementedShare} ${p.implementedShare === null ? '–' : percent(p.implementedShare)}</title></rect
          >
          <text x="${x}" y="${height + 16}" font-size="11">${formatDate(p.deadline, language).slice(0, 12)}</text>`;
      })}
    </svg>
    <figcaption>
      <svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="#0b3d6b" /></svg> ${words.responseRate} ·
      <svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="#1a7f37" /></svg> ${words.implementedShare}
    </figcaption>
  </figure>`;
}

const REPORT_CSS = `
*,*::before,*::after{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;margin:0 auto;padding:1.5rem;max-width:64rem;font-size:14px;line-height:1.45;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:2px solid #0b3d6b;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}h4{font-size:.95rem;margin:.75rem 0 .2rem}
.meta{color:#475467}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.25rem .5rem}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0}.scroll:focus{outline:2px solid #0b3d6b;outline-offset:2px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d5dd;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:normal}
th{background:#f2f4f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem;margin:.5rem 0}
.legend li{display:flex;align-items:center;gap:.3rem}
.mandate-row td{padding:.2rem .4rem}.bar{display:block;max-width:100%;height:auto}.mandate-text{color:#344054;font-size:.9em}
td .mandate-text{display:block;min-width:14rem}
.notice{background:#fffaeb;border:1px solid #fec84b;padding:.5rem .75rem}
figure{margin:.5rem 0}figcaption{color:#475467;font-size:.9em}
.answer{border-top:1px solid #d0d5dd;padding:.25rem 0}.answer p,.answer ul,.answer ol{margin:.25rem 0}
.answer dl{margin:.25rem 0}.answer dt{font-weight:600;margin-top:.35rem}.answer dd{margin:0 0 0 1rem}
@page{size:A4;margin:14mm}
@media print{body{padding:0;max-width:none}.scroll{overflow:visible}h2{break-after:avoid}tr,figure,.answer{break-inside:avoid}}
`;

/** A table in a region that scrolls sideways on a narrow screen, reachable and named for keyboard and screen reader users. */
function scrollTable(label: string, words: ReportWords, table: Raw): Raw {
  return html`<div class="scroll" role="region" tabindex="0" aria-label="${words.scrollTable(label)}">${table}</div>`;
}

function reportHead(report: CycleReport, language: Language, nonce?: string): string {
  const words = REPORT_WORDS[language];
  const c = words.columns;
  const r = report.response;
  const nonceAttr = nonce ? raw(` nonce="${nonce}"`) : raw('');
  const countCells = (counts: Record<StatusKey, number>) => STATUS_KEYS.map((k) => html`<td class="n">${counts[k]}</td>`);
  const statusHead = STATUS_KEYS.map((k) => html`<th scope="col">${words.statuses[k]}</th>`);
  const empty = report.totals.counts.no_answer === report.totals.cells;
  return html`<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${words.title}: ${report.cycle.title}</title>
<style${nonceAttr}>${raw(REPORT_CSS)}</style></head>
<body>
<a class="skip" href="#main">${words.title}</a>
<header><h1>${words.title}: ${report.cycle.title}</h1>
<p class="meta">${c.deadline}: ${formatDate(report.cycle.deadline, language)} · ${words.generated(formatDate(report.generatedAt, language))} · ${report.scope === 'submitted' ? words.scopeSubmitted : words.scopeAll}</p></header>
<main id="main" tabindex="-1">
${empty ? html`<p class="notice">${words.noAnswers}</p>` : ''}
<h2>${words.response}</h2>
${responseChart(report, words)}
${scrollTable(
  words.response,
  words,
  html`<table>
    <tbody>
      <tr>
        <th scope="row">${words.invited}</th>
        <td class="n">${r.invited}</td>
        <th scope="row">${words.submitted}</th>
        <td class="n">${r.submitted}</td>
      </tr>
      <tr>
        <th scope="row">${words.onTime}</th>
        <td class="n">${r.onTime}</td>
        <th scope="row">${words.late}</th>
        <td class="n">${r.late}</td>
      </tr>
      <tr>
        <th scope="row">${words.notSubmitted}</th>
        <td class="n">${r.notSubmitted}</td>
        <th scope="row">${words.extensionsGranted}</th>
        <td class="n">${r.extensionsGranted}</td>
      </tr>
    </tbody>
  </table>`,
)}
<h2>${words.byMandate}</h2>
${legend(words)}
${scrollTable(
  words.byMandate,
  words,
  html`<table>
    <thead>
      <tr>
        <th scope="col">${c.label}</th>
        <th scope="col">${c.document}</th>
        <th scope="col">${words.statuses.fully_implemented} … ${words.statuses.no_answer}</th>
      </tr>
    </thead>
    <tbody>
      ${report.byMandate.map(
        (m) =>
          html`<tr class="mandate-row">
            <td>${m.label}</td>
            <td>
              ${m.document} (${m.year})<span class="mandate-text" lang="${mandateTextLanguage(m, language)}"
                >${richText(mandateText(m, language))}</span
              >
            </td>
            <td>${stackedBar(m.counts, 320, 14, words)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`,
)}
<h2>${words.bySummit}</h2>
${scrollTable(
  words.bySummit,
  words,
  html`<table>
    <thead>
      <tr>
        <th scope="col">${c.summit}</th>
        <th scope="col">${c.mandates}</th>
        ${statusHead}
      </tr>
    </thead>
    <tbody>
      ${report.bySummit.map(
        (s) =>
          html`<tr>
            <td>${s.name}, ${s.city} ${s.year}</td>
            <td class="n">${s.mandates}</td>
            ${countCells(s.counts)}
          </tr>`,
      )}
    </tbody>
  </table>`,
)}
<h2>${words.byDocument}</h2>
${scrollTable(
  words.byDocument,
  words,
  html`<table>
    <thead>
      <tr>
        <th scope="col">${c.document}</th>
        <th scope="col">${c.year}</th>
        <th scope="col">${c.mandates}</th>
        ${statusHead}
      </tr>
    </thead>
    <tbody>
      ${report.byDocument.map(
        (d) =>
          html`<tr>
            <td>${d.document}</td>
            <td class="n">${d.year}</td>
            <td class="n">${d.mandates}</td>
            ${countCells(d.counts)}
          </tr>`,
      )}
    </tbody>
  </table>`,
)}
<h2>${words.byTheme}</h2>
${scrollTable(
  words.byTheme,
  words,
  html`<table>
    <thead>
      <tr>
        <th scope="col">${words.theme}</th>
        <th scope="col">${c.mandates}</th>
        ${statusHead}
      </tr>
    </thead>
    <tbody>
      ${report.byTheme.map(
        (t) =>
          html`<tr>
            <td>${themeName(t.theme, words.noTheme)}</td>
            <td class="n">${t.mandates}</td>
            ${countCells(t.counts)}
          </tr>`,
      )}
    </tbody>
  </table>`,
)}
${changesSection(report, words)}
${lineageSection(report, words)}
<h2>${words.byState}</h2>
${scrollTable(
  words.byState,
  words,
  html`<table>
    <thead>
      <tr>
        <th scope="col">${c.stateName}</th>
        <th scope="col">${c.status}</th>
        <th scope="col">${c.submitted}</th>
        <th scope="col">${c.answered}</th>
        <th scope="col">${c.daysLate}</th>
        <th scope="col">${c.reminders}</th>
        <th scope="col">${c.extensions}</th>
      </tr>
    </thead>
    <tbody>
      ${report.byState.map(
        (s) =>
          html`<tr>
            <td>${stateNameIn(s.code, s.name, language)}</td>
            <td>${s.submitted ? (s.onTime ? words.onTime : words.late) : words.stateStatuses[s.status]}</td>
            <td>${s.submittedAt ? formatDate(s.submittedAt, language) : '–'}</td>
            <td class="n">${s.answered} / ${s.total}</td>
            <td class="n">${s.daysLate}</td>
            <td class="n">${s.remindersSent}</td>
            <td class="n">${s.extensions}</td>
          </tr>`,
      )}
    </tbody>
  </table>`,
)}
<h2 id="answers">${words.answers}</h2>
`.value;
}

/** How the counted answers moved since each state's previous cycle, and what became of the answers carried forward. */
function changesSection(report: CycleReport, words: ReportWords): Raw {
  const ch = report.changes;
  return html`<h2>${words.changesSince}</h2>
    <p class="meta">${words.changesNote}</p>
    ${scrollTable(
      words.changesSince,
      words,
      html`<table>
        <tbody>
          ${CHANGES.map(
            (key) =>
              html`<tr>
                <th scope="row">${words.changes[key]}</th>
                <td class="n">${ch.counts[key]}</td>
              </tr>`,
          )}
          <tr>
            <th scope="row">${words.carriedConfirmed}</th>
            <td class="n">${ch.carried.confirmed}</td>
          </tr>
          <tr>
            <th scope="row">${words.carriedUpdated}</th>
            <td class="n">${ch.carried.updated}</td>
          </tr>
        </tbody>
      </table>`,
    )}`;
}

/** The answers added up along each chain of linked mandates (none: no section). */
function lineageSection(report: CycleReport, words: ReportWords): Raw {
  if (report.byLineage.length === 0) return html``;
  return html`<h2>${words.byLineage}</h2>
    <p class="meta">${words.lineageNote}</p>
    ${scrollTable(
      words.byLineage,
      words,
      html`<table>
        <thead>
          <tr>
            <th scope="col">${words.columns.chain}</th>
            <th scope="col">${words.statuses.fully_implemented} … ${words.statuses.no_answer}</th>
          </tr>
        </thead>
        <tbody>
          ${report.byLineage.map(
            (chain) =>
              html`<tr>
                <td>
                  <ol>
                    ${chain.mandates.map(
                      (m) => html`<li>${m.document} ${m.label} (${m.year})${m.inCycle ? '' : html` <em>(${words.notAsked})</em>`}</li>`,
                    )}
                  </ol>
                </td>
                <td>${stackedBar(chain.counts, 320, 14, words)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}`;
}

const hasAnswer = (row: AnswerRow) =>
  row.status !== 'no_answer' ||
  row.narrative.trim() !== '' ||
  row.difficulties.trim() !== '' ||
  row.evidence.length > 0 ||
  row.files.length > 0;

/** One state's answers: each answered mandate with its text, status, narrative and difficulties (paragraphs and lists kept), and evidence. */
function stateAnswers(rows: AnswerRow[], language: Language): string {
  const first = rows[0];
  if (!first) return '';
  const words = REPORT_WORDS[language];
  const c = words.columns;
  const name = stateNameIn(first.stateCode, first.stateName, language);
  const answered = rows.filter(hasAnswer);
  return html`<section aria-labelledby="answers-${first.stateCode}">
    <h3 id="answers-${first.stateCode}">${words.answersOf(name)} (${answered.length} / ${rows.length})</h3>
    ${answered.map(
      (row) =>
        html`<article class="answer">
          <h4>${row.label} · ${row.document} (${row.year})</h4>
          <div class="mandate-text" lang="${mandateTextLanguage(row, language)}">${richText(mandateText(row, language))}</div>
          <dl>
            <dt>${c.status}</dt>
            <dd>${words.statuses[row.status]}</dd>
            ${
              row.narrative.trim()
                ? html`<dt>${c.narrative}</dt>
                    <dd>${richText(row.narrative)}</dd>`
                : ''
            }
            ${
              row.difficulties.trim()
                ? html`<dt>${c.difficulties}</dt>
                    <dd>${richText(row.difficulties)}</dd>`
                : ''
            }
            ${
              row.evidence.length
                ? html`<dt>${c.evidence}</dt>
                    <dd>
                      <ul>
                        ${row.evidence.map((e) => html`<li>${e.title} &lt;${e.url}&gt;</li>`)}
                      </ul>
                    </dd>`
                : ''
            }
            ${
              row.files.length
                ? html`<dt>${c.files}</dt>
                    <dd>
                      <ul>
                        ${row.files.map((f) => html`<li>${f.name} (${Math.max(1, Math.round(f.size / 1024))} KB) <small>SHA-256 ${f.sha256}</small></li>`)}
                      </ul>
                    </dd>`
                : ''
            }
            ${
              row.change
                ? html`<dt>${c.change}</dt>
                    <dd>
                      ${words.changes[row.change]}${row.previousStatus ? ` (${c.previousStatus}: ${words.statuses[row.previousStatus]})` : ''}
                    </dd>`
                : ''
            }
            ${
              row.carried
                ? html`<dt>${c.carried}</dt>
                    <dd>${row.carried === 'confirmed' ? words.carriedConfirmed : words.carriedUpdated}</dd>`
                : ''
            }
            ${
              row.updatedAt
                ? html`<dt>${c.updatedAt}</dt>
                    <dd>${formatDate(row.updatedAt, language)}${row.updatedBy ? ` · ${row.updatedBy}` : ''}</dd>`
                : ''
            }
          </dl>
        </article>`,
    )}
  </section> `.value;
}

/** Progress over the cycles: the statuses of each cycle's counted answers, one stacked bar a cycle, oldest first. */
function progressTable(trend: TrendPoint[], words: ReportWords): Raw {
  return html`${legend(words)}
  ${scrollTable(
    words.trend,
    words,
    html`<table>
      <thead>
        <tr>
          <th scope="col">${words.columns.cycle}</th>
          <th scope="col">${words.statuses.fully_implemented} … ${words.statuses.no_answer}</th>
        </tr>
      </thead>
      <tbody>
        ${trend.map(
          (point) =>
            html`<tr class="mandate-row">
              <td>${point.title}</td>
              <td>${stackedBar(point.counts, 320, 14, words)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  )}`;
}

function reportTail(trend: TrendPoint[], language: Language): string {
  const words = REPORT_WORDS[language];
  return html`${
    trend.length > 0
      ? html`<h2>${words.trend}</h2>
          ${trendChart(trend, words, language)} ${progressTable(trend, words)}`
      : ''
  }
</main>
</body></html>`.value;
}

/** The HTML report, streamed: the aggregates with SVG charts, then each state's answers as they are read, then the trend. */
export async function writeHtml(
  input: ReportStreamInput,
  language: Language,
  out: NodeJS.WritableStream,
  options: { nonce?: string } = {},
): Promise<{ rows: number }> {
  await put(out, reportHead(input.report, language, options.nonce));
  let rows = 0;
  for await (const chunk of input.rows) {
    await put(out, stateAnswers(chunk, language));
    rows += chunk.length;
  }
  await put(out, reportTail(input.trend, language));
  return { rows };
}

/** The printable report: response, the status spread per mandate, roll-ups, states, their answers, and the trend, with SVG charts. */
export function renderReportHtml(
  report: CycleReport,
  trend: TrendPoint[],
  options: { language: Language; nonce?: string; rows?: AnswerRow[] },
): string {
  const byState: AnswerRow[][] = [];
  for (const row of options.rows ?? []) {
    const last = byState.at(-1);
    if (last && last[0]!.stateCode === row.stateCode) last.push(row);
    else byState.push([row]);
  }
  return (
    reportHead(report, options.language, options.nonce) +
    byState.map((rows) => stateAnswers(rows, options.language)).join('') +
    reportTail(trend, options.language)
  );
}

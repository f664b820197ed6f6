import { STATUS_KEYS, type CycleReport, type StatusKey } from '../domain/report';
import type { Language } from '../domain/states';
import type { TrendPoint } from '../usecases/view-models';
import { formatDate } from './format';
import { html, raw, type Raw } from './html';
import { mandateText, mandateTextLanguage, themeName } from './report-rows';
import { REPORT_WORDS, type ReportWords } from './report-words';

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

export function responseChart(report: CycleReport, words: ReportWords): Raw {
  const r = report.response;
  const width = 480;
  const segments = [
    { label: words.onTime, value: r.onTime, colour: '#1a7f37' },
    { label: words.late, value: r.late, colour: '#f0b429' },
    { label: words.notSubmitted, value: r.notSubmitted, colour: '#e4e7ec' },
  ];
  let x = 0;
  const total = r.invited || 1;
  return html`<figure>
    <svg
      role="img"
      aria-label="${segments.map((s) => `${s.label}: ${s.value}`).join(', ')}"
      width="${width}"
      height="60"
      viewBox="0 0 ${width} 60"
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
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;margin:0;padding:1.5rem;max-width:64rem;margin:auto;font-size:14px;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:2px solid #0b3d6b;padding-bottom:.2rem}
.meta{color:#475467}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d5dd;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem;margin:.5rem 0}
.legend li{display:flex;align-items:center;gap:.3rem}
.mandate-row td{padding:.2rem .4rem}.bar{display:block}.mandate-text{color:#344054;font-size:.9em}
.notice{background:#fffaeb;border:1px solid #fec84b;padding:.5rem .75rem}
figure{margin:.5rem 0}figcaption{color:#475467;font-size:.9em}
@page{size:A4;margin:14mm}
@media print{body{padding:0;max-width:none}h2{break-after:avoid}tr,figure{break-inside:avoid}}
`;

/** The printable report: response, the status spread per mandate, roll-ups, states, and the trend, with SVG charts. */
export function renderReportHtml(report: CycleReport, trend: TrendPoint[], options: { language: Language; nonce?: string }): string {
  const words = REPORT_WORDS[options.language];
  const c = words.columns;
  const r = report.response;
  const nonceAttr = options.nonce ? raw(` nonce="${options.nonce}"`) : raw('');
  const countCells = (counts: Record<StatusKey, number>) => STATUS_KEYS.map((k) => html`<td class="n">${counts[k]}</td>`);
  const statusHead = STATUS_KEYS.map((k) => html`<th scope="col">${words.statuses[k]}</th>`);
  const empty = report.totals.counts.no_answer === report.totals.cells;
  return html`<!doctype html>
<html lang="${options.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${words.title}: ${report.cycle.title}</title>
<style${nonceAttr}>${raw(REPORT_CSS)}</style></head>
<body>
<header><h1>${words.title}: ${report.cycle.title}</h1>
<p class="meta">${c.deadline}: ${formatDate(report.cycle.deadline, options.language)} · ${words.generated(formatDate(report.generatedAt, options.language))} · ${report.scope === 'submitted' ? words.scopeSubmitted : words.scopeAll}</p></header>
${empty ? html`<p class="notice">${words.noAnswers}</p>` : ''}
<h2>${words.response}</h2>
${responseChart(report, words)}
<table><tbody>
<tr><th scope="row">${words.invited}</th><td class="n">${r.invited}</td><th scope="row">${words.submitted}</th><td class="n">${r.submitted}</td></tr>
<tr><th scope="row">${words.onTime}</th><td class="n">${r.onTime}</td><th scope="row">${words.late}</th><td class="n">${r.late}</td></tr>
<tr><th scope="row">${words.notSubmitted}</th><td class="n">${r.notSubmitted}</td><th scope="row">${words.extensionsGranted}</th><td class="n">${r.extensionsGranted}</td></tr>
</tbody></table>
<h2>${words.byMandate}</h2>
${legend(words)}
<table><thead><tr><th scope="col">${c.label}</th><th scope="col">${c.document}</th><th scope="col">${words.statuses.fully_implemented} … ${words.statuses.no_answer}</th></tr></thead><tbody>
${report.byMandate.map(
  (m) =>
    html`<tr class="mandate-row">
      <td>${m.label}</td>
      <td>
        ${m.document} (${m.year})<br /><span class="mandate-text" lang="${mandateTextLanguage(m, options.language)}"
          >${mandateText(m, options.language)}</span
        >
      </td>
      <td>${stackedBar(m.counts, 320, 14, words)}</td>
    </tr>`,
)}
</tbody></table>
<h2>${words.bySummit}</h2>
<table><thead><tr><th scope="col">${c.summit}</th><th scope="col">${c.mandates}</th>${statusHead}</tr></thead><tbody>
${report.bySummit.map(
  (s) =>
    html`<tr>
      <td>${s.name}, ${s.city} ${s.year}</td>
      <td class="n">${s.mandates}</td>
      ${countCells(s.counts)}
    </tr>`,
)}
</tbody></table>
<h2>${words.byDocument}</h2>
<table><thead><tr><th scope="col">${c.document}</th><th scope="col">${c.year}</th><th scope="col">${c.mandates}</th>${statusHead}</tr></thead><tbody>
${report.byDocument.map(
  (d) =>
    html`<tr>
      <td>${d.document}</td>
      <td class="n">${d.year}</td>
      <td class="n">${d.mandates}</td>
      ${countCells(d.counts)}
    </tr>`,
)}
</tbody></table>
<h2>${words.byTheme}</h2>
<table><thead><tr><th scope="col">${words.theme}</th><th scope="col">${c.mandates}</th>${statusHead}</tr></thead><tbody>
${report.byTheme.map(
  (t) =>
    html`<tr>
      <td>${themeName(t.theme, words.noTheme)}</td>
      <td class="n">${t.mandates}</td>
      ${countCells(t.counts)}
    </tr>`,
)}
</tbody></table>
<h2>${words.byState}</h2>
<table><thead><tr><th scope="col">${c.stateName}</th><th scope="col">${c.status}</th><th scope="col">${c.submitted}</th><th scope="col">${c.answered}</th><th scope="col">${c.daysLate}</th><th scope="col">${c.reminders}</th><th scope="col">${c.extensions}</th></tr></thead><tbody>
${report.byState.map(
  (s) =>
    html`<tr>
      <td>${s.name}</td>
      <td>${s.submitted ? (s.onTime ? words.onTime : words.late) : s.status === 'late' ? words.late : words.notSubmitted}</td>
      <td>${s.submittedAt ? formatDate(s.submittedAt, options.language) : '–'}</td>
      <td class="n">${s.answered} / ${s.total}</td>
      <td class="n">${s.daysLate}</td>
      <td class="n">${s.remindersSent}</td>
      <td class="n">${s.extensions}</td>
    </tr>`,
)}
</tbody></table>
${
  trend.length > 0
    ? html`<h2>${words.trend}</h2>
        ${trendChart(trend, words, options.language)}`
    : ''
}
</body></html>`.value;
}

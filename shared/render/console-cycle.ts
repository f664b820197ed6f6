import type { CycleReport } from '../domain/report';
import { LANGUAGES, type Language } from '../domain/states';
import type { AuditPage, SnapshotRecord } from '../domain/records';
import type { CycleStatusView, StateStatusLine } from '../usecases/view-models';
import { html, raw, type Raw } from './html';
import { fieldProblems, messages, scrollRegion } from './console-parts';
import { legend, responseChart, stackedBar } from './report-html';
import { REPORT_WORDS } from './report-words';

/** A state's status as the console words it. */
export const STATUS_LABELS: Record<StateStatusLine['status'], string> = {
  pending: 'not invited yet',
  invited: 'invited',
  opened: 'opened',
  in_progress: 'in progress',
  submitted: 'submitted',
  in_review: 'in review',
  returned: 'returned',
  resubmitted: 'resubmitted',
  accepted: 'accepted',
  late: 'late',
};

export const LATENESS = {
  overdue: 'overdue, not submitted',
  'due-soon': 'due within 7 days',
  'submitted-late': 'submitted late',
} as const;

export const SORTS = {
  state: 'state',
  status: 'status',
  answered: 'fewest answered first',
  deadline: 'soonest deadline first',
} as const;

/** How the state table is filtered and sorted: the query of the cycle page (a plain GET, so it works without script). */
export interface StateTableView {
  status?: StateStatusLine['status'];
  lang?: Language;
  late?: keyof typeof LATENESS;
  sort: keyof typeof SORTS;
}

/** The view asked for in a query; anything unknown is ignored rather than refused. */
export function stateTableView(query: Record<string, string | undefined>): StateTableView {
  const pick = <T extends string>(value: string | undefined, allowed: readonly T[]) =>
    allowed.includes(value as T) ? (value as T) : undefined;
  return {
    status: pick(query.status, Object.keys(STATUS_LABELS) as StateStatusLine['status'][]),
    lang: pick(query.lang, LANGUAGES),
    late: pick(query.late, Object.keys(LATENESS) as (keyof typeof LATENESS)[]),
    sort: pick(query.sort, Object.keys(SORTS) as (keyof typeof SORTS)[]) ?? 'state',
  };
}

const DAY = 86_400_000;
const STATUS_ORDER = Object.keys(STATUS_LABELS);

function lateness(s: StateStatusLine, now: string): keyof typeof LATENESS | undefined {
  if (s.submittedAt) return s.submittedAt > s.deadline ? 'submitted-late' : undefined;
  if (s.deadline < now) return 'overdue';
  return Date.parse(s.deadline) - Date.parse(now) <= 7 * DAY ? 'due-soon' : undefined;
}

/** The states the table shows, filtered and sorted as the view asks. */
export function stateTableRows(
  states: StateStatusLine[],
  view: StateTableView,
  languages: Record<string, Language>,
  now: string,
): StateStatusLine[] {
  const compare: Record<StateTableView['sort'], (a: StateStatusLine, b: StateStatusLine) => number> = {
    state: (a, b) => a.name.localeCompare(b.name),
    status: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.name.localeCompare(b.name),
    answered: (a, b) => a.answered / (a.total || 1) - b.answered / (b.total || 1) || a.name.localeCompare(b.name),
    deadline: (a, b) => a.deadline.localeCompare(b.deadline) || a.name.localeCompare(b.name),
  };
  return states
    .filter((s) => !view.status || s.status === view.status)
    .filter((s) => !view.lang || languages[s.code] === view.lang)
    .filter((s) => !view.late || lateness(s, now) === view.late)
    .sort(compare[view.sort]);
}

function viewQuery(view: StateTableView, change: Partial<StateTableView> = {}): string {
  const merged = { ...view, ...change };
  const params = new URLSearchParams();
  for (const key of ['status', 'lang', 'late', 'sort'] as const) {
    const value = merged[key];
    if (value && !(key === 'sort' && value === 'state')) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

const date = (iso: string) => iso.slice(0, 10);
const hidden = (text: string) => html`<span class="vh">${text}</span>`;

/** What the state asked for and what was granted: a request granted shows as resolved, never as pending. */
function requestCell(s: StateStatusLine): Raw {
  const last = s.extensions.at(-1);
  return html`${
    s.extensionRequest
      ? html`<p class="request">
          <strong>Asks for more time</strong>, until
          ${date(s.extensionRequest.proposedDeadline)}${s.extensionRequest.reason ? `: “${s.extensionRequest.reason}”` : ''}
        </p>`
      : ''
  }${
    last
      ? html`<p class="meta">
          Extended from ${date(last.from)} to ${date(last.deadline)}${last.reason ? ` (${last.reason})` : ''}; granted
        </p>`
      : ''
  }`;
}

function emailCell(s: StateStatusLine): Raw {
  return html`${s.remindersSent} reminder${s.remindersSent === 1 ? '' : 's'}
  sent${
    s.lastEmail ? html`<br /><span class="meta">Last: ${s.lastEmail.kind.replace(/_/g, ' ')}, ${s.lastEmail.result}</span>` : ''
  }${s.nextReminderAt ? html`<br /><span class="meta">Next: ${date(s.nextReminderAt)}</span>` : ''}${
    s.emailHealth.undeliverable.length
      ? html`<br /><span class="badge late">Undeliverable: ${s.emailHealth.undeliverable.join(', ')}</span>`
      : ''
  }${s.linkRevoked ? html`<br /><span class="badge late">Links revoked</span>` : ''}`;
}

const HANDED_IN = ['submitted', 'in_review', 'resubmitted', 'accepted'];

/** An Extend form the server refused: what was typed, and the problem beside its field. */
export interface RefusedExtension {
  field: 'deadline' | 'reason';
  deadline: string;
  reason: string;
  message?: string;
}

/**
 * The menu of one row: every action names its state, so that a list of buttons reads "Remind Jamaica",
 * not "Remind now" 32 times. A refused Extend comes back open, with what was typed.
 */
function actionsMenu(cycleId: string, s: StateStatusLine, view: StateTableView, refused?: RefusedExtension): Raw {
  const base = `/console/cycles/${encodeURIComponent(cycleId)}/states/${encodeURIComponent(s.code)}`;
  const back = html`<input type="hidden" name="view" value="${viewQuery(view)}" />`;
  const post = (action: string, label: Raw, kind = 'secondary') =>
    html`<form method="post" action="${base}/${action}">${back}<button type="submit" class="${kind}">${label}</button></form>`;
  const handedIn = HANDED_IN.includes(s.status);
  const marks = fieldProblems(
    refused?.message ? { [`${refused.field === 'deadline' ? 'ext' : 'reason'}-${s.code}`]: refused.message } : {},
  );
  return html`<details class="menu" ${refused ? raw(' open') : ''}>
    <summary>Actions${hidden(` for ${s.name}`)}</summary>
    <div class="menu-body">
      ${
        handedIn
          ? html`<a class="button-link" href="${base}/review">Review${hidden(` ${s.name}'s answers`)}</a>
              ${post('reopen', html`Reopen${hidden(` ${s.name}'s report`)}…`)}`
          : html`<form method="post" action="${base}/extension" class="stack">
                ${back}
                <label for="ext-${s.code}">New deadline${hidden(` for ${s.name}`)}</label>
                <input
                  type="date"
                  id="ext-${s.code}"
                  name="deadline"
                  required
                  min="${date(s.deadline)}"
                  value="${refused?.deadline ?? ''}"
                  ${marks.attributes(`ext-${s.code}`)}
                />${marks.beside(`ext-${s.code}`)}
                <label for="reason-${s.code}">Reason${hidden(` for ${s.name}'s extension`)} (optional)</label>
                <input
                  type="text"
                  id="reason-${s.code}"
                  name="reason"
                  maxlength="1000"
                  value="${refused?.reason ?? ''}"
                  ${marks.attributes(`reason-${s.code}`)}
                />${marks.beside(`reason-${s.code}`)}
                <button type="submit">Extend${hidden(` ${s.name}'s deadline`)}</button>
              </form>
              ${s.linkRevoked ? '' : post('remind', html`Remind ${s.name}`)}`
      }
      ${post('link/rotate', html`New link${hidden(` for ${s.name}`)}…`)}
      ${s.linkRevoked ? '' : post('link/revoke', html`Revoke${hidden(` ${s.name}'s`)} links…`)}
    </div>
  </details>`;
}

function stateRow(
  cycleId: string,
  s: StateStatusLine,
  view: StateTableView,
  languages: Record<string, Language>,
  rowNotice?: Raw,
  refused?: RefusedExtension,
): Raw {
  return html`<tr id="row-${s.code}">
      <th scope="row">${s.name}<br /><span class="meta">${s.code} · ${languages[s.code] ?? ''}</span></th>
      <td><span class="badge ${s.status}">${STATUS_LABELS[s.status]}</span>${requestCell(s)}</td>
      <td class="n">${s.answered} / ${s.total}</td>
      <td class="date">${date(s.deadline)}${s.extensions.length ? html`<br /><span class="meta">extended</span>` : ''}</td>
      <td class="emails">${emailCell(s)}</td>
      <td class="actions-cell">${actionsMenu(cycleId, s, view, refused)}</td>
    </tr>
    ${
      rowNotice?.value
        ? html`<tr class="row-notice">
            <td colspan="6">${rowNotice}</td>
          </tr>`
        : ''
    }`;
}

function sortHeader(label: string, key: StateTableView['sort'], view: StateTableView, cycleId: string): Raw {
  const sorted = view.sort === key;
  return html`<th scope="col" ${sorted ? raw(' aria-sort="ascending"') : ''}>
    <a href="/console/cycles/${encodeURIComponent(cycleId)}${viewQuery(view, { sort: key })}#states">${label}</a>
  </th>`;
}

function filters(cycleId: string, view: StateTableView): Raw {
  const options = (entries: [string, string][], chosen: string | undefined, any: string) =>
    html`<option value="">${any}</option>
      ${entries.map(([value, label]) => html`<option value="${value}" ${chosen === value ? raw(' selected') : ''}>${label}</option>`)}`;
  return html`<form
    method="get"
    action="/console/cycles/${encodeURIComponent(cycleId)}#states"
    class="filters"
    aria-label="Filter and sort the states"
  >
    <div>
      <label class="block" for="filter-status">Status</label>
      <select id="filter-status" name="status">
        ${options(Object.entries(STATUS_LABELS), view.status, 'any status')}
      </select>
    </div>
    <div>
      <label class="block" for="filter-lang">Language</label>
      <select id="filter-lang" name="lang">
        ${options(
          LANGUAGES.map((l) => [l, l]),
          view.lang,
          'any language',
        )}
      </select>
    </div>
    <div>
      <label class="block" for="filter-late">Lateness</label>
      <select id="filter-late" name="late">
        ${options(Object.entries(LATENESS), view.late, 'any')}
      </select>
    </div>
    <div>
      <label class="block" for="filter-sort">Sort by</label>
      <select id="filter-sort" name="sort">
        ${Object.entries(SORTS).map(([value, label]) => html`<option value="${value}" ${view.sort === value ? raw(' selected') : ''}>${label}</option>`)}
      </select>
    </div>
    <div><button type="submit" class="secondary">Show</button></div>
  </form>`;
}

export interface CycleBodyOptions {
  status: CycleStatusView;
  /** The response figures, from the cycle's counts. */
  response: CycleReport['response'];
  /** The answers by mandate, aggregated live; absent for a cycle too large to aggregate on each view. */
  byMandate?: CycleReport['byMandate'];
  snapshots: (SnapshotRecord & { downloads: Record<string, string> })[];
  audit: AuditPage;
  view: StateTableView;
  languages: Record<string, Language>;
  /** When the page was read, shown as "updated at" beside the refresh link. */
  now: string;
  notice?: string;
  error?: string;
  /** The state an action came from: its outcome is shown on its row, where the page returns. */
  row?: string;
  /** A refused Extend of that row: its form comes back open, the problem beside its field. */
  refusedExtension?: RefusedExtension;
}

export function cycleBody(options: CycleBodyOptions): Raw {
  const { status, view } = options;
  const report = { response: options.response };
  const words = REPORT_WORDS.en;
  const id = status.cycle.id;
  const shown = stateTableRows(status.states, view, options.languages, options.now);
  const rowKnown = options.row && shown.some((s) => s.code === options.row);
  const outcome = messages(options.notice, options.error);
  return html`${rowKnown ? '' : outcome}
    <section aria-labelledby="summary">
      <h2 id="summary">${status.cycle.title}</h2>
      <p>
        Status: <span class="badge">${status.cycle.status}</span> · opens ${date(status.cycle.opensAt)} · deadline
        ${date(status.cycle.deadline)} · ${status.cycle.mandateCount} mandates · ${status.cycle.stateCount} states
      </p>
      <dl class="facts" id="totals">
        <dt>Invited</dt>
        <dd>${report.response.invited}</dd>
        <dt>Submitted</dt>
        <dd id="total-submitted">${report.response.submitted}</dd>
        <dt>On time / late</dt>
        <dd>${report.response.onTime} / ${report.response.late}</dd>
        <dt>Response rate</dt>
        <dd id="response-rate">${Math.round(report.response.responseRate * 100)}%</dd>
        <dt>Extensions granted</dt>
        <dd>${report.response.extensionsGranted}</dd>
      </dl>
      <div class="chart-box">${responseChart(report, words)}</div>
    </section>
    <section aria-labelledby="states">
      <h2 id="states">States</h2>
      <p class="meta" id="updated">
        Updated at ${options.now.slice(11, 16)} UTC on ${date(options.now)} ·
        <a href="/console/cycles/${encodeURIComponent(id)}${viewQuery(view)}#states">Refresh</a>
      </p>
      ${filters(id, view)}
      <p class="meta">
        Showing ${shown.length} of ${status.states.length} states. Each row's Actions menu extends, reminds, reopens or sends a new link.
      </p>
      ${scrollRegion(
        'Table of the states',
        html`<table id="state-table">
          <thead>
            <tr>
              ${sortHeader('State', 'state', view, id)} ${sortHeader('Status', 'status', view, id)}
              ${sortHeader('Answered', 'answered', view, id)} ${sortHeader('Deadline', 'deadline', view, id)}
              <th scope="col">Emails</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            ${shown.map((s) => {
              if (s.code !== options.row) return stateRow(id, s, view, options.languages);
              const refused = options.refusedExtension && { ...options.refusedExtension, message: options.error };
              return refused
                ? stateRow(id, s, view, options.languages, messages(options.notice), refused)
                : stateRow(id, s, view, options.languages, outcome);
            })}
          </tbody>
        </table>`,
      )}
    </section>
    <section aria-labelledby="downloads">
      <h2 id="downloads">Download the report</h2>
      <form method="get" action="/console/cycles/${id}/report" class="filters">
        <div>
          <label class="block" for="format">Format</label
          ><select id="format" name="format">
            <option value="html">Printable (HTML)</option>
            <option value="csv">CSV</option>
            <option value="xlsx">Excel (XLSX)</option>
            <option value="json">JSON</option>
          </select>
        </div>
        <div>
          <label class="block" for="lang">Language</label
          ><select id="lang" name="lang">
            ${LANGUAGES.map((l) => html`<option value="${l}">${l}</option>`)}
          </select>
        </div>
        <div>
          <label class="block" for="scope">Count</label
          ><select id="scope" name="scope">
            <option value="submitted">submitted reports</option>
            <option value="all">every saved answer</option>
          </select>
        </div>
        <div><button type="submit">Download</button></div>
      </form>
      <p class="actions">
        ${['html', 'csv', 'xlsx', 'json'].map((f) => html`<a class="button secondary" href="/console/cycles/${id}/report?format=${f}&amp;lang=en">${f.toUpperCase()}</a> `)}
      </p>
      ${
        options.snapshots.length
          ? html`<h3>Snapshots</h3>
              <ul>
                ${options.snapshots.map((s) => html`<li>${s.generatedAt.slice(0, 16).replace('T', ' ')} (${s.kind}): ${Object.entries(s.downloads).map(([f, url]) => html`<a href="${url}">${f}</a> `)}</li>`)}
              </ul>`
          : ''
      }
    </section>
    <section aria-labelledby="by-mandate">
      <h2 id="by-mandate">By mandate (submitted reports)</h2>
      ${
        options.byMandate
          ? html`${legend(words)}
            ${scrollRegion(
              'Table of the answers by mandate',
              html`<table>
                <tbody>
                  ${options.byMandate.map(
                    (m) =>
                      html`<tr>
                        <td>${m.label}. ${m.document} (${m.year})</td>
                        <td class="bar">${stackedBar(m.counts, 260, 14, words)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`,
            )}`
          : html`<p>
              This cycle has ${status.cycle.stateCount * status.cycle.mandateCount} answers to count: too many to add up on every view. The
              answers by mandate are in the report files below (an export builds them in the background) and in the weekly snapshots.
            </p>`
      }
    </section>
    <section aria-labelledby="audit">
      <h2 id="audit">Audit trail</h2>
      ${scrollRegion(
        'Table of the audit trail',
        html`<table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">State</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            ${options.audit.entries.map(
              (e) =>
                html`<tr>
                  <td>${e.at.slice(0, 19).replace('T', ' ')}</td>
                  <td>${e.actor}</td>
                  <td>${e.action}</td>
                  <td>${e.stateCode ?? ''}</td>
                  <td class="details">${e.details ? JSON.stringify(e.details) : ''}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
      )}
      ${options.audit.cursor ? html`<p><a href="/console/cycles/${id}?audit=${options.audit.cursor}#audit">Older entries</a></p>` : ''}
    </section>`;
}

/** Asks before an action that cuts a state off, saying what will happen; without script, as its own page. */
export function confirmActionBody(options: {
  cycleId: string;
  code: string;
  action: string;
  question: string;
  consequence: string;
  yes: string;
  view: string;
}): Raw {
  const cycle = `/console/cycles/${encodeURIComponent(options.cycleId)}`;
  return html`<section aria-labelledby="confirm">
    <h2 id="confirm">${options.question}</h2>
    <p>${options.consequence}</p>
    <form method="post" action="${cycle}/states/${encodeURIComponent(options.code)}/${options.action}" class="actions">
      <input type="hidden" name="confirmed" value="yes" /><input type="hidden" name="view" value="${options.view}" />
      <button type="submit">${options.yes}</button>
      <a class="button secondary" href="${cycle}${options.view}#row-${options.code}">Cancel</a>
    </form>
  </section>`;
}

import type { Cycle } from '../domain/cycles';
import { LANGUAGES } from '../domain/states';
import type { Summit } from '../domain/summits';
import type { StoredState } from '../domain/records';
import type { MandateLine } from '../usecases/view-models';
import { fieldProblems, messages as message, scrollRegion } from './console-parts';
import { BASE_CSS, html, raw, type Raw } from './html';

const CONSOLE_CSS = `${BASE_CSS}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d5dd;padding:.35rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}td.n{text-align:right}
.inline{display:inline-flex;gap:.25rem;align-items:center;margin:.1rem 0}
.inline input[type=date]{width:auto;padding:.2rem}
.inline button{padding:.2rem .5rem;font-size:.85rem}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;background:#e4e7ec}
.badge.submitted{background:#d1fadf}.badge.late{background:#fee4e2}.badge.in_progress,.badge.opened{background:#fef0c7}
.notice{background:#ecfdf3;border:1px solid #abefc6;padding:.5rem}.problem-box{background:#fef3f2;border:1px solid #fecdca;padding:.5rem}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}.legend li{display:flex;gap:.3rem;align-items:center}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(14rem,100%),1fr));gap:.5rem 1rem}
main{max-width:76rem}
select,input,textarea{max-width:100%}
fieldset{min-width:0}.grid>*{min-width:0}
.scroll{overflow-x:auto;max-width:100%;position:relative}.scroll:focus-visible{outline:3px solid #f79009}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
svg.chart{max-width:100%;height:auto}.chart-box{max-width:100%;overflow:hidden}td.bar svg{max-width:100%;height:auto}
td.details{overflow-wrap:anywhere;min-width:12rem}
.field-problem{color:#b42318;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border:2px solid #b42318}
fieldset[aria-describedby]{border:2px solid #b42318}
.problem-box{margin:0 0 1rem}.problem-box ul{margin:.25rem 0}.problem-box a{color:#912018}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:.5rem 0}
.filters>div{min-width:0;max-width:100%}.filters select{padding:.35rem;font:inherit}
#state-table th[scope=row]{font-weight:600;min-width:8rem;position:sticky;left:0;z-index:1}
#state-table td.actions-cell{width:15rem}#state-table td.date{white-space:nowrap}#state-table td.emails{min-width:11rem}
#state-table .request{margin:.25rem 0 0;font-size:.9rem}
#state-table p.meta{margin:.25rem 0 0}
details.menu summary{cursor:pointer;display:inline-block;padding:.3rem .6rem;border:1px solid #0b3d6b;border-radius:4px;color:#0b3d6b;background:#fff}
details.menu[open] summary{background:#0b3d6b;color:#fff}
.menu-body{display:flex;flex-direction:column;gap:.4rem;margin-top:.4rem}
.menu-body form{margin:0}.menu-body button{width:100%;padding:.3rem .5rem;font-size:.9rem}
form.stack{display:flex;flex-direction:column;gap:.15rem}
form.stack input{padding:.3rem}
tr.row-notice td{background:#ecfdf3}tr.row-notice p{margin:0}
footer{max-width:76rem;margin:0 auto;padding:0 1rem 2rem;color:#475467;font-size:.9rem}
.working{font-weight:600}
@media (max-width:40rem){main{padding:.5rem}section{padding:.75rem}header h1{font-size:1.25rem}}
`;

export function consolePage(options: { title: string; nonce: string; body: Raw; signedIn: boolean; contactEmail?: string }): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${options.title} · Summits Secretariat</title>
        <style nonce="${options.nonce}">
          ${raw(CONSOLE_CSS)}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to the content</a>
        <header>
          <p class="org">Summits of the Americas · Secretariat</p>
          <h1>${options.title}</h1>
          ${
            options.signedIn
              ? html`<nav aria-label="Console">
                  <a href="/console">Cycles</a><a href="/console/cycles/new">Open a cycle</a><a href="/console/states">States</a>
                  <form method="post" action="/console/sign-out" class="inline">
                    <button type="submit" class="secondary">Sign out</button>
                  </form>
                </nav>`
              : ''
          }
        </header>
        <main id="main">${options.body}</main>
        <footer>
          ${
            options.contactEmail
              ? html`<p>
                  Questions or problems: write to the secretariat at <a href="mailto:${options.contactEmail}">${options.contactEmail}</a>.
                </p>`
              : ''
          }
        </footer>
      </body>
    </html>`.value;
}

/** The steps of signing in through Cognito: password, a new password, an authenticator code, or setting one up. */
export function cognitoSignInBody(
  step: { kind: 'password' | 'new_password' | 'totp' | 'mfa_setup'; username?: string; session?: string; secret?: string },
  error?: string,
): Raw {
  const hidden =
    step.kind === 'password'
      ? ''
      : html`<input type="hidden" name="username" value="${step.username}" /><input
            type="hidden"
            name="session"
            value="${step.session}"
          />`;
  const fields = {
    password: html`<label class="block" for="email">Email</label
      ><input type="text" id="email" name="email" autocomplete="username" required /> <label class="block" for="password">Password</label
      ><input type="password" id="password" name="password" autocomplete="current-password" required />`,
    new_password: html`<p>Choose your own password: at least 14 characters, with upper and lower case letters, digits and symbols.</p>
      <label class="block" for="newPassword">New password</label
      ><input type="password" id="newPassword" name="newPassword" autocomplete="new-password" required minlength="14" />`,
    totp: html`<label class="block" for="code">Code from your authenticator app</label
      ><input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required pattern="[0-9]{6}" />`,
    mfa_setup: html`<p>
        Add this key to your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password …), then type the code it shows.
      </p>
      <p><code id="secret">${step.secret}</code></p>
      <p><code>otpauth://totp/Summits%20Secretariat:${step.username}?secret=${step.secret}&amp;issuer=Summits%20Secretariat</code></p>
      <label class="block" for="code">Code from your authenticator app</label
      ><input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required pattern="[0-9]{6}" />`,
  }[step.kind];
  return html`<section aria-labelledby="sign-in">
    <h2 id="sign-in">Sign in</h2>
    ${error ? html`<p class="problem-box" role="alert">${error}</p>` : ''}
    <form method="post" action="/console/sign-in">
      <input type="hidden" name="step" value="${step.kind}" />${hidden}${fields}
      <p><button type="submit">Continue</button></p>
    </form>
  </section>`;
}

/** A page that says what went wrong and where to go instead (a state or cycle that is not there, say). */
export function problemBody(heading: string, explanation: string): Raw {
  return html`<section aria-labelledby="problem">
    <h2 id="problem">${heading}</h2>
    <p>${explanation}</p>
    <p class="actions"><a href="/console">Reporting cycles</a> <a href="/console/states">Member states</a></p>
  </section>`;
}

export function signInBody(error?: string): Raw {
  return html`<section aria-labelledby="sign-in">
    <h2 id="sign-in">Sign in</h2>
    ${error ? html`<p class="problem-box" role="alert">${error}</p>` : ''}
    <form method="post" action="/console/sign-in">
      <label class="block" for="token">Secretariat token</label>
      <input type="password" id="token" name="token" autocomplete="current-password" required />
      <p><button type="submit">Sign in</button></p>
    </form>
  </section>`;
}

export function cyclesBody(cycles: Omit<Cycle, 'mandateIds'>[], notice?: string, error?: string): Raw {
  return html`${message(notice, error)}
    <section aria-labelledby="cycles">
      <h2 id="cycles">Reporting cycles</h2>
      <p>
        <a href="/console/mandates/import">Import mandates</a>: paste or upload a page of the summit site, preview what changes, apply it.
      </p>
      ${cycles.length === 0 ? html`<p>No cycle yet. <a href="/console/cycles/new">Open the first one.</a></p>` : ''}
      ${scrollRegion(
        'Table of the reporting cycles',
        html`<table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Opens</th>
              <th scope="col">Deadline</th>
              <th scope="col">States</th>
              <th scope="col">Mandates</th>
            </tr>
          </thead>
          <tbody>
            ${cycles.map(
              (c) =>
                html`<tr>
                  <td><a href="/console/cycles/${c.id}">${c.title}</a></td>
                  <td><span class="badge">${c.status}</span></td>
                  <td>${c.opensAt.slice(0, 10)}</td>
                  <td>${c.deadline.slice(0, 10)}</td>
                  <td class="n">${c.stateCount}</td>
                  <td class="n">${c.mandateCount}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
      )}
    </section>`;
}

/** What the new-cycle form holds, as typed: given back whole when something is refused. */
export interface NewCycleTyped {
  title: string;
  summit: string;
  document: string;
  states: string[];
  opensAt: string;
  deadline: string;
  daysBefore: string;
  overdueEveryDays: string;
  maxOverdue: string;
  everyMonths: string;
}

/** While the cycle opens (seconds for every state), the button says so; without script the browser's own progress shows. */
const OPENING_SCRIPT = `(() => {
  const form = document.getElementById('new-cycle-form');
  const button = document.getElementById('open-cycle');
  const status = document.getElementById('opening-status');
  if (!form || !button || !status) return;
  form.addEventListener('submit', () => {
    button.setAttribute('aria-disabled', 'true');
    button.textContent = 'Opening the cycle…';
    status.textContent = 'Opening the cycle: writing a report for every state. This takes a few seconds; the cycle page opens when it is done.';
    form.setAttribute('aria-busy', 'true');
    form.addEventListener('submit', (event) => event.preventDefault());
  });
})();`;

export function newCycleBody(options: {
  summits: readonly Summit[];
  documents: string[];
  states: StoredState[];
  idempotencyKey: string;
  nonce: string;
  today: string;
  typed?: NewCycleTyped;
  problems?: Record<string, string>;
  error?: string;
}): Raw {
  const { today } = options;
  const typed = options.typed;
  const marks = fieldProblems(options.problems ?? {});
  const value = (name: Exclude<keyof NewCycleTyped, 'states'>, fallback = '') => typed?.[name] ?? fallback;
  const selected = (name: 'summit' | 'document', option: string) => (value(name) === option ? raw(' selected') : '');
  const ticked = (s: StoredState) => (typed ? typed.states.includes(s.code) : s.active);
  const text = (name: Exclude<keyof NewCycleTyped, 'states'>, label: string, extra: Raw = html``, fallback = '') =>
    html`<label class="block" for="${name}">${label}</label
      ><input
        type="text"
        id="${name}"
        name="${name}"
        value="${value(name, fallback)}"
        ${extra}
        ${marks.attributes(name)}
      />${marks.beside(name)}`;
  return html`${message(undefined, options.error)}${marks.summary}
    <section aria-labelledby="new-cycle">
      <h2 id="new-cycle">Open a reporting cycle</h2>
      <form method="post" action="/console/cycles" id="new-cycle-form">
        <input type="hidden" name="idempotencyKey" value="${options.idempotencyKey}" />
        ${text('title', 'Title', raw('required maxlength="200"'))}
        <fieldset>
          <legend>Mandates (all when no filter is chosen)</legend>
          ${marks.beside('summit')}
          <div class="grid">
            <div>
              <label class="block" for="summit">Summit</label
              ><select id="summit" name="summit" ${marks.attributes('summit')}>
                <option value="">Any summit</option>
                ${options.summits.map((s) => html`<option value="${s.id}" ${selected('summit', s.id)}>${s.city} ${s.year}</option>`)}
              </select>
            </div>
            <div>
              <label class="block" for="document">Instrument</label
              ><select id="document" name="document">
                <option value="">Any instrument</option>
                ${options.documents.map((d) => html`<option value="${d}" ${selected('document', d)}>${d}</option>`)}
              </select>
            </div>
          </div>
        </fieldset>
        <fieldset id="states" ${marks.describedBy('states')}>
          <legend>States</legend>
          ${marks.beside('states')}
          <div class="grid">
            ${options.states.map(
              (s) =>
                html`<label
                  ><input type="checkbox" name="states" value="${s.code}" ${ticked(s) ? raw(' checked') : ''} />
                  ${s.name}${s.active ? '' : ' (inactive)'}</label
                >`,
            )}
          </div>
        </fieldset>
        <div class="grid">
          <div>
            <label class="block" for="opensAt">Opens on (empty: now)</label
            ><input
              type="date"
              id="opensAt"
              name="opensAt"
              min="${today}"
              value="${value('opensAt')}"
              ${marks.attributes('opensAt')}
            />${marks.beside('opensAt')}
          </div>
          <div>
            <label class="block" for="deadline">Deadline</label
            ><input
              type="date"
              id="deadline"
              name="deadline"
              required
              min="${today}"
              value="${value('deadline')}"
              ${marks.attributes('deadline')}
            />${marks.beside('deadline')}
          </div>
        </div>
        <fieldset>
          <legend>Reminders</legend>
          <div class="grid">
            <div>${text('daysBefore', 'Days before the deadline', html``, '30, 14, 7, 1')}</div>
            <div>${text('overdueEveryDays', 'After it, every (days)', raw('inputmode="numeric"'), '7')}</div>
            <div>${text('maxOverdue', 'At most (overdue notices)', raw('inputmode="numeric"'), '3')}</div>
            <div>${text('everyMonths', 'Repeat every (months, empty: once)', raw('inputmode="numeric"'))}</div>
          </div>
        </fieldset>
        <p class="meta">Opening a cycle for every state takes a few seconds: the cycle page opens when it is done.</p>
        <p><button type="submit" id="open-cycle">Open the cycle</button></p>
        <p id="opening-status" class="working" role="status"></p>
      </form>
    </section>
    <script nonce="${options.nonce}">
      ${raw(OPENING_SCRIPT)};
    </script>`;
}

/** What an import of a page changes (the summary of `POST /api/mandates/import`). */
export interface ImportPreviewView {
  page: { name: string; theme: string; language: string; heading?: string; entries: number; translates?: string; replaces: string[] };
  counts: { added: number; revised: number; merged: number; translated: number; retired: number; unchanged: number };
  added: MandateLine[];
  revised: MandateLine[];
  merged: MandateLine[];
  translated: MandateLine[];
  retired: MandateLine[];
  unchanged: number;
  unmatched: { line: number; message: string }[];
  conflicts: { line: number; message: string }[];
  applied: boolean;
}

/** Reads a chosen file into the textarea (and its name into the name field); without it, the page is pasted. */
const IMPORT_SCRIPT = `(() => {
  const field = document.getElementById('file-field');
  const file = document.getElementById('page-file');
  const text = document.getElementById('text');
  const name = document.getElementById('name');
  const status = document.getElementById('file-status');
  if (!field || !file || !text || !name || !status || !window.FileReader) return;
  field.hidden = false;
  file.addEventListener('change', () => {
    const chosen = file.files && file.files[0];
    if (!chosen) return;
    if (chosen.size > 200 * 1024) {
      status.textContent = 'That file is larger than 200 KB.';
      file.value = '';
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const content = String(reader.result).replace(/^\\uFEFF/, '');
      text.value = content;
      if (!name.value) {
        name.value = chosen.name.replace(/\\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 100);
      }
      status.textContent = 'Read ' + chosen.name + ': ' + content.split('\\n').length + ' lines.';
    };
    reader.onerror = () => {
      status.textContent = 'That file could not be read.';
    };
    reader.readAsText(chosen, 'utf-8');
  });
})();`;

/** The HTML parser drops a newline right after <textarea>: this one, so that a page's own first line is never lost. */
const TEXTAREA_START = raw('\n');

/** The form to import a page: its name, its text (pasted, or read from a file by the script), and what a page may be. */
export function importMandatesBody(options: {
  nonce: string;
  name?: string;
  text?: string;
  translates?: string;
  error?: string;
  problems?: { page: string; line: number; message: string }[];
}): Raw {
  const problems = options.problems ?? [];
  return html`${message(undefined, options.error)}
    ${
      problems.length > 0
        ? html`<section aria-labelledby="problems" class="problem-box">
            <h2 id="problems">The page has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written</h2>
            <ul>
              ${problems.map((p) => html`<li>${p.page === options.name ? '' : `${p.page}, `}line ${p.line}: ${p.message}</li>`)}
            </ul>
          </section>`
        : ''
    }
    <section aria-labelledby="import">
      <h2 id="import">Import a page of mandates</h2>
      <p>
        A page of the "Follow-up and Implementation: Mandates" site, in any of the four languages. A page takes the place of the page of the
        same name imported before (and of the page of the same theme in the same language). You see what changes before anything is written.
      </p>
      <form method="post" action="/console/mandates/import">
        <label class="block" for="name"
          >Name (letters, digits, ".", "_" or "-"; such as <code>labour</code> or <code>labour-es</code>)</label
        ><input
          type="text"
          id="name"
          name="name"
          required
          maxlength="100"
          pattern="[A-Za-z0-9][A-Za-z0-9._-]*"
          value="${options.name ?? ''}"
        />
        <div id="file-field" hidden>
          <label class="block" for="page-file">Read the page from a file (text, UTF-8)</label
          ><input type="file" id="page-file" accept=".txt,text/plain" />
          <p id="file-status" class="status-line" role="status"></p>
        </div>
        <label class="block" for="text">The page (paste it here)</label
        ><textarea id="text" name="text" required rows="16">${TEXTAREA_START}${options.text ?? ''}</textarea>
        <label class="block" for="translates"
          >For a page in another language: the name of the page it translates (when its name does not say)</label
        ><input type="text" id="translates" name="translates" maxlength="100" value="${options.translates ?? ''}" />
        <p><button type="submit">Preview</button></p>
      </form>
    </section>
    <script nonce="${options.nonce}">
      ${raw(IMPORT_SCRIPT)};
    </script>`;
}

function importedList(title: string, id: string, lines: MandateLine[], total: number, extra: (m: MandateLine) => string): Raw {
  if (total === 0) return html``;
  return html`<section aria-labelledby="${id}">
    <h2 id="${id}">${title} (${total})</h2>
    ${scrollRegion(
      `Table of the ${title.toLowerCase()} mandates`,
      html`<table>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Instrument</th>
            <th scope="col">Text</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map(
            (m) =>
              html`<tr>
                <td><code>${m.id}</code></td>
                <td>${m.document}, ${m.year} (${m.label})</td>
                <td>${m.text}</td>
                <td>${extra(m)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}
    ${lines.length < total ? html`<p class="meta">The first ${lines.length} of ${total}.</p>` : ''}
  </section>`;
}

/**
 * What importing a page changes: the counts, each list, and (before it is applied) an Apply button that
 * posts the very same text again with apply=1, and a button to go back to the form with it.
 */
export function importPreviewBody(options: { preview: ImportPreviewView; text: string; translates?: string }): Raw {
  const { preview, text } = options;
  const { page, counts } = preview;
  const carried = html`<input type="hidden" name="name" value="${page.name}" /><input type="hidden" name="text" value="${text}" />${
      options.translates ? html`<input type="hidden" name="translates" value="${options.translates}" />` : ''
    }`;
  const nothing = counts.added + counts.revised + counts.merged + counts.translated + counts.retired === 0;
  return html`${
      preview.applied
        ? html`<p class="notice" role="status">
            Applied: ${counts.added} added, ${counts.revised} revised, ${counts.merged} merged, ${counts.translated} translated,
            ${counts.retired} retired, ${counts.unchanged} unchanged.
          </p>`
        : ''
    }
    <section aria-labelledby="page">
      <h2 id="page">${preview.applied ? 'Imported' : 'Preview of'} ${page.name}</h2>
      <dl class="facts">
        <dt>Theme</dt>
        <dd>${page.theme}${page.heading ? ` (${page.heading})` : ''}</dd>
        <dt>Language</dt>
        <dd>${page.language}</dd>
        <dt>Entries</dt>
        <dd>${page.entries}</dd>
        ${
          page.translates
            ? html`<dt>Translates</dt>
                <dd>${page.translates}</dd>`
            : ''
        }
        ${
          page.replaces.length
            ? html`<dt>Takes the place of</dt>
                <dd>${page.replaces.join(', ')}</dd>`
            : ''
        }
      </dl>
      <table>
        <caption>
          What changes
        </caption>
        <tbody>
          <tr>
            <th scope="row">Added</th>
            <td class="n">${counts.added}</td>
          </tr>
          <tr>
            <th scope="row">Revised</th>
            <td class="n">${counts.revised}</td>
          </tr>
          <tr>
            <th scope="row">Merged (gain a theme)</th>
            <td class="n">${counts.merged}</td>
          </tr>
          <tr>
            <th scope="row">Translated (gain texts)</th>
            <td class="n">${counts.translated}</td>
          </tr>
          <tr>
            <th scope="row">Retired (left the page; kept, offered for no new cycle)</th>
            <td class="n">${counts.retired}</td>
          </tr>
          <tr>
            <th scope="row">Unchanged</th>
            <td class="n">${counts.unchanged}</td>
          </tr>
        </tbody>
      </table>
      ${
        preview.applied
          ? html`<p><a href="/console/mandates/import">Import another page</a> · <a href="/console">Cycles</a></p>`
          : html`<div class="actions">
              <form method="post" action="/console/mandates/import">
                ${carried}<input type="hidden" name="apply" value="1" /><button type="submit">
                  ${nothing ? 'Apply (nothing changes)' : 'Apply'}
                </button>
              </form>
              <form method="post" action="/console/mandates/import">
                ${carried}<input type="hidden" name="edit" value="1" /><button type="submit" class="secondary">Change the page</button>
              </form>
            </div>`
      }
    </section>
    ${importedList('Added', 'added', preview.added, counts.added, (m) => (m.restored ? 'back in the catalogue' : 'new'))}
    ${importedList('Revised', 'revised', preview.revised, counts.revised, (m) => (m.changes ?? []).join(', '))}
    ${importedList('Merged', 'merged', preview.merged, counts.merged, (m) => `themes: ${m.themes.join(', ')} (new: ${(m.gainedThemes ?? []).join(', ')})`)}
    ${importedList('Translated', 'translated', preview.translated, counts.translated, (m) => `new texts: ${(m.gainedLanguages ?? []).join(', ')}`)}
    ${importedList('Retired', 'retired', preview.retired, counts.retired, () => 'no longer on the page')}
    ${
      preview.unmatched.length + preview.conflicts.length > 0
        ? html`<section aria-labelledby="unmatched">
            <h2 id="unmatched">Entries not matched</h2>
            <ul>
              ${preview.unmatched.map((n) => html`<li>line ${n.line}: ${n.message}</li>`)}
              ${preview.conflicts.map((n) => html`<li>line ${n.line}: ${n.message}</li>`)}
            </ul>
          </section>`
        : ''
    }`;
}

/** The state register: every state with its addresses, each with a link to edit it; CSV out and in. */
export function statesBody(states: StoredState[], notice?: string, error?: string): Raw {
  return html`${message(notice, error)}
    <section aria-labelledby="register">
      <h2 id="register">Member states and their focal points</h2>
      <p>
        The first address of a state is its coordinator; the others get copies.
        <a href="/console/states/export">Download the register (CSV)</a> ·
        <a href="/console/states/import">Import a register (CSV)</a>
      </p>
      ${scrollRegion(
        'Table of the member states',
        html`<table id="state-register">
          <thead>
            <tr>
              <th scope="col">State</th>
              <th scope="col">Language</th>
              <th scope="col">Active</th>
              <th scope="col">Coordinator</th>
              <th scope="col">Copies</th>
              <th scope="col">Undeliverable</th>
            </tr>
          </thead>
          <tbody>
            ${states.map(
              (s) =>
                html`<tr id="state-${s.code}">
                  <td><a href="/console/states/${s.code}">${s.name}</a> (${s.code})</td>
                  <td>${s.language}</td>
                  <td>${s.active ? 'yes' : 'no'}</td>
                  <td>${s.focalPoints[0] ?? '–'}</td>
                  <td>${s.focalPoints.slice(1).join(', ')}</td>
                  <td>${(s.bouncedAddresses ?? []).join(', ')}</td>
                </tr>`,
            )}
          </tbody>
        </table>`,
      )}
    </section>`;
}

/** One state's form: what is typed is kept when something is refused, and the problem sits beside its field. */
export function stateFormBody(state: StoredState, typed?: Record<string, string>, problems: Record<string, string> = {}): Raw {
  const value = (name: string, fallback: string) => typed?.[name] ?? fallback;
  const marks = fieldProblems(problems);
  const field = marks.attributes;
  const problem = marks.beside;
  const active = typed ? typed.active === 'on' : state.active;
  return html`${marks.summary}
    <section aria-labelledby="state-form">
      <h2 id="state-form">${state.name} (${state.code})</h2>
      <form method="post" action="/console/states/${state.code}">
        <label class="block" for="focalPoints">Focal points: one address a line, the coordinator first</label>
        <textarea id="focalPoints" name="focalPoints" rows="4" ${field('focalPoints')}>
${value('focalPoints', state.focalPoints.join('\n'))}</textarea>
        ${problem('focalPoints')}
        <label class="block" for="name">Name</label>
        <input id="name" name="name" value="${value('name', state.name)}" ${field('name')} />
        ${problem('name')}
        <label class="block" for="localName">Name in the state's language</label>
        <input id="localName" name="localName" value="${value('localName', state.localName)}" ${field('localName')} />
        ${problem('localName')}
        <label class="block" for="language">Language of its emails and pages</label>
        <select id="language" name="language">
          ${LANGUAGES.map((l) => html`<option value="${l}" ${value('language', state.language) === l ? raw(' selected') : ''}>${l}</option>`)}
        </select>
        <p>
          <input type="checkbox" id="active" name="active" ${active ? raw(' checked') : ''} />
          <label for="active">Active: invited to new cycles</label>
        </p>
        <label class="block" for="note">Note</label>
        <textarea id="note" name="note" rows="2" ${field('note')}>${value('note', state.note ?? '')}</textarea>
        ${problem('note')}
        <p><button type="submit">Save ${state.name}</button> <a href="/console/states">Back to the register</a></p>
      </form>
    </section>`;
}

/** The register import: paste a CSV, see what would change, apply. */
export function statesImportBody(options: {
  text: string;
  preview?: { changed: { code: string; fields: string[] }[]; unchanged: number };
  problems?: { line: number; message: string }[];
}): Raw {
  return html`<section aria-labelledby="register-import">
    <h2 id="register-import">Import the register</h2>
    <p>Columns: code (required), name, localName, language, active, focalPoints (separated by ;, the coordinator first), note.</p>
    ${
      options.problems?.length
        ? html`<div class="problem-box" role="alert">
            <p>Nothing was written: the file has ${options.problems.length} problem(s).</p>
            <ul>
              ${options.problems.map((p) => html`<li>Line ${p.line}: ${p.message}</li>`)}
            </ul>
          </div>`
        : ''
    }
    ${
      options.preview
        ? html`<div class="notice" role="status">
            <p>${options.preview.changed.length} state(s) would change, ${options.preview.unchanged} unchanged.</p>
            <ul>
              ${options.preview.changed.map((c) => html`<li>${c.code}: ${c.fields.join(', ')}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="/console/states/import">
      <label class="block" for="csv">The register as CSV</label>
      <textarea id="csv" name="csv" rows="12" required>${options.text}</textarea>
      <p>
        <button type="submit" name="step" value="preview" class="secondary">Preview</button>
        ${options.preview && options.preview.changed.length > 0 ? html`<button type="submit" name="step" value="apply">Apply these changes</button>` : ''}
      </p>
    </form>
  </section>`;
}

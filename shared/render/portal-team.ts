import { FILE_TYPES } from '../domain/evidence';
import type { Language } from '../domain/states';
import type { PortalItem, PortalView } from '../usecases/view-models';
import { formatDate } from './format';
import { html, jsonForScript, raw, type Raw } from './html';
import { richText } from './portal-fields';
import { dateTimeWithZone } from './portal-help';
import { TEAM_WORDS, type TeamWords } from './portal-team-words';
import type { PortalWords } from './portal-words';

/** The answering page's parts for many hands: the review, the thread, history, the chain, files, and the banners. */

export const TEAM_CSS = `
.review{border-left:4px solid #175cd3;background:#eff8ff;padding:.5rem .75rem;margin:.5rem 0;border-radius:4px}
.review.returned{border-color:#b42318;background:#fef3f2}
.review.accepted{border-color:#067647;background:#ecfdf3}
.review p{margin:.2rem 0}
.banner{border:2px solid #b54708;background:#fffaeb;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}
.banner.returned{border-color:#b42318;background:#fef3f2}
.banner h2{margin-top:0}
.carried-note{border-left:4px solid #175cd3;background:#eff8ff;padding:.4rem .75rem;margin:.5rem 0}
.changed-by,.extra{color:#344054;font-size:.9rem}
.extra h4{font-size:1rem;margin:.75rem 0 .25rem}
.thread ol{list-style:none;padding:0;margin:.25rem 0}
.thread li{border:1px solid #d0d5dd;border-radius:4px;padding:.4rem .6rem;margin:.3rem 0;background:#fff}
.thread li.secretariat{border-left:4px solid #b42318}
.thread .who{font-weight:600;margin:0 0 .2rem}
.upload{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.upload label{flex-basis:100%}
.upload input[type=file]{max-width:100%}
.yours{color:#067647;font-weight:600}
.team-list{list-style:none;padding:0}
.team-list li{border:1px solid #d0d5dd;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0;background:#fff}
.checks{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.25rem 1rem}
.checks label{font-weight:400}
input[type=text],input[type=email]{width:100%;max-width:30rem;font:inherit;padding:.45rem;border:1px solid #667085;border-radius:4px}
`;

const sizeOf = (bytes: number, language: Language) => {
  const format = (n: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / 1024 / 1024)} MB`;
};

/** The secretariat's decision beside the answer: a returned one stands out, with its comment. */
export function reviewBlock(item: PortalItem, language: Language) {
  const review = item.answer?.review;
  if (!review) return '';
  const words = TEAM_WORDS[language];
  const returned = review.decision === 'returned';
  return html`<div class="review ${review.decision}" id="review-${item.mandate.id}">
    <p><strong>${returned ? words.reviewReturned : words.reviewAccepted}</strong> · ${formatDate(review.at, language)}</p>
    ${review.comment ? richText(review.comment) : ''}
  </div>`;
}

export function changedByLine(item: PortalItem, language: Language) {
  const a = item.answer;
  if (!a?.updatedBy || a.carriedForward) return '';
  return html`<p class="changed-by">${TEAM_WORDS[language].lastChanged(a.updatedBy, dateTimeWithZone(a.updatedAt, language))}</p>`;
}

/** "Carried from <cycle>: confirm or update", above the prefilled form. */
export function carriedNote(item: PortalItem, language: Language) {
  if (!item.answer?.carriedForward || !item.carriedFrom) return '';
  return html`<p class="carried-note" id="carried-${item.mandate.id}">${TEAM_WORDS[language].carriedNote(item.carriedFrom.title)}</p>`;
}

/** Saves the carried answer as it is (version 0): its own form, so that it works without JavaScript. */
export function confirmUnchangedForm(item: PortalItem, language: Language, back: string, which: Raw) {
  const a = item.answer;
  if (!a?.carriedForward) return '';
  return html`<form method="post" action="/api/assignment/answers/${item.mandate.id}" class="confirm-carried">
    <input type="hidden" name="version" value="0" />
    <input type="hidden" name="back" value="${back}" />
    <input type="hidden" name="status" value="${a.status ?? ''}" />
    <input type="hidden" name="narrative" value="${a.narrative}" />
    <input type="hidden" name="difficulties" value="${a.difficulties}" />
    ${a.evidence.map(
      (e) =>
        html`<input type="hidden" name="evidenceTitle" value="${e.title}" /><input type="hidden" name="evidenceUrl" value="${e.url}" />`,
    )}
    <button type="submit" class="secondary">${TEAM_WORDS[language].confirmUnchanged}${which}</button>
  </form>`;
}

function lineageBlock(item: PortalItem, words: TeamWords) {
  if (!item.lineage?.length) return '';
  return html`<h4>${words.lineage}</h4>
    <ul>
      ${item.lineage.map(
        (l) =>
          html`<li>
            ${words.kinds[l.kind]}: ${l.label ?? l.id}${l.document ? html` (${l.document}${l.year ? `, ${l.year}` : ''})` : ''}
          </li>`,
      )}
    </ul>`;
}

function historyBlock(item: PortalItem, words: TeamWords, portal: PortalWords) {
  if (!item.history?.length) return '';
  return html`<h4>${words.history}</h4>
    <ul>
      ${item.history.map((h) => html`<li>${h.title}: ${h.status ? portal.statuses[h.status] : portal.noAnswer}</li>`)}
    </ul>`;
}

function filesBlock(item: PortalItem, words: TeamWords, language: Language, editable: boolean, which: Raw) {
  const files = item.files ?? [];
  if (files.length === 0 && !editable) return '';
  const id = item.mandate.id;
  return html`<h4 id="files-title-${id}">${words.files}</h4>
    <ul class="files" id="files-${id}">
      ${files.map(
        (f) =>
          html`<li>
            <a href="/api/assignment/files/${f.id}" download="${f.name}">${f.name}</a>
            <span class="counts">(${sizeOf(f.size, language)})</span>
          </li>`,
      )}
    </ul>
    ${
      editable
        ? html`<p class="needs-script">${words.uploadNeedsScript}</p>
            <div class="upload" data-mandate="${id}" hidden>
              <label for="file-${id}">${words.chooseFile}</label>
              <input type="file" id="file-${id}" accept="${Object.keys(FILE_TYPES).join(',')}" />
              <button type="button" class="secondary upload-button">${words.upload}${which}</button>
              <progress max="100" value="0" hidden aria-label="${words.uploading}"></progress>
              <span class="upload-status" role="status" aria-live="polite"></span>
            </div>`
        : ''
    }`;
}

function threadBlock(item: PortalItem, words: TeamWords, language: Language, back: string, which: Raw) {
  const thread = item.comments ?? [];
  const id = item.mandate.id;
  const form = html`<form method="post" action="/api/assignment/answers/${id}/comments" class="reply">
    <input type="hidden" name="back" value="${back}" />
    <label class="block" for="reply-${id}">${words.yourMessage}</label>
    <textarea id="reply-${id}" name="text" required maxlength="2000"></textarea>
    <p><button type="submit" class="secondary">${words.send}${which}</button></p>
  </form>`;
  if (thread.length === 0 && !item.answer?.review)
    return html`<details class="thread">
      <summary>${words.writeToSecretariat}${which}</summary>
      ${form}
    </details>`;
  return html`<div class="thread" id="thread-${id}">
    <h4>${words.thread}</h4>
    <ol>
      ${thread.map(
        (c) =>
          html`<li class="${c.side}">
            <p class="who">${words.sides[c.side]} · ${c.author} · ${dateTimeWithZone(c.at, language)}</p>
            ${richText(c.text)}
          </li>`,
      )}
    </ol>
    ${form}
  </div>`;
}

/** What follows the answer: who changed it, its files, the chain, earlier cycles, and the thread with the secretariat. */
export function answerExtras(
  item: PortalItem,
  options: { language: Language; portal: PortalWords; editable: boolean; back: string; which: Raw },
) {
  const words = TEAM_WORDS[options.language];
  return html`${changedByLine(item, options.language)}
    <div class="extra">
      ${filesBlock(item, words, options.language, options.editable, options.which)} ${lineageBlock(item, words)}
      ${historyBlock(item, words, options.portal)} ${threadBlock(item, words, options.language, options.back, options.which)}
    </div>`;
}

/** At the top of the page: the answers sent back (with links), the new deadline; or a contributor's share of the report. */
export function banners(view: PortalView, options: { language: Language; href: (mandateId: string) => string }) {
  const { language } = options;
  const words = TEAM_WORDS[language];
  const parts: Raw[] = [];
  const back = view.assignment.lastReturn;
  if (view.assignment.status === 'returned' && back) {
    parts.push(
      html`<section class="banner returned" aria-labelledby="returned-title" id="returned-banner">
        <h2 id="returned-title">${words.returnedTitle}</h2>
        <ul>
          ${back.items.map((i) => html`<li><a href="${options.href(i.mandateId)}">${i.label}</a>: ${i.comment}</li>`)}
        </ul>
        ${back.more > 0 ? html`<p>${words.andMore(back.more)}</p>` : ''}
        <p><strong>${words.returnedHelp(formatDate(view.assignment.deadline, language))}</strong></p>
      </section>`,
    );
  }
  if (view.contributor) {
    parts.push(
      html`<section class="banner" aria-labelledby="contributor-title" id="contributor-banner">
        <h2 id="contributor-title">${words.contributorBanner(view.contributor.mandates.length, view.state.localName)}</h2>
        <p>${words.contributorHelp}</p>
      </section>`,
    );
  }
  return html`${parts}`;
}

/** The report's state after it is handed in, in words: submitted, in review, submitted again, accepted. */
export function reportStatusLine(view: PortalView, language: Language) {
  const status = view.assignment.status;
  const words = TEAM_WORDS[language];
  if (status !== 'submitted' && status !== 'in_review' && status !== 'resubmitted' && status !== 'accepted') return '';
  const round = view.assignment.round && view.assignment.round > 1 ? ` (${words.round(view.assignment.round)})` : '';
  return html`<p class="report-status" id="report-status"><strong>${words.reportStatus[status]}</strong>${round}</p>`;
}

/** Uploads an evidence file: ask for a signed link, PUT the bytes to it with progress, then have it checked with its SHA-256. */
const UPLOAD_SCRIPT = `
(() => {
  const words = JSON.parse(document.getElementById('upload-words').textContent);
  const TYPES = { pdf: 'application/pdf', doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', odt: 'application/vnd.oasis.opendocument.text', ods: 'application/vnd.oasis.opendocument.spreadsheet', csv: 'text/csv', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };
  for (const note of document.querySelectorAll('.needs-script')) note.hidden = true;
  const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const put = (upload, file, progress) => new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method || 'PUT', upload.url);
    for (const [name, value] of Object.entries(upload.headers || {})) request.setRequestHeader(name, value);
    request.upload.addEventListener('progress', (e) => { if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100); });
    request.addEventListener('load', () => (request.status < 300 ? resolve() : reject(new Error(String(request.status)))));
    request.addEventListener('error', () => reject(new Error('network')));
    request.send(file);
  });
  const problemOf = (body) => {
    const code = body && body.error ? body.error.code : '';
    const text = JSON.stringify(body || {});
    if (code === 'too_many_files') return words.problems.tooMany;
    if (code === 'file_rejected') return words.problems.rejected;
    if (/MB|bytes/.test(text)) return words.problems.tooBig;
    if (/type|PDF/.test(text)) return words.problems.badType;
    return words.problems.failed;
  };
  for (const box of document.querySelectorAll('.upload')) {
    box.hidden = false;
    const input = box.querySelector('input[type=file]');
    const button = box.querySelector('button');
    const progress = box.querySelector('progress');
    const status = box.querySelector('.upload-status');
    const say = (text, cls) => { status.textContent = text; status.className = 'upload-status ' + (cls || ''); };
    button.addEventListener('click', async () => {
      const file = input.files && input.files[0];
      if (!file) { say(words.problems.noFile, 'error'); input.focus(); return; }
      const type = file.type && Object.values(TYPES).includes(file.type) ? file.type : TYPES[(file.name.split('.').pop() || '').toLowerCase()];
      if (!type) { say(words.problems.badType, 'error'); return; }
      if (file.size > 20 * 1024 * 1024) { say(words.problems.tooBig, 'error'); return; }
      button.disabled = true;
      progress.hidden = false;
      progress.value = 0;
      say(words.uploading);
      try {
        const mandate = encodeURIComponent(box.dataset.mandate);
        const started = await fetch('/api/assignment/answers/' + mandate + '/files', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: file.name, type, size: file.size }) });
        const body = await started.json().catch(() => ({}));
        if (!started.ok) { say(problemOf(body), 'error'); return; }
        const sha256 = window.crypto && crypto.subtle ? hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())) : undefined;
        await put(body.upload, file, progress);
        const done = await fetch('/api/assignment/files/' + encodeURIComponent(body.file.id) + '/complete', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sha256 ? { sha256 } : {}) });
        const checked = await done.json().catch(() => ({}));
        if (!done.ok) { say(problemOf(checked), 'error'); return; }
        const item = document.createElement('li');
        const link = document.createElement('a');
        link.href = '/api/assignment/files/' + encodeURIComponent(checked.file.id);
        link.textContent = checked.file.name;
        link.setAttribute('download', checked.file.name);
        item.append(link);
        document.getElementById('files-' + box.dataset.mandate).append(item);
        input.value = '';
        progress.value = 100;
        say(words.uploaded, 'ok');
      } catch (e) {
        say(words.problems.failed, 'error');
      } finally {
        button.disabled = false;
      }
    });
  }
})();
`;

export function uploadScript(language: Language, nonce: string) {
  const words = TEAM_WORDS[language];
  return html`<script type="application/json" id="upload-words">
      ${jsonForScript({ uploading: words.uploading, uploaded: words.uploaded, problems: words.uploadProblems })}
    </script>
    <script nonce="${nonce}">
      ${raw(UPLOAD_SCRIPT)};
    </script>`;
}

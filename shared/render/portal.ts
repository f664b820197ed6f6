import { STATUSES, isAnswered } from '../domain/answers';
import { calendarDaysBetween } from '../domain/reminders';
import { LANGUAGES, type Language } from '../domain/states';
import type { PortalItem, PortalView } from '../usecases/view-models';
import { formatDate } from './format';
import { BASE_CSS, html, jsonForScript, raw, type Raw } from './html';
import { PORTAL_WORDS, type PortalWords } from './portal-words';

function page(options: { language: Language; title: string; nonce: string; body: Raw; script?: Raw; switchTo?: (l: Language) => string }) {
  const words = PORTAL_WORDS[options.language];
  const nav = options.switchTo
    ? html`<nav aria-label="${words.languages}">
        ${LANGUAGES.map((l) =>
          l === options.language
            ? html`<a href="${options.switchTo!(l)}" lang="${l}" aria-current="true">${PORTAL_WORDS[l].languageName}</a>`
            : html`<a href="${options.switchTo!(l)}" lang="${l}" hreflang="${l}">${PORTAL_WORDS[l].languageName}</a>`,
        )}
      </nav>`
    : '';
  return html`<!doctype html>
    <html lang="${options.language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${options.title}</title>
        <style nonce="${options.nonce}">
          ${raw(BASE_CSS)}
        </style>
      </head>
      <body>
        <a class="skip" href="#mandates">${words.skip}</a>
        <header>
          <p class="org">${words.org}</p>
          <h1>${words.pageTitle}</h1>
          ${nav}
        </header>
        <main>${options.body}</main>
        ${options.script ?? ''}
      </body>
    </html>`.value;
}

function dueLine(words: PortalWords, deadline: string, now: string, language: Language) {
  const days = calendarDaysBetween(now, deadline);
  const when = days >= 0 ? words.daysLeft(days) : words.daysLate(-days);
  return `${formatDate(deadline, language)} (${when})`;
}

function mandateHeading(item: PortalItem, words: PortalWords) {
  const m = item.mandate;
  return html`<h3 id="h-${m.id}">${m.label}. ${m.document}</h3>
    <p class="meta">${m.summit.name}, ${m.summit.city} ${m.year}</p>
    ${item.parent ? html`<p class="context">${words.partOf}: ${item.parent.text}</p>` : ''}
    <p class="text">${m.text}</p>`;
}

function answerForm(item: PortalItem, index: number, words: PortalWords) {
  const m = item.mandate;
  const a = item.answer;
  const rows = [...(a?.evidence ?? []), { title: '', url: '' }];
  return html`<form
    method="post"
    action="/api/assignment/answers/${m.id}"
    class="answer"
    data-mandate="${m.id}"
    data-label="${m.label}. ${m.document}"
    novalidate
  >
    <input type="hidden" name="version" value="${a?.version ?? 0}" />
    <fieldset class="choices">
      <legend>${words.status}</legend>
      ${STATUSES.map(
        (status) =>
          html`<label
            ><input type="radio" name="status" value="${status}" ${raw(a?.status === status ? ' checked' : '')} />
            ${words.statuses[status]}</label
          >`,
      )}
      <label><input type="radio" name="status" value="" ${raw(!a?.status ? ' checked' : '')} /> ${words.noAnswer}</label>
    </fieldset>
    <label class="block" for="narrative-${index}">${words.narrative}</label>
    <textarea id="narrative-${index}" name="narrative" maxlength="10000">${a?.narrative ?? ''}</textarea>
    <label class="block" for="difficulties-${index}">${words.difficulties}</label>
    <textarea id="difficulties-${index}" name="difficulties" maxlength="10000">${a?.difficulties ?? ''}</textarea>
    <fieldset class="evidence">
      <legend>${words.evidence}</legend>
      ${rows.map(
        (row, r) =>
          html`<div class="evidence-row">
            <div>
              <label for="ev-title-${index}-${r}">${words.evidenceTitle}</label
              ><input type="text" id="ev-title-${index}-${r}" name="evidenceTitle" value="${row.title}" maxlength="300" />
            </div>
            <div>
              <label for="ev-url-${index}-${r}">${words.evidenceUrl}</label
              ><input type="url" id="ev-url-${index}-${r}" name="evidenceUrl" value="${row.url}" maxlength="2000" />
            </div>
          </div>`,
      )}
      <button type="button" class="secondary add-link" hidden>${words.addLink}</button>
    </fieldset>
    <div class="actions">
      <button type="submit">${words.save}</button><span class="status-line" role="status" aria-live="polite"></span>
    </div>
  </form>`;
}

function readOnlyAnswer(item: PortalItem, words: PortalWords) {
  const a = item.answer;
  return html`<dl class="facts">
    <dt>${words.status}</dt>
    <dd>${a?.status ? words.statuses[a.status] : words.noAnswer}</dd>
    ${
      a?.narrative
        ? html`<dt>${words.narrative}</dt>
            <dd>${a.narrative}</dd>`
        : ''
    }
    ${
      a?.difficulties
        ? html`<dt>${words.difficulties}</dt>
            <dd>${a.difficulties}</dd>`
        : ''
    }
    ${
      a?.evidence.length
        ? html`<dt>${words.evidence}</dt>
            <dd>
              <ul>
                ${a.evidence.map((e) => html`<li><a href="${e.url}" rel="noopener noreferrer">${e.title}</a></li>`)}
              </ul>
            </dd>`
        : ''
    }
  </dl>`;
}

const switchTo = (l: Language) => `/respond?lang=${l}`;

/** The answering page of one state in one cycle. */
export function renderPortal(view: PortalView, options: { language: Language; now: string; nonce: string; notice?: string }): string {
  const { language, now } = options;
  const words = PORTAL_WORDS[language];
  const submitted = view.assignment.status === 'submitted';
  const lastRequest = view.assignment.extensionRequest;
  const summary = html`<section aria-labelledby="cycle-title">
      <h2 id="cycle-title">${view.cycle.title}</h2>
      <dl class="facts">
        <dt>${words.state}</dt>
        <dd>${view.state.localName}</dd>
        <dt>${words.deadline}</dt>
        <dd>${dueLine(words, view.assignment.deadline, now, language)}</dd>
        <dt>${words.progress}</dt>
        <dd>
          <progress id="progress" max="${view.total}" value="${view.answered}"></progress>
          <span id="progress-text">${words.answeredOf(view.answered, view.total)}</span>
        </dd>
      </dl>
      ${options.notice ? html`<p class="ok" role="status">${options.notice}</p>` : ''}
      <p id="save-status" class="status-line" role="status" aria-live="polite"></p>
    </section>
    ${
      submitted
        ? html`<section class="receipt" aria-labelledby="receipt-title">
            <h2 id="receipt-title">${words.submittedOn(formatDate(view.assignment.submittedAt!, language))}</h2>
            <p>${words.readOnly}</p>
            <p>${words.receipt}: <code id="content-hash">${view.assignment.contentHash}</code></p>
          </section>`
        : ''
    }`;
  const mandates = html`<section id="mandates" aria-label="${words.pageTitle}">
    ${view.items.map(
      (item, i) =>
        html`<article id="m-${item.mandate.id}" aria-labelledby="h-${item.mandate.id}">
          ${mandateHeading(item, words)} ${item.mandate.notes.map((n) => html`<p class="note">${words.note}: ${n}</p>`)}
          ${submitted ? readOnlyAnswer(item, words) : answerForm(item, i, words)}
        </article>`,
    )}
  </section>`;
  const closing = submitted
    ? ''
    : html`<section aria-labelledby="submit-title">
          <h2 id="submit-title">${words.submitHeading}</h2>
          <p>${words.submitHelp}</p>
          <div class="actions">
            <button type="button" id="save-all" class="secondary" hidden>${words.saveAll}</button>
            <form method="get" action="/respond" id="submit-start">
              <input type="hidden" name="confirm" value="submit" /><input type="hidden" name="lang" value="${language}" /><button
                type="submit"
              >
                ${words.submitButton}
              </button>
            </form>
          </div>
        </section>
        <section aria-labelledby="extension-title">
          <h2 id="extension-title">${words.extensionHeading}</h2>
          ${lastRequest ? html`<p class="ok">${words.requested(formatDate(lastRequest.requestedAt, language))}</p>` : ''}
          <form method="post" action="/api/assignment/extension-request">
            <label class="block" for="proposed">${words.proposedDate}</label>
            <input type="date" id="proposed" name="proposedDeadline" required min="${view.assignment.deadline.slice(0, 10)}" />
            <label class="block" for="reason">${words.reason}</label>
            <textarea id="reason" name="reason" required maxlength="2000"></textarea>
            <p><button type="submit">${words.sendRequest}</button></p>
          </form>
        </section>
        <dialog id="confirm-dialog" aria-labelledby="confirm-title">
          <h2 id="confirm-title">${words.confirmTitle}</h2>
          <div id="confirm-list"></div>
          <div class="actions">
            <button type="button" id="confirm-yes">${words.confirm}</button
            ><button type="button" class="secondary" id="confirm-no">${words.cancel}</button>
          </div>
        </dialog>`;
  const script = submitted
    ? undefined
    : html`<script type="application/json" id="words">
          ${jsonForScript({
            saving: words.saving,
            saved: words.saved,
            unsaved: words.unsaved,
            conflict: words.conflict,
            reload: words.reload,
            failed: words.failed,
            unansweredList: words.unansweredList,
            allAnswered: words.allAnswered,
            // a template for the script: the words with placeholders where the numbers go
            answeredOf: words.answeredOf('{n}' as unknown as number, '{total}' as unknown as number),
          })}
        </script>
        <script nonce="${options.nonce}">
          ${raw(PORTAL_SCRIPT)};
        </script>`;
  return page({
    language,
    title: `${words.pageTitle}: ${view.cycle.title}`,
    nonce: options.nonce,
    body: html`${summary}${mandates}${closing}`,
    script,
    switchTo,
  });
}

/** Without JavaScript, submitting goes through this page, which lists what is still unanswered. */
export function renderConfirm(view: PortalView, options: { language: Language; nonce: string }): string {
  const words = PORTAL_WORDS[options.language];
  const open = view.items.filter((item) => !isAnswered(item.answer));
  const body = html`<section aria-labelledby="confirm-title">
    <h2 id="confirm-title">${words.confirmTitle}</h2>
    <p>${words.answeredOf(view.answered, view.total)}</p>
    ${
      open.length > 0
        ? html`<p>${words.unansweredList}</p>
            <ul>
              ${open.map((item) => html`<li><a href="/respond?lang=${options.language}#m-${item.mandate.id}">${item.mandate.label}. ${item.mandate.document}</a></li>`)}
            </ul>`
        : html`<p>${words.allAnswered}</p>`
    }
    <form method="post" action="/api/assignment/submit" class="actions">
      <button type="submit">${words.confirm}</button>
      <a class="button secondary" href="/respond?lang=${options.language}">${words.cancel}</a>
    </form>
  </section>`;
  return page({ language: options.language, title: words.confirmTitle, nonce: options.nonce, body });
}

/** A clear page for a link that cannot be used; in the state's language when it is known, else in all four. */
export function renderProblem(problem: keyof PortalWords['problems'], language: Language | undefined, nonce: string): string {
  const languages = language ? [language] : [...LANGUAGES];
  const body = html`${languages.map(
    (l) =>
      html`<section class="problem" lang="${l}">
        <h2>${PORTAL_WORDS[l].problems[problem]}</h2>
        <p>${PORTAL_WORDS[l].help}</p>
      </section>`,
  )}`;
  return page({ language: language ?? 'en', title: PORTAL_WORDS[language ?? 'en'].problems[problem], nonce, body });
}

/** Without JavaScript, a refused save shows why, with a way back. */
export function renderFormErrors(messages: string[], language: Language, nonce: string, backTo: string): string {
  const words = PORTAL_WORDS[language];
  const body = html`<section class="problem">
    <h2>${words.notSaved}</h2>
    <ul class="error">
      ${messages.map((m) => html`<li>${m}</li>`)}
    </ul>
    <p><a href="${backTo}">${words.back}</a></p>
  </section>`;
  return page({ language, title: words.notSaved, nonce, body });
}

/** Autosave, save all, add a link and the submit dialog, on top of forms that work without it. */
const PORTAL_SCRIPT = `
(() => {
  const words = JSON.parse(document.getElementById('words').textContent);
  const forms = [...document.querySelectorAll('form.answer')];
  const dirty = new Set();
  const timers = new Map();
  const pageStatus = document.getElementById('save-status');
  const line = (form) => form.querySelector('.status-line');
  const show = (el, text, cls) => { el.textContent = text; el.className = 'status-line ' + (cls || ''); };

  function payload(form) {
    const data = new FormData(form);
    const titles = data.getAll('evidenceTitle'), urls = data.getAll('evidenceUrl');
    const evidence = titles.map((t, i) => ({ title: String(t).trim(), url: String(urls[i] || '').trim() })).filter((e) => e.title || e.url);
    return { status: data.get('status') || null, narrative: data.get('narrative'), difficulties: data.get('difficulties'), evidence, version: Number(data.get('version')) };
  }

  async function save(form) {
    clearTimeout(timers.get(form));
    if (!dirty.has(form)) return true;
    dirty.delete(form);
    show(line(form), words.saving);
    try {
      const response = await fetch(form.action, { method: 'PUT', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload(form)) });
      const body = await response.json();
      if (response.ok) {
        form.elements.version.value = body.answer.version;
        show(line(form), words.saved + ' ' + new Date().toLocaleTimeString(), 'ok');
        const progress = document.getElementById('progress');
        progress.value = body.progress.answered;
        document.getElementById('progress-text').textContent = words.answeredOf.replace('{n}', body.progress.answered).replace('{total}', body.progress.total);
        return true;
      }
      if (response.status === 409 && body.error.code === 'version_conflict') {
        line(form).innerHTML = '';
        show(line(form), words.conflict + ' ', 'error');
        const reload = document.createElement('a');
        reload.href = location.pathname + location.search + '#' + form.closest('article').id;
        reload.textContent = words.reload;
        reload.addEventListener('click', () => setTimeout(() => location.reload(), 0));
        line(form).append(reload);
        return false;
      }
      dirty.add(form);
      show(line(form), words.failed + ' ' + body.error.message, 'error');
      return false;
    } catch (e) {
      dirty.add(form);
      show(line(form), words.failed + ' ' + e.message, 'error');
      return false;
    }
  }

  for (const form of forms) {
    const touch = () => {
      dirty.add(form);
      show(line(form), words.unsaved);
      clearTimeout(timers.get(form));
      timers.set(form, setTimeout(() => save(form), 1500));
    };
    form.addEventListener('input', touch);
    form.addEventListener('change', touch);
    form.addEventListener('submit', (event) => { event.preventDefault(); dirty.add(form); save(form); });
    const add = form.querySelector('.add-link');
    add.hidden = false;
    add.addEventListener('click', () => {
      const rows = form.querySelectorAll('.evidence-row');
      const copy = rows[rows.length - 1].cloneNode(true);
      const n = rows.length;
      for (const input of copy.querySelectorAll('input')) { input.value = ''; input.id = input.id.replace(/-\\d+$/, '-' + n); }
      for (const label of copy.querySelectorAll('label')) label.htmlFor = label.htmlFor.replace(/-\\d+$/, '-' + n);
      add.before(copy);
      copy.querySelector('input').focus();
    });
  }

  const saveAll = async () => (await Promise.all([...dirty].map(save))).every(Boolean);
  const saveAllButton = document.getElementById('save-all');
  saveAllButton.hidden = false;
  saveAllButton.addEventListener('click', async () => { show(pageStatus, words.saving); show(pageStatus, (await saveAll()) ? words.saved : words.unsaved, ''); });

  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('submit-start').addEventListener('submit', async (event) => {
    if (!dialog.showModal) return;
    event.preventDefault();
    await saveAll();
    const open = forms.filter((f) => !new FormData(f).get('status')).map((f) => f.dataset.label);
    const list = document.getElementById('confirm-list');
    list.textContent = '';
    const p = document.createElement('p');
    p.textContent = open.length ? words.unansweredList : words.allAnswered;
    list.append(p);
    if (open.length) {
      const ul = document.createElement('ul');
      for (const label of open) { const li = document.createElement('li'); li.textContent = label; ul.append(li); }
      list.append(ul);
    }
    dialog.showModal();
  });
  document.getElementById('confirm-no').addEventListener('click', () => dialog.close());
  document.getElementById('confirm-yes').addEventListener('click', async () => {
    const response = await fetch('/api/assignment/submit', { method: 'POST', credentials: 'same-origin' });
    if (response.ok) { dirty.clear(); location.reload(); }
    else { const body = await response.json(); dialog.close(); show(pageStatus, words.failed + ' ' + body.error.message, 'error'); }
  });
  window.addEventListener('beforeunload', (event) => { if (dirty.size) { event.preventDefault(); event.returnValue = ''; } });
})();
`;

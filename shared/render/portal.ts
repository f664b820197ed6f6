import { STATUSES } from '../domain/answers';
import { calendarDaysBetween } from '../domain/reminders';
import { LANGUAGES, type Language } from '../domain/states';
import type { InLanguage } from '../domain/titles';
import type { ItemMark, PortalGroup, PortalItem, PortalSummit, PortalView } from '../usecases/view-models';
import { formatDate } from './format';
import { BASE_CSS, html, jsonForScript, raw, type Raw } from './html';
import { colonOf, fieldId, fieldMessage, richText, type RefusedForm, type TypedAnswer } from './portal-fields';
import { dateTimeWithZone, PORTAL_HELP, themeName, type PortalHelp } from './portal-help';
import { PORTAL_WORDS, type PortalWords } from './portal-words';
import { TEAM_WORDS } from './portal-team-words';
import {
  answerExtras,
  banners,
  carriedNote,
  confirmUnchangedForm,
  reportStatusLine,
  reviewBlock,
  TEAM_CSS,
  uploadScript,
} from './portal-team';

/** A part of a group holds at most this many mandates, and at most about this many bytes of their HTML. */
const PART_ITEMS = 20;
const PART_BYTES = 400_000;
/** A group on the page shown lists its mandates in the contents when it has from 2 to this many. */
const LISTED_MAX = 200;
/** Past this many groups, the contents list the instruments of the current theme only. */
const LISTED_GROUPS_MAX = 300;
/** The confirm page lists at most this many unanswered mandates, then counts the rest. */
const CONFIRM_MAX = 100;

const MARK_SYMBOL: Record<ItemMark, string> = { answered: '✓', unanswered: '○', carried: '↻' };

const PORTAL_CSS = `
body{overflow-wrap:break-word}
code{word-break:break-all}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
#contents{background:#fff;border:1px solid #d0d5dd;border-radius:6px;padding:1rem;margin:0 0 1rem}
#contents ul,#contents ol{padding-left:1.1rem;margin:.25rem 0}
#contents li{margin:.2rem 0}
details{margin:.35rem 0}
summary{cursor:pointer;font-weight:600;padding:.2rem 0}
.counts{color:#475467;font-size:.9rem}
a[aria-current]{font-weight:700}
.mark{font-weight:700;margin-left:.25rem}
.m-answered .sym,.mark.m-answered{color:#067647}.m-unanswered .sym,.mark.m-unanswered{color:#b54708}.m-carried .sym,.mark.m-carried{color:#175cd3}
.filter{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.5rem 1rem;align-items:end;margin:.5rem 0 1rem}
.filter label{display:block;font-weight:600}
select,input[type=search]{width:100%;font:inherit;padding:.45rem;border:1px solid #667085;border-radius:4px;background:#fff}
.pager{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;margin-top:.5rem}
.lang-note{font-style:italic}
#confirm-list{max-height:60vh;overflow:auto}
@media (max-width:40rem){main{padding:.5rem}section,article,#contents{padding:.75rem}#mandates article{margin-left:-.25rem;margin-right:-.25rem}}
textarea{field-sizing:content;min-height:6rem;max-height:none;resize:vertical}
.hint{display:block;margin-left:1.6rem;color:#475467;font-size:.85rem}
.field-error{color:#b42318;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border-color:#b42318;border-width:2px}
.rich p{margin:0 0 .5rem}.rich ul,.rich ol{margin:0 0 .5rem;padding-left:1.25rem}
.hash{font-family:ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere;word-break:break-all}
footer{max-width:60rem;margin:0 auto;padding:0 1rem 2rem;color:#344054}
main:focus{outline:none}
table.counts-table{border-collapse:collapse;margin:.5rem 0}
table.counts-table th,table.counts-table td{border:1px solid #d0d5dd;padding:.25rem .6rem;text-align:left}
table.counts-table td{text-align:right}
@media print{
body{background:#fff;font-size:11pt}
header{background:none;color:#000;padding:0 0 .5rem;border-bottom:2px solid #000}
header nav,.skip,.no-print,#contents,dialog,footer .no-print{display:none}
main{max-width:none;padding:0}
section,article{border:none;border-radius:0;padding:0;margin:0 0 .75rem;background:none}
article{break-inside:avoid-page;border-top:1px solid #999;padding-top:.5rem}
h2,h3{break-after:avoid-page}
a{color:#000}
.receipt{background:none}
}
`;

export function page(options: {
  language: Language;
  title: string;
  nonce: string;
  body: Raw;
  script?: Raw;
  switchTo?: (l: Language) => string;
  /** The secretariat's address, shown at the foot of every page. */
  contact?: string;
  /** Where the skip link goes: the mandates on the answering page, the main content elsewhere. */
  skipTo?: { href: string; label: string };
}) {
  const words = PORTAL_WORDS[options.language];
  const help = PORTAL_HELP[options.language];
  const skip = options.skipTo ?? { href: '#main', label: help.skipMain };
  const nav = options.switchTo
    ? html`<nav aria-label="${words.languages}" id="languages">
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
          ${raw(BASE_CSS)}${raw(PORTAL_CSS)}${raw(TEAM_CSS)}
        </style>
      </head>
      <body>
        <a class="skip" href="${skip.href}">${skip.label}</a>
        <header>
          <p class="org">${words.org}</p>
          <h1>${words.pageTitle}</h1>
          ${nav}
        </header>
        <main id="main" tabindex="-1">${options.body}</main>
        ${
          options.contact
            ? html`<footer>
                <p>${help.contact} <a href="mailto:${options.contact}">${options.contact}</a></p>
              </footer>`
            : ''
        }
        ${options.script ?? ''}
      </body>
    </html>`.value;
}

/** A report the state can no longer change: submitted, and every review state after it save "returned". */
export function isSubmitted(status: string): boolean {
  return ['submitted', 'in_review', 'resubmitted', 'accepted'].includes(status);
}

function dueLine(words: PortalWords, deadline: string, now: string, language: Language) {
  const days = calendarDaysBetween(now, deadline);
  const when = days >= 0 ? words.daysLeft(days) : words.daysLate(-days);
  return `${formatDate(deadline, language)} (${when})`;
}

/** Where a link of the page goes: /respond with the parameters given (the language always kept), at a mandate's anchor. */
interface Place {
  group?: string;
  page?: number;
  at?: string;
  filter?: string;
  theme?: string;
  q?: string;
}

function respondHref(language: Language, place: Place): string {
  const params = new URLSearchParams();
  for (const key of ['group', 'page', 'at', 'filter', 'theme', 'q'] as const) {
    const value = place[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  params.set('lang', language);
  return `/respond?${params}${place.at ? `#m-${place.at}` : ''}`;
}

/** ` lang="xx"` on an element whose text is not in the page's language. */
const langOf = (text: InLanguage, language: Language) => (text.language === language ? '' : raw(` lang="${text.language}"`));

export const inLanguage = (text: InLanguage, language: Language) => html`<span${langOf(text, language)}>${text.text}</span>`;

/** A paragraph of a text that may not be in the page's language. */
const paragraph = (cls: string, text: InLanguage, language: Language) =>
  html`${raw(`<p class="${cls}"${text.language === language ? '' : ` lang="${text.language}"`}>`)}${text.text}</p>`;

/** A theme's name in the page's language where known, else in English marked lang="en". */
function themeText(theme: string, language: Language) {
  const name = themeName(theme, language);
  return name.language === language ? html`${name.text}` : inLanguage(name, language);
}

/** The beginning of a text: at most `max` characters, cut at a word. */
function beginning(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function summitLine(summit: PortalSummit, words: PortalWords, language: Language) {
  const name =
    summit.ordinal && words.summitName ? words.summitName(summit.ordinal) : inLanguage({ text: summit.name, language: 'en' }, language);
  return html`${name}, ${summit.city} ${summit.year}`;
}

function markBadge(mark: ItemMark, words: PortalWords, mandateId: string) {
  return html`<span class="mark m-${mark}" data-mark-for="${mandateId}"
    ><span aria-hidden="true">${MARK_SYMBOL[mark]}</span><span class="vh"> (${words.marks[mark]})</span></span
  >`;
}

/** A one-line note when a text is shown in another language than the page's. */
function translationNote(item: PortalItem, words: PortalWords, language: Language) {
  const shown = [item.text, item.parentText].find((t) => t && t.language !== language);
  return shown ? html`<p class="note lang-note">${words.notTranslated(words.languageNames[shown.language])}</p>` : '';
}

export function mandateHeading(item: PortalItem, words: PortalWords, language: Language) {
  const m = item.mandate;
  return html`<h3 id="h-${m.id}">${m.label}. ${inLanguage(item.instrument, language)} ${markBadge(item.mark, words, m.id)}</h3>
    <p class="meta">${summitLine(item.summit, words, language)}</p>
    ${item.parentText ? html`<p class="context">${words.partOf}: ${inLanguage(item.parentText, language)}</p>` : ''}
    ${paragraph('text', item.text, language)} ${translationNote(item, words, language)}`;
}

/** The message beside a refused field, and the attributes that tie the field to it. */
function issueFor(refused: RefusedForm | undefined, field: string, index: number, language: Language) {
  const issue = refused?.issues.find((i) => i.field === field);
  if (!issue) return { id: '', attrs: raw(''), describedBy: raw(''), message: raw('') };
  const id = `err-${fieldId(field, index)}`;
  return {
    id,
    attrs: raw(` aria-invalid="true" aria-describedby="${id}"`),
    describedBy: raw(` aria-describedby="${id}"`),
    message: html`<p class="field-error" id="${id}">${fieldMessage(issue, language)}</p>`,
  };
}

function answerForm(item: PortalItem, words: PortalWords, help: PortalHelp, language: Language, back: string, refused?: RefusedForm) {
  const m = item.mandate;
  const a = item.answer;
  const index = item.order;
  const typed: TypedAnswer = refused?.typed ?? {
    status: a?.status ?? '',
    narrative: a?.narrative ?? '',
    difficulties: a?.difficulties ?? '',
    evidence: a?.evidence ?? [],
  };
  const rows = [...typed.evidence, { title: '', url: '' }];
  const status = issueFor(refused, 'status', index, language);
  const narrative = issueFor(refused, 'narrative', index, language);
  const difficulties = issueFor(refused, 'difficulties', index, language);
  const evidence = issueFor(refused, 'evidence', index, language);
  // A repeated button's name says which mandate it is for ("Save 17").
  const which = html`<span class="vh"> ${m.label}</span>`;
  return html`<form
    method="post"
    action="/api/assignment/answers/${m.id}"
    class="answer"
    data-mandate="${m.id}"
    data-index="${index}"
    novalidate
    autocomplete="off"
  >
    <input type="hidden" name="version" value="${a?.version ?? 0}" />
    <input type="hidden" name="back" value="${back}" />
    ${refused ? html`<p class="field-error" role="alert" id="errors-${index}">${help.errorCount(refused.issues.length)}</p>` : ''}
    <fieldset class="choices" id="status-${index}" ${status.describedBy}>
      <legend>${words.status}</legend>
      ${status.message}
      ${STATUSES.map(
        (s) =>
          html`<label
              ><input
                type="radio"
                name="status"
                value="${s}"
                data-hint="hint-${index}-${s}"
                aria-describedby="${status.id ? `${status.id} ` : ''}hint-${index}-${s}"
                ${raw(typed.status === s ? ' checked' : '')}${raw(status.id ? ' aria-invalid="true"' : '')}
              />
              ${words.statuses[s]}</label
            ><span class="hint" id="hint-${index}-${s}">${help.statusHelp[s]}</span>`,
      )}
      <label><input type="radio" name="status" value="" ${raw(!typed.status ? ' checked' : '')} /> ${words.noAnswer}</label>
    </fieldset>
    <label class="block" for="narrative-${index}">${words.narrative}</label>
    ${narrative.message}
    <textarea id="narrative-${index}" name="narrative" maxlength="10000" ${narrative.attrs}>${typed.narrative}</textarea>
    <label class="block" for="difficulties-${index}">${words.difficulties}</label>
    ${difficulties.message}
    <textarea id="difficulties-${index}" name="difficulties" maxlength="10000" ${difficulties.attrs}>${typed.difficulties}</textarea>
    <fieldset class="evidence" id="evidence-${index}" ${evidence.describedBy}>
      <legend>${words.evidence}</legend>
      ${evidence.message}
      ${rows.map((row, r) => {
        const title = issueFor(refused, `evidence.${r}.title`, index, language);
        const url = issueFor(refused, `evidence.${r}.url`, index, language);
        return html`<div class="evidence-row">
          <div>
            <label for="ev-title-${index}-${r}">${words.evidenceTitle}</label>${title.message}<input
              type="text"
              id="ev-title-${index}-${r}"
              name="evidenceTitle"
              value="${row.title}"
              maxlength="300"
              ${title.attrs}
            />
          </div>
          <div>
            <label for="ev-url-${index}-${r}">${words.evidenceUrl}</label>${url.message}<input
              type="url"
              id="ev-url-${index}-${r}"
              name="evidenceUrl"
              value="${row.url}"
              maxlength="2000"
              ${url.attrs}
            />
          </div>
        </div>`;
      })}
      <button type="button" class="secondary add-link" hidden>${words.addLink}${which}</button>
    </fieldset>
    <div class="actions">
      <button type="submit">${words.save}${which}</button><span class="status-line" role="status" aria-live="polite"></span>
    </div>
  </form>`;
}

export function readOnlyAnswer(item: PortalItem, words: PortalWords) {
  const a = item.answer;
  return html`<dl class="facts">
    <dt>${words.status}</dt>
    <dd>${a?.status ? words.statuses[a.status] : words.noAnswer}</dd>
    ${
      a?.narrative
        ? html`<dt>${words.narrative}</dt>
            <dd>${richText(a.narrative)}</dd>`
        : ''
    }
    ${
      a?.difficulties
        ? html`<dt>${words.difficulties}</dt>
            <dd>${richText(a.difficulties)}</dd>`
        : ''
    }
    ${
      a?.evidence.length
        ? html`<dt>${words.evidence}</dt>
            <dd>
              <ul>
                ${a.evidence.map((e) => html`<li><a href="${e.url}" rel="noopener noreferrer">${e.title}</a> <span class="hash">${e.url}</span></li>`)}
              </ul>
            </dd>`
        : ''
    }
  </dl>`;
}

/** The bytes a text takes once escaped into HTML: its UTF-8 length, and up to 5 more for each character escaped. */
function escapedBytes(text: string): number {
  let extra = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62 || c === 34 || c === 39) extra += 5;
  }
  return Buffer.byteLength(text, 'utf8') + extra;
}

/** An upper bound of the bytes of a mandate's article: the fixed markup, and every text in it escaped. */
export function itemWeight(item: PortalItem): number {
  const a = item.answer;
  const texts = [item.text.text, item.parentText?.text ?? '', item.instrument.text, item.mandate.label, ...item.mandate.notes];
  if (a) texts.push(a.narrative, a.difficulties, a.review?.comment ?? '', ...a.evidence.flatMap((e) => [e.title, e.url]));
  // a carried answer is written twice: in its form, and in the form that confirms it unchanged
  if (a?.carriedForward) texts.push(a.narrative, a.difficulties, ...a.evidence.flatMap((e) => [e.title, e.url]));
  for (const c of item.comments ?? []) texts.push(c.text, c.author);
  for (const f of item.files ?? []) texts.push(f.name, f.name);
  for (const h of item.history ?? []) texts.push(h.title);
  const parts = (item.comments?.length ?? 0) + (item.files?.length ?? 0) + (item.history?.length ?? 0) + (item.lineage?.length ?? 0);
  return (
    9_000 +
    300 * parts +
    900 * ((a?.evidence.length ?? 0) + 1) +
    8 * item.mandate.id.length +
    texts.reduce((sum, t) => sum + escapedBytes(t), 0)
  );
}

/**
 * Cuts the list into pages: whole groups packed together while a page holds at most PART_ITEMS
 * mandates and PART_BYTES; a group too big for one page is cut into pages of its own (a page has at least one mandate).
 */
function cutPages(items: PortalItem[]): PortalItem[][] {
  const pages: PortalItem[][] = [];
  let current: PortalItem[] = [];
  let bytes = 0;
  const flush = () => {
    if (current.length > 0) pages.push(current);
    current = [];
    bytes = 0;
  };
  for (let start = 0; start < items.length;) {
    let end = start;
    while (end < items.length && items[end]!.group === items[start]!.group) end += 1;
    const members = items.slice(start, end);
    const weights = members.map(itemWeight);
    const weight = weights.reduce((sum, w) => sum + w, 0);
    if (members.length <= PART_ITEMS && weight <= PART_BYTES) {
      if (current.length + members.length > PART_ITEMS || bytes + weight > PART_BYTES) flush();
      current.push(...members);
      bytes += weight;
    } else {
      flush();
      members.forEach((member, i) => {
        if (current.length >= PART_ITEMS || (current.length > 0 && bytes + weights[i]! > PART_BYTES)) flush();
        current.push(member);
        bytes += weights[i]!;
      });
      flush();
    }
    start = end;
  }
  flush();
  return pages;
}

/**
 * The next unanswered mandate: the first one from the start of the page shown (`from: 'page'`), or
 * after the page (`from: 'after'`); from the start of the list again past its end.
 */
function nextUnanswered(view: PortalView, shown: PortalItem[], from: 'page' | 'after'): PortalItem | undefined {
  const ids = new Set(shown.map((i) => i.mandate.id));
  const first = shown.reduce((min, i) => Math.min(min, i.order), Infinity);
  const last = shown.reduce((max, i) => Math.max(max, i.order), -1);
  if (from === 'page') return view.unanswered.find((i) => i.order >= first) ?? view.unanswered[0];
  return (
    view.unanswered.find((i) => i.order > last && !ids.has(i.mandate.id)) ??
    view.unanswered.find((i) => !ids.has(i.mandate.id)) ??
    view.unanswered[0]
  );
}

function groupCounts(group: PortalGroup, words: PortalWords) {
  return html`<span class="counts"
    >${words.groupCounts(group.answered + group.carried, group.total)}${
      group.carried > 0
        ? html` ·
            <span class="m-carried"
              ><span class="sym" aria-hidden="true">${MARK_SYMBOL.carried}</span> ${group.carried}
              <span class="vh">${words.marks.carried}</span></span
            >`
        : ''
    }</span
  >`;
}

interface Shown {
  pages: PortalItem[][];
  /** The page shown, from 0. */
  page: number;
  items: PortalItem[];
  /** The groups on the page shown. */
  groups: Set<string>;
}

/**
 * The page to show: the one with the mandate asked for (`at`), else the first of the group asked for,
 * else the page asked for, else the page with the first unanswered mandate, else the first.
 */
function shownPage(view: PortalView): Shown | undefined {
  const pages = cutPages(view.items);
  if (pages.length === 0) return undefined;
  const find = (test: (item: PortalItem) => boolean) => pages.findIndex((p) => p.some(test));
  let page = -1;
  if (view.query.at) page = find((i) => i.mandate.id === view.query.at);
  if (page < 0 && view.query.group) page = find((i) => i.group === view.query.group);
  if (page < 0 && view.query.page) page = Math.min(view.query.page, pages.length) - 1;
  if (page < 0)
    page = Math.max(
      find((i) => i.mark === 'unanswered'),
      0,
    );
  return { pages, page, items: pages[page]!, groups: new Set(pages[page]!.map((i) => i.group)) };
}

/** The pages a group is on, from 0. */
function pagesOf(shown: Shown, group: string): number[] {
  return shown.pages.flatMap((p, n) => (p.some((i) => i.group === group) ? [n] : []));
}

/** The contents: every theme, its instruments with counts; under those on the page shown, their parts and mandates. */
function contentsList(view: PortalView, shown: Shown | undefined, words: PortalWords, language: Language, filters: Place) {
  const themes = new Map<string, PortalGroup[]>();
  for (const group of view.groups) {
    const list = themes.get(group.theme);
    if (list) list.push(group);
    else themes.set(group.theme, [group]);
  }
  const shownIds = new Set(shown?.items.map((i) => i.mandate.id));
  const details = (group: PortalGroup) => {
    if (!shown?.groups.has(group.key)) return '';
    const on = pagesOf(shown, group.key);
    const parts =
      on.length > 1
        ? html`<ol class="parts" aria-label="${words.parts}">
            ${on.map((n) => {
              const open = shown.pages[n]!.filter((i) => i.group === group.key && i.mark === 'unanswered').length;
              return html`<li>
                <a href="${respondHref(language, { page: n + 1, ...filters })}" ${raw(n === shown.page ? 'aria-current="page"' : '')}
                  >${words.partOfGroup(on.indexOf(n) + 1, on.length)}</a
                >
                <span class="counts">${open > 0 ? `${MARK_SYMBOL.unanswered} ${open}` : MARK_SYMBOL.answered}</span>
              </li>`;
            })}
          </ol>`
        : '';
    const items = view.items.filter((i) => i.group === group.key);
    const listed =
      items.length >= 2 && items.length <= LISTED_MAX
        ? html`<details>
            <summary>${words.inThisGroup} (${items.length})</summary>
            <ol>
              ${items.map(
                (item) =>
                  html`<li>
                    <a
                      href="${
                        shownIds.has(item.mandate.id) ? `#m-${item.mandate.id}` : respondHref(language, { at: item.mandate.id, ...filters })
                      }"
                      ><span${langOf(item.text, language)}>${beginning(item.text.text, 70)}</span></a
                    >${markBadge(item.mark, words, item.mandate.id)}
                  </li>`,
              )}
            </ol>
          </details>`
        : '';
    return html`${parts}${listed}`;
  };
  // With many groups, only the themes on the page shown list their instruments; the others link to their first group.
  const listAll = view.groups.length <= LISTED_GROUPS_MAX;
  return html`${[...themes].map(([theme, groups]) => {
    const answered = groups.reduce((sum, g) => sum + g.answered + g.carried, 0);
    const total = groups.reduce((sum, g) => sum + g.total, 0);
    const isShown = groups.some((g) => shown?.groups.has(g.key));
    if (!listAll && !isShown) {
      return html`<p>
        <a href="${respondHref(language, { group: groups[0]!.key, ...filters })}">${themeText(theme, language)}</a>
        <span class="counts">(${words.groupCounts(answered, total)})</span>
      </p>`;
    }
    return html`<details ${raw(themes.size === 1 || isShown ? 'open' : '')}>
      <summary>${themeText(theme, language)} <span class="counts">(${words.groupCounts(answered, total)})</span></summary>
      <ul>
        ${groups.map(
          (group) =>
            html`<li>
              <a
                href="${respondHref(language, { group: group.key, ...filters })}#g-${group.key}"
                ${raw(shown?.groups.has(group.key) ? 'aria-current="true"' : '')}
                >${inLanguage(group.instrument, language)} (${group.summit.city} ${group.summit.year})</a
              >
              ${groupCounts(group, words)} ${details(group)}
            </li>`,
        )}
      </ul>
    </details>`;
  })}`;
}

function filterForm(view: PortalView, words: PortalWords, language: Language) {
  const q = view.query;
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}" ${raw(selected ? 'selected' : '')}>${label}</option>`;
  const filtering = Boolean(q.filter || q.theme || q.q);
  return html`<form method="get" action="/respond" class="filter" role="search" aria-label="${words.filterHeading}">
      <input type="hidden" name="lang" value="${language}" />
      <div>
        <label for="f-filter">${words.show}</label>
        <select id="f-filter" name="filter">
          ${option('', words.allMandates, !q.filter)} ${option('unanswered', words.unansweredOnly, q.filter === 'unanswered')}
          ${view.carried > 0 || q.filter === 'carried' ? option('carried', words.carriedOnly, q.filter === 'carried') : ''}
        </select>
      </div>
      ${
        view.themes.length > 1
          ? html`<div>
              <label for="f-theme">${words.theme}</label>
              <select id="f-theme" name="theme">
                ${option('', words.allThemes, !q.theme)} ${view.themes.map((t) => option(t, themeName(t, language).text, q.theme === t))}
              </select>
            </div>`
          : ''
      }
      <div>
        <label for="f-q">${words.search}</label>
        <input type="search" id="f-q" name="q" value="${q.q ?? ''}" maxlength="200" />
      </div>
      <div class="actions">
        <button type="submit">${words.apply}</button>
        ${filtering ? html`<a href="${respondHref(language, {})}">${words.clearFilter}</a>` : ''}
      </div>
    </form>
    ${filtering ? html`<p role="status">${view.items.length > 0 ? words.matching(view.items.length, view.total) : words.noMatch}</p>` : ''}`;
}

/** The answering page of one state in one cycle: the contents, and one part of one group of mandates. */
export function renderPortal(
  view: PortalView,
  options: {
    language: Language;
    now: string;
    nonce: string;
    notice?: string;
    contact?: string;
    /** A form sent without JavaScript and refused: shown again as typed, with its messages. */
    refused?: RefusedForm;
  },
): string {
  const { language, now } = options;
  const words = PORTAL_WORDS[language];
  const help = PORTAL_HELP[language];
  const submitted = isSubmitted(view.assignment.status);
  const lastRequest = view.assignment.extensionRequest;
  const filters: Place = { filter: view.query.filter, theme: view.query.theme, q: view.query.q };
  const shown = shownPage(view);
  const here: Place = { page: shown && shown.page > 0 ? shown.page + 1 : undefined, ...filters };
  // Where a form sent without JavaScript comes back to: the mandate's group, with the same filter and language.
  const backTo = (item: PortalItem) =>
    new URLSearchParams(
      Object.entries({ group: item.group, ...filters, lang: language }).filter((e): e is [string, string] => Boolean(e[1])),
    ).toString();
  const shownIds = new Set(shown?.items.map((i) => i.mandate.id));
  const unansweredHref = (item: PortalItem) =>
    shownIds.has(item.mandate.id)
      ? `#m-${item.mandate.id}`
      : respondHref(language, { at: item.mandate.id, filter: view.query.filter === 'unanswered' ? 'unanswered' : undefined });
  const team = TEAM_WORDS[language];
  const contributor = view.contributor;
  const returned = view.assignment.status === 'returned';
  // A contributor's "next unanswered" goes through their own mandates only.
  const forNext = contributor ? { ...view, unanswered: view.unanswered.filter((i) => contributor.mandates.includes(i.mandate.id)) } : view;
  const next = nextUnanswered(forNext, shown?.items ?? [], 'page');
  const after = nextUnanswered(forNext, shown?.items ?? [], 'after');
  const editableOf = (item: PortalItem) => item.editable ?? !submitted;

  const summary = html`<section aria-labelledby="cycle-title">
      <h2 id="cycle-title">${view.title}</h2>
      <dl class="facts">
        <dt>${words.state}</dt>
        <dd>${view.state.localName}</dd>
        ${
          submitted && view.assignment.submittedAt
            ? html`<dt>${help.submittedAt}</dt>
                <dd>${dateTimeWithZone(view.assignment.submittedAt, language)}</dd>`
            : html`<dt>${words.deadline}</dt>
                <dd>${dueLine(words, view.assignment.deadline, now, language)}</dd>`
        }
        <dt>${words.progress}</dt>
        <dd>
          <progress id="progress" max="${view.total}" value="${view.answered}"></progress>
          <span id="progress-text">${words.answeredOf(view.answered, view.total)}</span>
        </dd>
      </dl>
      ${
        next
          ? html`<p class="next">
              ${words.nextUnanswered}:
              <a href="${unansweredHref(next)}" id="next-unanswered"
                ><span${langOf(next.text, language)}>${beginning(next.text.text, 90)}</span></a
              >
            </p>`
          : html`<p class="ok">${words.noneUnanswered}</p>`
      }
      ${
        contributor
          ? ''
          : html`<p class="team-link"><a href="/respond?view=team&amp;lang=${language}" id="team-link">${team.teamLink}</a></p>`
      }
      ${options.notice ? html`<p class="ok" role="status">${options.notice}</p>` : ''}
      <p id="save-status" class="status-line" role="status" aria-live="polite"></p>
    </section>
    ${
      submitted
        ? html`<section class="receipt" aria-labelledby="receipt-title">
            <h2 id="receipt-title">${words.submittedOn(dateTimeWithZone(view.assignment.submittedAt!, language))}</h2>
            ${reportStatusLine(view, language)}
            <p>${words.readOnly}</p>
            <p>${words.receipt}${colonOf(language)}<code id="content-hash" class="hash">${view.assignment.contentHash}</code></p>
            <p><a href="/respond?view=receipt&amp;lang=${language}" id="receipt-link">${help.receiptLink}</a></p>
          </section>`
        : html`<section class="intro">
            ${help.intro.map((line) => html`<p>${line}</p>`)}
            <details>
              <summary>${help.statusHelpTitle}</summary>
              <dl class="facts">
                ${STATUSES.map(
                  (s) =>
                    html`<dt>${words.statuses[s]}</dt>
                      <dd>${help.statusHelp[s]}</dd>`,
                )}
              </dl>
            </details>
          </section>`
    }`;

  const contents = html`<nav id="contents" aria-labelledby="contents-title">
    <h2 id="contents-title">${words.contents}</h2>
    ${filterForm(view, words, language)} ${contentsList(view, shown, words, language, filters)}
  </nav>`;

  let mandates: Raw;
  if (!shown) {
    mandates = html`<section id="mandates" aria-labelledby="none-title">
      <h2 id="none-title">${words.noMatch}</h2>
      <p><a href="${respondHref(language, {})}">${words.clearFilter}</a></p>
    </section>`;
  } else {
    const pageHref = (n: number) => respondHref(language, { page: n + 1, ...filters });
    const groupOf = new Map(view.groups.map((g) => [g.key, g]));
    const sections = [...shown.groups].map((key) => {
      const group = groupOf.get(key)!;
      const on = pagesOf(shown, key);
      return html`<h2 id="g-${key}">${themeText(group.theme, language)}: ${inLanguage(group.instrument, language)}</h2>
        <p class="meta">
          ${summitLine(group.summit, words, language)} ·
          ${groupCounts(group, words)}${on.length > 1 ? html` · ${words.partOfGroup(on.indexOf(shown.page) + 1, on.length)}` : ''}
        </p>
        ${shown.items
          .filter((item) => item.group === key)
          .map((item) => {
            const editable = editableOf(item);
            const which = html`<span class="vh"> ${item.mandate.label}</span>`;
            const mine = contributor?.mandates.includes(item.mandate.id);
            return html`<article id="m-${item.mandate.id}" aria-labelledby="h-${item.mandate.id}">
              ${mandateHeading(item, words, language)} ${item.mandate.notes.map((n) => html`<p class="note">${words.note}: ${n}</p>`)}
              ${contributor ? html`<p class="${mine ? 'yours' : 'note'}">${mine ? `✎ ${team.yours}` : team.notYours}</p>` : ''}
              ${reviewBlock(item, language)} ${editable ? carriedNote(item, language) : ''}
              ${
                editable
                  ? answerForm(
                      item,
                      words,
                      help,
                      language,
                      backTo(item),
                      options.refused?.mandateId === item.mandate.id ? options.refused : undefined,
                    )
                  : readOnlyAnswer(item, words)
              }
              ${editable ? confirmUnchangedForm(item, language, backTo(item), which) : ''}
              ${answerExtras(item, { language, portal: words, editable, back: backTo(item), which })}
            </article>`;
          })}`;
    });
    mandates = html`<section id="mandates" aria-label="${words.pageOf(shown.page + 1, shown.pages.length)}">
      ${sections}
      <nav class="pager" aria-label="${words.pages}">
        ${shown.page > 0 ? html`<a href="${pageHref(shown.page - 1)}" rel="prev">← ${words.previousPage}</a>` : ''}
        <span>${words.pageOf(shown.page + 1, shown.pages.length)}</span>
        ${shown.page < shown.pages.length - 1 ? html`<a href="${pageHref(shown.page + 1)}" rel="next">${words.nextPage} →</a>` : ''}
        ${after ? html`<a href="${unansweredHref(after)}">${words.nextUnanswered}</a>` : ''}
      </nav>
    </section>`;
  }

  const closing =
    submitted || contributor
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
                  ${returned ? team.submitAgain : words.submitButton}
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
              <button type="button" class="secondary" id="confirm-no" autofocus>${words.cancel}</button
              ><button type="button" id="confirm-yes">${words.confirm}</button>
            </div>
          </dialog>`;
  const anyForm = shown?.items.some(editableOf) ?? false;
  const script =
    submitted || (contributor && !anyForm)
      ? undefined
      : html`<script type="application/json" id="words">
            ${jsonForScript({
              saving: words.saving,
              saved: words.saved,
              unsaved: words.unsaved,
              conflict: words.conflict,
              reload: words.reload,
              failed: words.failed,
              loading: words.loading,
              marks: words.marks,
              symbols: MARK_SYMBOL,
              // a template for the script: the words with placeholders where the numbers go
              answeredOf: words.answeredOf('{n}' as unknown as number, '{total}' as unknown as number),
              noSession: words.problems.no_session,
              unavailable: words.problems.unavailable,
              tooLarge: help.tooLarge,
              alreadySubmitted: help.alreadySubmitted,
              otherError: help.otherError,
              problems: help.problems,
              labels: {
                status: words.status,
                narrative: words.narrative,
                difficulties: words.difficulties,
                evidence: words.evidence,
                evidenceTitle: words.evidenceTitle,
                evidenceUrl: words.evidenceUrl,
              },
              linkN: help.linkN('{n}' as unknown as number),
              errorCount: [help.errorCount(1), help.errorCount('{n}' as unknown as number)],
              colon: colonOf(language),
            })}
          </script>
          <script nonce="${options.nonce}">
            ${raw(PORTAL_SCRIPT)};
          </script>`;
  const uploads = anyForm ? uploadScript(language, options.nonce) : '';
  return page({
    language,
    title: `${words.pageTitle}: ${view.title}`,
    nonce: options.nonce,
    body: html`${banners(view, { language, href: (id) => respondHref(language, { at: id }) })}${summary}${contents}${mandates}${closing}`,
    script: html`${script ?? ''}${uploads}`,
    switchTo: (l) => respondHref(l, here),
    contact: options.contact,
    skipTo: { href: '#mandates', label: words.skip },
  });
}

/**
 * Without JavaScript, submitting goes through this page, which lists what is still unanswered: a link to
 * each with the beginning of its text, the first CONFIRM_MAX of them, then how many more. The page's
 * dialog shows the same list (#unanswered-block), fetched from here.
 */
export function renderConfirm(view: PortalView, options: { language: Language; nonce: string; contact?: string }): string {
  const { language } = options;
  const words = PORTAL_WORDS[language];
  const open = view.unanswered;
  const listed = open.slice(0, CONFIRM_MAX);
  const body = html`<section aria-labelledby="confirm-title">
    <h2 id="confirm-title">${words.confirmTitle}</h2>
    <p>${words.answeredOf(view.answered, view.total)}</p>
    <div id="unanswered-block">
      ${
        open.length > 0
          ? html`<p>${words.unansweredList}</p>
              <ul class="unanswered">
                ${listed.map(
                  (item) =>
                    html`<li>
                      <a href="${respondHref(language, { at: item.mandate.id })}"
                        ><span${langOf(item.text, language)}>${beginning(item.text.text, 140)}</span></a
                      >
                      <span class="meta">(${item.mandate.label}. ${inLanguage(item.instrument, language)}, ${item.summit.year})</span>
                    </li>`,
                )}
              </ul>
              ${
                open.length > listed.length
                  ? html`<p>
                      ${words.andMore(open.length - listed.length)}
                      <a href="${respondHref(language, { filter: 'unanswered' })}">${words.showUnanswered}</a>
                    </p>`
                  : ''
              }`
          : html`<p>${words.allAnswered}</p>`
      }
    </div>
    <form method="post" action="/api/assignment/submit" class="actions">
      <button type="submit">${words.confirm}</button>
      <a class="button secondary" href="/respond?lang=${language}">${words.cancel}</a>
    </form>
  </section>`;
  return page({ language, title: words.confirmTitle, nonce: options.nonce, body, contact: options.contact });
}

/** A clear page for a link that cannot be used; in the state's language when it is known, else in all four. */
export function renderProblem(
  problem: keyof PortalWords['problems'],
  language: Language | undefined,
  nonce: string,
  contact?: string,
): string {
  const languages = language ? [language] : [...LANGUAGES];
  const body = html`${languages.map(
    (l) =>
      html`<section class="problem" lang="${l}">
        <h2>${PORTAL_WORDS[l].problems[problem]}</h2>
        <p>${PORTAL_WORDS[l].help}</p>
      </section>`,
  )}`;
  return page({ language: language ?? 'en', title: PORTAL_WORDS[language ?? 'en'].problems[problem], nonce, body, contact });
}

/** Without JavaScript, a refused save shows why, with a way back. */
export function renderFormErrors(messages: string[], language: Language, nonce: string, backTo: string, contact?: string): string {
  const words = PORTAL_WORDS[language];
  const body = html`<section class="problem">
    <h2>${words.notSaved}</h2>
    <ul class="error">
      ${messages.map((m) => html`<li>${m}</li>`)}
    </ul>
    <p><a href="${backTo}">${words.back}</a></p>
  </section>`;
  return page({ language, title: words.notSaved, nonce, body, contact });
}

/**
 * Autosave, save all, add a link and the submit dialog, on top of forms that work without it; a refused
 * field gets its message beside it (the same words and places as the page without JavaScript);
 * text boxes grow with their text; a language switch saves first.
 */
const PORTAL_SCRIPT = `
(() => {
  const words = JSON.parse(document.getElementById('words').textContent);
  const forms = [...document.querySelectorAll('form.answer')];
  const dirty = new Set();
  const timers = new Map();
  const pageStatus = document.getElementById('save-status');
  const line = (form) => form.querySelector('.status-line');
  const show = (el, text, cls) => { el.textContent = text; el.className = 'status-line ' + (cls || ''); };

  // Text boxes grow with their text, where the browser cannot size them itself (CSS field-sizing).
  const sizesItself = window.CSS && CSS.supports && CSS.supports('field-sizing', 'content');
  const grow = (box) => { if (sizesItself) return; box.style.height = 'auto'; box.style.height = (box.scrollHeight + 4) + 'px'; };
  for (const box of document.querySelectorAll('textarea')) { grow(box); box.addEventListener('input', () => grow(box)); }

  const rowsOf = (form) => [...form.querySelectorAll('.evidence-row')];
  // The rows that hold something: the API's evidence.N is the Nth of them.
  const filledRows = (form) => rowsOf(form).filter((row) => [...row.querySelectorAll('input')].some((i) => i.value.trim()));

  function payload(form) {
    const data = new FormData(form);
    const titles = data.getAll('evidenceTitle'), urls = data.getAll('evidenceUrl');
    const evidence = titles.map((t, i) => ({ title: String(t).trim(), url: String(urls[i] || '').trim() })).filter((e) => e.title || e.url);
    return { status: data.get('status') || null, narrative: data.get('narrative'), difficulties: data.get('difficulties'), evidence, version: Number(data.get('version')) };
  }

  // The marks of a mandate (its heading, the contents) follow what was saved.
  function mark(id, status) {
    const kind = status ? 'answered' : 'unanswered';
    for (const el of document.querySelectorAll('[data-mark-for]')) {
      if (el.dataset.markFor !== id) continue;
      el.className = 'mark m-' + kind;
      el.firstElementChild.textContent = words.symbols[kind];
      el.lastElementChild.textContent = ' (' + words.marks[kind] + ')';
    }
  }

  function clearErrors(root) {
    for (const el of root.querySelectorAll('.field-error')) el.remove();
    for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of root.querySelectorAll('[aria-describedby^="err-"]')) {
      if (el.dataset.hint) el.setAttribute('aria-describedby', el.dataset.hint);
      else el.removeAttribute('aria-describedby');
    }
  }

  // The kind of mistake, as fieldProblem (shared/render/portal-fields.ts) reads it.
  function problemOf(field, message) {
    const tooLong = /too big|at most|too long/i.test(message);
    if (/^evidence\\.\\d+\\.url$/.test(field)) return /required/i.test(message) ? 'required' : tooLong ? 'tooLong' : 'badUrl';
    if (/^evidence\\.\\d+\\.title$/.test(field)) return /required|too small/i.test(message) ? 'required' : tooLong ? 'tooLong' : 'invalid';
    if (field === 'evidence') return 'tooManyLinks';
    if (field === 'status') return 'badStatus';
    if (field === 'narrative' || field === 'difficulties') return 'tooLong';
    return 'invalid';
  }

  function targetOf(form, field) {
    const row = /^evidence\\.(\\d+)\\.(url|title)$/.exec(field);
    if (row) {
      const found = filledRows(form)[Number(row[1])];
      if (!found) return undefined;
      const n = rowsOf(form).indexOf(found) + 1;
      const url = row[2] === 'url';
      return { el: found.querySelector(url ? 'input[name=evidenceUrl]' : 'input[name=evidenceTitle]'), label: (url ? words.labels.evidenceUrl : words.labels.evidenceTitle) + ', ' + words.linkN.replace('{n}', n) };
    }
    if (field === 'narrative' || field === 'difficulties') return { el: form.elements[field], label: words.labels[field] };
    if (field === 'evidence') return { el: form.querySelector('fieldset.evidence'), label: words.labels.evidence, group: true };
    return { el: form.querySelector('fieldset.choices'), label: words.labels.status, group: true, radios: true };
  }

  function showErrors(form, details, focus) {
    clearErrors(form);
    let first;
    let count = 0;
    for (const detail of details) {
      const target = targetOf(form, detail.field);
      if (!target || !target.el) continue;
      const id = 'err-' + target.el.id;
      if (document.getElementById(id)) continue;
      const message = document.createElement('p');
      message.className = 'field-error';
      message.id = id;
      message.textContent = target.label + words.colon + words.problems[problemOf(detail.field, detail.message)];
      if (target.group) {
        target.el.querySelector('legend').after(message);
        target.el.setAttribute('aria-describedby', id);
        if (target.radios) for (const radio of target.el.querySelectorAll('input[type=radio]')) { radio.setAttribute('aria-invalid', 'true'); radio.setAttribute('aria-describedby', id + ' ' + radio.dataset.hint); }
      } else {
        target.el.before(message);
        target.el.setAttribute('aria-invalid', 'true');
        target.el.setAttribute('aria-describedby', id);
      }
      count += 1;
      first = first || (target.radios ? target.el.querySelector('input') : target.el);
    }
    show(line(form), count === 1 ? words.errorCount[0] : words.errorCount[1].replace('{n}', count || 1), 'error');
    if (focus && first) first.focus();
  }

  // Puts an answer into the form, in place of what is on screen (after a conflict).
  function fill(form, answer) {
    clearTimeout(timers.get(form));
    dirty.delete(form);
    const a = answer || { status: null, narrative: '', difficulties: '', evidence: [], version: 0 };
    for (const radio of form.querySelectorAll('input[name=status]')) radio.checked = radio.value === (a.status || '');
    form.elements.narrative.value = a.narrative || '';
    form.elements.difficulties.value = a.difficulties || '';
    const add = form.querySelector('.add-link');
    while (rowsOf(form).length < a.evidence.length + 1) addRow(form, add);
    rowsOf(form).forEach((row, i) => {
      const e = a.evidence[i] || { title: '', url: '' };
      row.querySelector('input[name=evidenceTitle]').value = e.title;
      row.querySelector('input[name=evidenceUrl]').value = e.url;
    });
    form.elements.version.value = a.version;
    for (const box of form.querySelectorAll('textarea')) grow(box);
    clearErrors(form);
    mark(form.dataset.mandate, a.status);
  }

  async function save(form, focus) {
    clearTimeout(timers.get(form));
    if (!dirty.has(form)) return true;
    dirty.delete(form);
    show(line(form), words.saving);
    let response, body;
    try {
      response = await fetch(form.action, { method: 'PUT', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload(form)) });
      body = await response.json().catch(() => ({}));
    } catch (e) {
      dirty.add(form);
      show(line(form), words.failed + ' ' + words.unavailable, 'error');
      return false;
    }
    if (response.ok) {
      clearErrors(form);
      form.elements.version.value = body.answer.version;
      show(line(form), words.saved + ' ' + new Date().toLocaleTimeString(), 'ok');
      mark(form.dataset.mandate, body.answer.status);
      const progress = document.getElementById('progress');
      progress.value = body.progress.answered;
      document.getElementById('progress-text').textContent = words.answeredOf.replace('{n}', body.progress.answered).replace('{total}', body.progress.total);
      return true;
    }
    dirty.add(form);
    const code = body && body.error ? body.error.code : '';
    if (response.status === 409 && code === 'version_conflict') {
      dirty.delete(form);
      show(line(form), words.conflict + ' ', 'error');
      const reload = document.createElement('button');
      reload.type = 'button';
      reload.className = 'secondary';
      reload.textContent = words.reload;
      reload.addEventListener('click', () => { fill(form, body.error.details && body.error.details.current); show(line(form), ''); form.elements.narrative.focus(); });
      line(form).append(reload);
      return false;
    }
    const details = body && body.error && Array.isArray(body.error.details) ? body.error.details : [];
    if (response.status === 400 && details.length > 0) { showErrors(form, details, focus); return false; }
    const reason = response.status === 401 ? words.noSession
      : response.status === 409 ? words.alreadySubmitted
      : response.status === 413 ? words.tooLarge
      : response.status >= 500 ? words.unavailable
      : words.otherError;
    show(line(form), words.failed + ' ' + reason, 'error');
    return false;
  }

  function addRow(form, add) {
    const rows = rowsOf(form);
    const copy = rows[rows.length - 1].cloneNode(true);
    const n = rows.length;
    clearErrors(copy);
    for (const input of copy.querySelectorAll('input')) { input.value = ''; input.id = input.id.replace(/-\\d+$/, '-' + n); }
    for (const label of copy.querySelectorAll('label')) label.htmlFor = label.htmlFor.replace(/-\\d+$/, '-' + n);
    add.before(copy);
    return copy;
  }

  for (const form of forms) {
    const touch = () => {
      dirty.add(form);
      // after a conflict, the way to load the current answer stays (leaving a text box fires "change" before the click lands)
      if (!line(form).querySelector('button')) show(line(form), words.unsaved);
      clearTimeout(timers.get(form));
      timers.set(form, setTimeout(() => save(form, false), 1500));
    };
    form.addEventListener('input', touch);
    form.addEventListener('change', touch);
    form.addEventListener('submit', (event) => { event.preventDefault(); dirty.add(form); save(form, true); });
    const add = form.querySelector('.add-link');
    add.hidden = false;
    add.addEventListener('click', () => addRow(form, add).querySelector('input').focus());
  }

  const saveAll = async () => (await Promise.all([...dirty].map((form) => save(form, false)))).every(Boolean);
  const saveAllButton = document.getElementById('save-all');
  if (saveAllButton) saveAllButton.hidden = false;
  if (saveAllButton) saveAllButton.addEventListener('click', async () => { show(pageStatus, words.saving); show(pageStatus, (await saveAll()) ? words.saved : words.unsaved, ''); });

  // Switching language saves what was typed first; if it cannot be saved, the page stays, with the text.
  for (const link of document.querySelectorAll('#languages a')) {
    link.addEventListener('click', async (event) => {
      if (dirty.size === 0) return;
      event.preventDefault();
      show(pageStatus, words.saving);
      if (await saveAll()) location.href = link.href;
      else show(pageStatus, words.unsaved, 'error');
    });
  }

  // The dialog lists what is still unanswered in the whole report: the confirm page's list, fetched once the answers are saved.
  const dialog = document.getElementById('confirm-dialog');
  const start = document.getElementById('submit-start');
  // a contributor's page has no submit
  if (start) start.addEventListener('submit', async (event) => {
    if (!dialog.showModal) return;
    event.preventDefault();
    const list = document.getElementById('confirm-list');
    list.textContent = words.loading;
    await saveAll();
    try {
      const response = await fetch(start.action + '?' + new URLSearchParams(new FormData(start)), { credentials: 'same-origin' });
      const found = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('unanswered-block');
      if (!response.ok || !found) throw new Error(String(response.status));
      list.replaceChildren(document.importNode(found, true));
    } catch (e) {
      list.textContent = words.failed + ' ' + words.unavailable;
    }
    dialog.showModal();
    document.getElementById('confirm-no').focus();
  });
  if (dialog) document.getElementById('confirm-no').addEventListener('click', () => dialog.close());
  if (dialog) document.getElementById('confirm-yes').addEventListener('click', async () => {
    const response = await fetch('/api/assignment/submit', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
    if (response && response.ok) { dirty.clear(); location.reload(); return; }
    dialog.close();
    const reason = !response || response.status >= 500 ? words.unavailable : response.status === 401 ? words.noSession : response.status === 409 ? words.alreadySubmitted : words.otherError;
    show(pageStatus, words.failed + ' ' + reason, 'error');
  });
  window.addEventListener('beforeunload', (event) => { if (dirty.size) { event.preventDefault(); event.returnValue = ''; } });
})();
`;

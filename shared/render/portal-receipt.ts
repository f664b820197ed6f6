import { STATUSES } from '../domain/answers';
import type { Language } from '../domain/states';
import type { PortalItem, PortalView } from '../usecases/view-models';
import { html, raw } from './html';
import { colonOf } from './portal-fields';
import { dateTimeWithZone, PORTAL_HELP } from './portal-help';
import { isSubmitted, itemWeight, mandateHeading, page, readOnlyAnswer } from './portal';
import { PORTAL_WORDS } from './portal-words';

/** A part of the printable report holds about this many bytes of answers: a report of 2,000 long answers comes in parts. */
const RECEIPT_PART_BYTES = 700_000;

/** The answers cut into parts of at most RECEIPT_PART_BYTES (a part has at least one answer). */
function receiptParts(items: PortalItem[]): PortalItem[][] {
  const parts: PortalItem[][] = [[]];
  let bytes = 0;
  for (const item of items) {
    const weight = itemWeight(item);
    if (parts.at(-1)!.length > 0 && bytes + weight > RECEIPT_PART_BYTES) {
      parts.push([]);
      bytes = 0;
    }
    parts.at(-1)!.push(item);
    bytes += weight;
  }
  return parts;
}

/** How many answers have each status, and how many have none. */
export function countsByStatus(items: PortalItem[]): { status: (typeof STATUSES)[number] | null; count: number }[] {
  const counts = new Map<string | null, number>();
  for (const item of items) {
    const status = item.answer?.status ?? null;
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...STATUSES, null].map((status) => ({ status, count: counts.get(status) ?? 0 }));
}

/**
 * "My report": the receipt of a submitted report, to print or keep as a PDF. The state, the cycle, when
 * it was submitted (with the time zone), the counts by status, the content hash, and every answer
 * (in parts, `?part=N`, when the answers are too many for one page).
 */
export function renderReceipt(
  view: PortalView,
  options: { language: Language; nonce: string; contact?: string; part?: number },
): { status: number; body: string } {
  const { language } = options;
  const words = PORTAL_WORDS[language];
  const help = PORTAL_HELP[language];
  const assignment = view.assignment;
  if (!isSubmitted(assignment.status) || !assignment.submittedAt) {
    const body = html`<section class="problem" aria-labelledby="receipt-title">
      <h2 id="receipt-title">${help.receiptTitle}</h2>
      <p>${help.notSubmitted}</p>
      <p><a href="/respond?lang=${language}">${words.back}</a></p>
    </section>`;
    return { status: 409, body: page({ language, title: help.receiptTitle, nonce: options.nonce, body, contact: options.contact }) };
  }
  const parts = receiptParts(view.items);
  const part = Math.min(Math.max(options.part ?? 1, 1), parts.length);
  const partHref = (n: number) => `/respond?view=receipt&part=${n}&lang=${language}`;
  const counts = countsByStatus(view.items);
  const body = html`<section aria-labelledby="receipt-title" class="receipt">
      <h2 id="receipt-title">${help.receiptTitle}</h2>
      <dl class="facts">
        <dt>${words.state}</dt>
        <dd>${view.state.localName}</dd>
        <dt>${help.cycle}</dt>
        <dd>${view.title}</dd>
        <dt>${help.submittedAt}</dt>
        <dd id="submitted-at">${dateTimeWithZone(assignment.submittedAt, language)}</dd>
        <dt>${words.progress}</dt>
        <dd>${words.answeredOf(view.answered, view.total)}</dd>
      </dl>
      <table class="counts-table">
        <caption>
          ${help.byStatus}
        </caption>
        <tbody>
          ${counts.map(
            (c) =>
              html`<tr>
                <th scope="row">${c.status ? words.statuses[c.status] : words.noAnswer}</th>
                <td>${c.count}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p>${words.receipt}${colonOf(language)}<code id="content-hash" class="hash">${assignment.contentHash ?? ''}</code></p>
      <p class="note">${help.keepNote}</p>
      <p class="actions no-print">
        <button type="button" id="print" hidden>${help.print}</button>
        <a href="/respond?lang=${language}">${words.back}</a>
      </p>
    </section>
    <section aria-labelledby="answers-title" id="answers">
      <h2 id="answers-title">${help.answers}${parts.length > 1 ? html` (${help.partOfReport(part, parts.length)})` : ''}</h2>
      ${parts[part - 1]!.map(
        (item) =>
          html`<article id="m-${item.mandate.id}" aria-labelledby="h-${item.mandate.id}">
            ${mandateHeading(item, words, language)} ${readOnlyAnswer(item, words)}
          </article>`,
      )}
      ${
        parts.length > 1
          ? html`<nav class="pager no-print" aria-label="${words.pages}">
              ${parts.map((_, n) =>
                n + 1 === part
                  ? html`<span aria-current="page">${help.partOfReport(n + 1, parts.length)}</span>`
                  : html`<a href="${partHref(n + 1)}">${help.partOfReport(n + 1, parts.length)}</a>`,
              )}
            </nav>`
          : ''
      }
    </section>`;
  const script = html`<script nonce="${options.nonce}">
    ${raw(PRINT_SCRIPT)};
  </script>`;
  return {
    status: 200,
    body: page({
      language,
      title: `${help.receiptTitle}: ${view.state.localName}, ${view.title}`,
      nonce: options.nonce,
      body,
      script,
      contact: options.contact,
      switchTo: (l) => partHref(part).replace(`lang=${language}`, `lang=${l}`),
    }),
  };
}

const PRINT_SCRIPT = `
(() => {
  const button = document.getElementById('print');
  button.hidden = false;
  button.addEventListener('click', () => window.print());
})()
`;

import { STATUSES } from '../domain/answers';
import type { ReviewView } from '../usecases/view-models';
import { messages } from './console-parts';
import { formatDate } from './format';
import { html, raw, type Raw } from './html';

const STATUS_NAMES: Record<(typeof STATUSES)[number], string> = {
  fully_implemented: 'Fully implemented',
  partially_implemented: 'Partially implemented',
  in_progress: 'In progress',
  not_started: 'Not started',
  not_applicable: 'Not applicable',
};

const REPORT_STATUS: Record<string, string> = {
  submitted: 'submitted, waiting for review',
  in_review: 'in review',
  returned: 'returned to the state',
  resubmitted: 'resubmitted, waiting for review',
  accepted: 'accepted',
};

const REVIEW_CSS = `
.review-item { border-top: 1px solid #c8ccd0; padding: 1rem 0; }
.review-pair { display: grid; grid-template-columns: 1fr; gap: 1rem; }
@media (min-width: 900px) { .review-pair { grid-template-columns: 1fr 1fr; } }
.review-pair section { min-width: 0; overflow-wrap: anywhere; }
.narrative { white-space: pre-wrap; }
.decision { border: 0; padding: 0; margin: .75rem 0 0; }
.decision label { margin-right: 1rem; }
.decision textarea { width: 100%; max-width: 40rem; }
.thread { list-style: none; padding: 0; }
.thread li { margin: .25rem 0; }
.decided { font-weight: bold; }
`;

const statusName = (status: string | null | undefined) =>
  status ? (STATUS_NAMES[status as keyof typeof STATUS_NAMES] ?? status) : 'No status given';

function answerSection(heading: string, answer: { status: string | null; narrative: string } | null, extra: Raw = html``): Raw {
  return html`<section>
    <h4>${heading}</h4>
    ${
      answer
        ? html`<p><strong>${statusName(answer.status)}</strong></p>
            ${answer.narrative ? html`<p class="narrative">${answer.narrative}</p>` : html`<p>No narrative.</p>`} ${extra}`
        : html`<p>No answer.</p>`
    }
  </section>`;
}

function item(view: ReviewView, a: ReviewView['answers'][number], open: boolean): Raw {
  const id = `m-${a.mandateId}`;
  const current = a.answer;
  const details = current
    ? html`${current.difficulties ? html`<p><strong>Difficulties:</strong> <span class="narrative">${current.difficulties}</span></p>` : ''}
      ${
        current.evidence.length > 0
          ? html`<p><strong>Links:</strong></p>
              <ul>
                ${current.evidence.map((e) => html`<li><a href="${e.url}" rel="noopener noreferrer">${e.title}</a></li>`)}
              </ul>`
          : ''
      }
      ${
        a.files.length > 0
          ? html`<p><strong>Files:</strong></p>
              <ul>
                ${a.files.map(
                  (f) =>
                    html`<li>
                      <a href="/console/cycles/${encodeURIComponent(view.cycleId)}/states/${view.state}/files/${f.id}">${f.name}</a>
                      (${Math.ceil(f.size / 1024)} KB, SHA-256 <code>${(f.sha256 ?? '').slice(0, 12)}…</code>)
                    </li>`,
                )}
              </ul>`
          : ''
      }
      ${current.updatedBy ? html`<p>Last changed by ${current.updatedBy}, ${formatDate(current.updatedAt, 'en')}.</p>` : ''}`
    : html``;
  const decided = a.review
    ? html`<p class="decided">${a.review.decision === 'accepted' ? 'Accepted' : 'Returned'} (round ${a.review.round}) by ${a.review.by}</p>`
    : html``;
  return html`<article class="review-item" id="${id}" aria-labelledby="${id}-title">
    <h3 id="${id}-title">${a.label} · ${a.document}</h3>
    <p>${a.text}</p>
    <div class="review-pair">
      ${answerSection('This cycle', current, details)}
      ${answerSection(a.previous ? `Before: ${a.previous.cycleTitle}` : 'Before: no earlier answer', a.previous)}
    </div>
    ${
      a.history.length > 0
        ? html`<p class="history">
            Earlier cycles: ${a.history.map((h, i) => html`${i > 0 ? ' · ' : ''}${h.title}: ${statusName(h.status)}`)}
          </p>`
        : ''
    }
    ${decided}
    ${
      a.comments.length > 0
        ? html`<h4>Thread</h4>
            <ul class="thread">
              ${a.comments.map(
                (c) =>
                  html`<li>
                    <strong>${c.side === 'secretariat' ? `Secretariat (${c.author})` : c.author}</strong>, ${formatDate(c.at, 'en')}:
                    ${c.text}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      open && a.review?.decision !== 'accepted'
        ? html`<fieldset class="decision">
            <legend>Decision on ${a.label} · ${a.document}</legend>
            <label><input type="radio" name="decision:${a.mandateId}" value="" checked /> Not now</label>
            <label><input type="radio" name="decision:${a.mandateId}" value="accepted" /> Accept</label>
            <label><input type="radio" name="decision:${a.mandateId}" value="returned" /> Return to the state</label>
            <p>
              <label for="comment-${a.mandateId}">Comment (required to return: say what to change)</label><br />
              <textarea id="comment-${a.mandateId}" name="comment:${a.mandateId}" rows="2"></textarea>
            </p>
          </fieldset>`
        : ''
    }
  </article>`;
}

/**
 * The review of one state's report: its answers beside the previous cycle's, and a form to accept or
 * return each (a return needs a comment) or accept all the rest at once.
 */
export function reviewBody(view: ReviewView, nonce: string, notice?: string, error?: string): Raw {
  const open = ['submitted', 'in_review', 'resubmitted'].includes(view.status);
  const base = `/console/cycles/${encodeURIComponent(view.cycleId)}/states/${view.state}/review`;
  const pager = (where: string) =>
    view.offset > 0 || view.next !== null
      ? html`<nav aria-label="Pages of answers (${where})">
          ${view.offset > 0 ? html`<a href="${base}?offset=${Math.max(0, view.offset - 100)}">Previous answers</a>` : ''}
          ${view.next !== null ? html`<a href="${base}?offset=${view.next}">Next answers</a>` : ''}
        </nav>`
      : html``;
  return html`<style nonce="${nonce}">
      ${raw(REVIEW_CSS)}
    </style>
    <p><a href="/console/cycles/${encodeURIComponent(view.cycleId)}">Back to ${view.cycleTitle}</a></p>
    ${messages(notice, error)}
    <p>
      ${view.stateName}'s report is
      <strong>${REPORT_STATUS[view.status] ?? view.status}</strong>${view.round ? ` (round ${view.round})` : ''}; deadline
      ${formatDate(view.deadline, 'en')}. Mandates ${view.offset + 1}–${view.offset + view.answers.length} of ${view.total}.
    </p>
    ${
      open
        ? html`<p>
            Accept or return each answer. A returned answer needs a comment; the state is emailed, in its language, the list of what came
            back with your comments, and gets a new deadline (14 days unless you give one). Accepted answers are locked.
          </p>`
        : html`<p>The report can be reviewed once the state has submitted it.</p>`
    }
    <h2>Answers</h2>
    ${pager('top')}
    <form method="post" action="${base}?offset=${view.offset}">
      ${view.answers.map((a) => item(view, a, open))}
      ${
        open
          ? html`<p>
                <label
                  ><input type="checkbox" name="acceptRest" value="true" /> Accept all the rest (every answer not decided, on every
                  page)</label
                >
              </p>
              <p>
                <label for="deadline">New deadline if anything is returned (optional)</label><br />
                <input type="date" id="deadline" name="deadline" />
              </p>
              <p><button type="submit">Record the decisions for ${view.stateName}</button></p>`
          : ''
      }
    </form>
    ${pager('bottom')}`;
}

/**
 * The answer form's fields as people see them: a refused field's message in the page's language,
 * tied to the field; and long answers shown with their paragraphs and lists.
 */
import type { Language } from '../domain/states';
import { richText as richBlocks } from './rich-text';
import { html, type Raw } from './html';
import { PORTAL_HELP, type FieldProblem } from './portal-help';
import { PORTAL_WORDS } from './portal-words';

/** An answer as typed in the form, every row of links kept (empty ones too), so that a refused form comes back as it was. */
export interface TypedAnswer {
  status: string;
  narrative: string;
  difficulties: string;
  evidence: { title: string; url: string }[];
}

/** A refused field: its path in the form (`narrative`, `evidence.2.url` with the form's row) and the API's message. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A form sent without JavaScript and refused: shown again with what was typed, and a message beside each refused field. */
export interface RefusedForm {
  mandateId: string;
  typed: TypedAnswer;
  issues: FieldIssue[];
}

/** What kind of mistake the API's message names (the page's script mirrors this in PORTAL_SCRIPT). */
export function fieldProblem(field: string, message: string): FieldProblem {
  const tooLong = /too big|at most|too long/i.test(message);
  if (/^evidence\.\d+\.url$/.test(field)) return /required/i.test(message) ? 'required' : tooLong ? 'tooLong' : 'badUrl';
  if (/^evidence\.\d+\.title$/.test(field)) return /required|too small/i.test(message) ? 'required' : tooLong ? 'tooLong' : 'invalid';
  if (field === 'evidence') return 'tooManyLinks';
  if (field === 'status') return 'badStatus';
  if (field === 'narrative' || field === 'difficulties') return 'tooLong';
  return 'invalid';
}

/** The id of the element a field's path stands for in the form of the mandate at `index`. */
export function fieldId(field: string, index: number): string {
  const row = /^evidence\.(\d+)\.(url|title)$/.exec(field);
  if (row) return `ev-${row[2]}-${index}-${row[1]}`;
  if (field === 'narrative' || field === 'difficulties') return `${field}-${index}`;
  if (field === 'evidence') return `evidence-${index}`;
  return `status-${index}`;
}

/** "Adresse (http ou https), lien 2 : saisissez une adresse web complète…": the field as the page labels it, then the mistake. */
export function fieldMessage(issue: FieldIssue, language: Language): string {
  const words = PORTAL_WORDS[language];
  const help = PORTAL_HELP[language];
  const row = /^evidence\.(\d+)\.(url|title)$/.exec(issue.field);
  const label = row
    ? `${row[2] === 'url' ? words.evidenceUrl : words.evidenceTitle}, ${help.linkN(Number(row[1]) + 1)}`
    : issue.field === 'narrative'
      ? words.narrative
      : issue.field === 'difficulties'
        ? words.difficulties
        : issue.field === 'evidence'
          ? words.evidence
          : words.status;
  return `${label}${colonOf(language)}${help.problems[fieldProblem(issue.field, issue.message)]}`;
}

/** French puts a space before a colon. */
export const colonOf = (language: Language) => (language === 'fr' ? ' : ' : ': ');

/** A long answer as it was written (paragraphs, lists, line breaks), in the page's block for such texts. */
export function richText(text: string): Raw {
  return html`<div class="rich">${richBlocks(text)}</div>`;
}

import { html, type Raw } from './html';

/** What the last action did (a notice) or why it was refused (an error). */
export const messages = (notice?: string, error?: string): Raw =>
  html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${error ? html`<p class="problem-box" role="alert">${error}</p>` : ''}`;

/**
 * A wide table in a box of its own that scrolls sideways on a small screen, never the page: the box
 * is focusable (so the keyboard can scroll it) and named (so a screen reader says what it holds).
 */
export const scrollRegion = (label: string, table: Raw): Raw =>
  html`<div class="scroll" role="region" tabindex="0" aria-label="${label}">${table}</div>`;

/**
 * A form's problems, each tied to its field: `attributes(name)` marks the field (aria-invalid and
 * aria-describedby), `beside(name)` is the message shown under it, `summary` lists them all with
 * links to the fields. Messages name the field as its label does.
 */
export function fieldProblems(problems: Record<string, string>) {
  const names = Object.keys(problems);
  return {
    any: names.length > 0,
    attributes: (name: string): Raw => (problems[name] ? html`aria-invalid="true" aria-describedby="${name}-problem"` : html``),
    describedBy: (name: string): Raw => (problems[name] ? html`aria-describedby="${name}-problem"` : html``),
    beside: (name: string): Raw => (problems[name] ? html`<p class="field-problem" id="${name}-problem">${problems[name]}</p>` : html``),
    summary: names.length
      ? html`<div class="problem-box" role="alert" aria-labelledby="problem-summary">
          <p id="problem-summary">
            <strong>Nothing was saved. Please correct ${names.length === 1 ? 'this field' : `these ${names.length} fields`}:</strong>
          </p>
          <ul>
            ${names.map((name) => html`<li><a href="#${name}">${problems[name]}</a></li>`)}
          </ul>
        </div>`
      : html``,
  };
}

import type { Language } from '../domain/states';
import type { ContributorProgress, PortalView } from '../usecases/view-models';
import { html, raw } from './html';
import { inLanguage, page } from './portal';
import { dateTimeWithZone, themeName } from './portal-help';
import { TEAM_WORDS } from './portal-team-words';
import { PORTAL_WORDS } from './portal-words';

/**
 * The coordinator's "Contributors" page (/respond?view=team): each contributor with their progress and a way
 * to remove them (after a confirmation), and a form to add one. Mandates are chosen by whole groups (theme and
 * instrument), plus, for the one group picked (?group), its single mandates: the page stays small at 2,000 mandates.
 */
export function renderTeam(
  view: PortalView,
  members: Omit<ContributorProgress, 'addedAt'>[],
  options: { language: Language; nonce: string; contact?: string; group?: string; removing?: string; done?: string },
): string {
  const { language } = options;
  const words = TEAM_WORDS[language];
  const portal = PORTAL_WORDS[language];
  const groupName = (g: PortalView['groups'][number]) =>
    html`${themeName(g.theme, language).text}: ${inLanguage(g.instrument, language)} (${g.summit.city} ${g.summit.year})`;
  const picked = options.group ? view.groups.find((g) => g.key === options.group) : undefined;
  const removing = options.removing ? members.find((m) => m.id === options.removing) : undefined;
  const notice = options.done === 'added' ? words.added : options.done === 'removed' ? words.removed : '';

  const list = html`<section aria-labelledby="team-title" id="team">
    <h2 id="team-title">${words.team}</h2>
    <p>${words.teamIntro}</p>
    ${notice ? html`<p class="ok" role="status" id="team-notice">${notice}</p>` : ''}
    ${
      removing
        ? html`<div class="banner" id="remove-confirm" role="alertdialog" aria-labelledby="remove-title" aria-describedby="remove-help">
            <h3 id="remove-title">${words.removeTitle(removing.name)}</h3>
            <p id="remove-help">${words.removeHelp}</p>
            <form method="post" action="/api/assignment/contributors/${removing.id}/remove" class="actions">
              <input type="hidden" name="lang" value="${language}" />
              <button type="submit">${words.removeYes}</button>
              <a class="button secondary" href="/respond?view=team&amp;lang=${language}">${portal.cancel}</a>
            </form>
          </div>`
        : ''
    }
    ${
      members.length === 0
        ? html`<p>${words.noContributors}</p>`
        : html`<ul class="team-list">
            ${members.map(
              (m) =>
                html`<li id="c-${m.id}">
                  <p><strong>${m.name}</strong> · ${m.email}${m.institution ? html` · ${m.institution}` : ''}</p>
                  <p>
                    ${words.mandateCount(m.mandates.length)} · ${words.progressOf(m.answered, m.total)} ·
                    ${m.lastSavedAt ? words.lastSaved(dateTimeWithZone(m.lastSavedAt, language)) : words.nothingSaved}
                  </p>
                  <form method="get" action="/respond">
                    <input type="hidden" name="view" value="team" /><input type="hidden" name="lang" value="${language}" />
                    <input type="hidden" name="remove" value="${m.id}" />
                    <button type="submit" class="secondary">${words.removeButton(m.name)}</button>
                  </form>
                </li>`,
            )}
          </ul>`
    }
  </section>`;

  const pick = html`<form method="get" action="/respond" class="filter" id="group-pick">
    <input type="hidden" name="view" value="team" /><input type="hidden" name="lang" value="${language}" />
    <div>
      <label for="pick-group">${words.oneGroup}</label>
      <select id="pick-group" name="group">
        ${view.groups.map(
          (g) => html`<option value="${g.key}" ${raw(g.key === picked?.key ? 'selected' : '')}>${groupName(g)} · ${g.total}</option>`,
        )}
      </select>
    </div>
    <div class="actions"><button type="submit" class="secondary">${words.showGroup}</button></div>
  </form>`;

  const add = html`<section aria-labelledby="add-title">
    <h2 id="add-title">${words.addTitle}</h2>
    ${pick}
    <form method="post" action="/api/assignment/contributors" id="add-contributor">
      <input type="hidden" name="lang" value="${language}" />
      <label class="block" for="c-name">${words.name}</label>
      <input type="text" id="c-name" name="name" required maxlength="200" autocomplete="name" />
      <label class="block" for="c-email">${words.email}</label>
      <input type="email" id="c-email" name="email" required maxlength="254" autocomplete="email" />
      <label class="block" for="c-institution">${words.institution}</label>
      <input type="text" id="c-institution" name="institution" maxlength="200" autocomplete="organization" />
      ${
        picked
          ? html`<fieldset class="checks" id="group-mandates">
              <legend>${words.mandatesOf}: ${groupName(picked)}</legend>
              ${view.items
                .filter((i) => i.group === picked.key)
                .map(
                  (i) =>
                    html`<label
                      ><input type="checkbox" name="mandates" value="${i.mandate.id}" /> ${i.mandate.label}.
                      <span${raw(i.text.language === language ? '' : ` lang="${i.text.language}"`)}
                        >${i.text.text.length > 120 ? `${i.text.text.slice(0, 119)}…` : i.text.text}</span
                      ></label
                    >`,
                )}
            </fieldset>`
          : ''
      }
      <fieldset class="checks" id="groups">
        <legend>${words.byGroup}</legend>
        ${view.groups.map(
          (g, n) =>
            html`<label for="g-pick-${n}"
              ><input type="checkbox" id="g-pick-${n}" name="groups" value="${g.key}" /> ${groupName(g)}
              <span class="counts">(${words.mandateCount(g.total)})</span></label
            >`,
        )}
      </fieldset>
      <p><button type="submit">${words.addButton}</button></p>
    </form>
  </section>`;

  const back = html`<p><a href="/respond?lang=${language}" id="back-to-report">${words.backToReport}</a></p>`;
  return page({
    language,
    title: `${words.team}: ${view.title}`,
    nonce: options.nonce,
    body: html`<section aria-labelledby="cycle-title">
        <h2 id="cycle-title">${view.title}</h2>
        <p>${view.state.localName}</p>
        ${back}
      </section>
      ${list}${add}`,
    switchTo: (l) => `/respond?view=team&lang=${l}`,
    contact: options.contact,
  });
}

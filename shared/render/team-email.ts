import type { Language } from '../domain/states';
import type { EmailContext, RenderedEmail, TeamEmailContext } from '../usecases/view-models';
import { emailHtml, renderEmail } from './email';
import { escapeHtml, formatDate } from './format';

interface TeamWords {
  subject: Record<TeamEmailContext['kind'], (title: string) => string>;
  greeting: (name: string) => string;
  coordinator: (state: string) => string;
  invited: (title: string, state: string, mandates: number) => string;
  stillOpen: (unanswered: number) => string;
  returned: (title: string) => string;
  more: (n: number) => string;
  comment: string;
  reopened: (title: string) => string;
  deadline: (date: string) => string;
  action: string;
  linkNote: string;
  signature: string;
}

const WORDS: Record<Language, TeamWords> = {
  en: {
    subject: {
      contributor_invitation: (t) => `Summit mandates: your part of the report for “${t}”`,
      returned: (t) => `Answers returned for review: “${t}”`,
      reopened: (t) => `Your report for “${t}” is open again`,
    },
    greeting: (n) => `Dear ${n},`,
    coordinator: (s) => `Dear focal point of ${s},`,
    invited: (t, s, m) =>
      `${s}'s coordinator asks you to answer ${m} ${m === 1 ? 'mandate' : 'mandates'} of the report for the cycle “${t}”.`,
    stillOpen: (u) => `${u} of your mandates ${u === 1 ? 'is' : 'are'} still unanswered.`,
    returned: (t) => `The Summits Secretariat has reviewed the report for the cycle “${t}” and returns these answers with a comment:`,
    more: (n) => `…and ${n} more.`,
    comment: 'Comment',
    reopened: (t) => `The Summits Secretariat has reopened your report for the cycle “${t}”: you can change your answers and submit again.`,
    deadline: (d) => `New deadline: ${d}.`,
    action: 'Open the report',
    linkNote: 'This link is yours alone: please do not forward it.',
    signature: 'Summits of the Americas Secretariat',
  },
  es: {
    subject: {
      contributor_invitation: (t) => `Mandatos de las Cumbres: su parte del informe para «${t}»`,
      returned: (t) => `Respuestas devueltas para revisión: «${t}»`,
      reopened: (t) => `Su informe para «${t}» está abierto de nuevo`,
    },
    greeting: (n) => `Estimado/a ${n}:`,
    coordinator: (s) => `Estimado punto focal de ${s}:`,
    invited: (t, s, m) =>
      `La coordinación de ${s} le pide responder ${m} ${m === 1 ? 'mandato' : 'mandatos'} del informe para el ciclo «${t}».`,
    stillOpen: (u) => `${u} de sus mandatos ${u === 1 ? 'sigue' : 'siguen'} sin respuesta.`,
    returned: (t) => `La Secretaría de Cumbres revisó el informe del ciclo «${t}» y devuelve estas respuestas con un comentario:`,
    more: (n) => `…y ${n} más.`,
    comment: 'Comentario',
    reopened: (t) => `La Secretaría de Cumbres reabrió su informe del ciclo «${t}»: puede cambiar sus respuestas y enviarlo de nuevo.`,
    deadline: (d) => `Nuevo plazo: ${d}.`,
    action: 'Abrir el informe',
    linkNote: 'Este enlace es solo suyo: por favor, no lo reenvíe.',
    signature: 'Secretaría de Cumbres de las Américas',
  },
  fr: {
    subject: {
      contributor_invitation: (t) => `Mandats des Sommets : votre part du rapport pour « ${t} »`,
      returned: (t) => `Réponses renvoyées pour révision : « ${t} »`,
      reopened: (t) => `Votre rapport pour « ${t} » est rouvert`,
    },
    greeting: (n) => `Madame, Monsieur ${n},`,
    coordinator: (s) => `Madame, Monsieur le point focal de ${s},`,
    invited: (t, s, m) =>
      `La coordination de ${s} vous demande de répondre à ${m} ${m === 1 ? 'mandat' : 'mandats'} du rapport pour le cycle « ${t} ».`,
    stillOpen: (u) => `${u} de vos mandats ${u === 1 ? 'reste' : 'restent'} sans réponse.`,
    returned: (t) => `Le Secrétariat des Sommets a examiné le rapport du cycle « ${t} » et renvoie ces réponses avec un commentaire :`,
    more: (n) => `… et ${n} de plus.`,
    comment: 'Commentaire',
    reopened: (t) =>
      `Le Secrétariat des Sommets a rouvert votre rapport du cycle « ${t} » : vous pouvez modifier vos réponses et le soumettre à nouveau.`,
    deadline: (d) => `Nouvelle échéance : ${d}.`,
    action: 'Ouvrir le rapport',
    linkNote: 'Ce lien vous est propre : merci de ne pas le transférer.',
    signature: 'Secrétariat des Sommets des Amériques',
  },
  pt: {
    subject: {
      contributor_invitation: (t) => `Mandatos das Cúpulas: sua parte do relatório para “${t}”`,
      returned: (t) => `Respostas devolvidas para revisão: “${t}”`,
      reopened: (t) => `Seu relatório para “${t}” foi reaberto`,
    },
    greeting: (n) => `Prezado(a) ${n},`,
    coordinator: (s) => `Prezado ponto focal do ${s},`,
    invited: (t, s, m) =>
      `A coordenação do ${s} pede que você responda ${m} ${m === 1 ? 'mandato' : 'mandatos'} do relatório para o ciclo “${t}”.`,
    stillOpen: (u) => `${u} dos seus mandatos ${u === 1 ? 'continua' : 'continuam'} sem resposta.`,
    returned: (t) => `A Secretaria de Cúpulas revisou o relatório do ciclo “${t}” e devolve estas respostas com um comentário:`,
    more: (n) => `…e mais ${n}.`,
    comment: 'Comentário',
    reopened: (t) =>
      `A Secretaria de Cúpulas reabriu seu relatório do ciclo “${t}”: você pode alterar suas respostas e enviá-lo novamente.`,
    deadline: (d) => `Novo prazo: ${d}.`,
    action: 'Abrir o relatório',
    linkNote: 'Este link é só seu: por favor, não o encaminhe.',
    signature: 'Secretaria de Cúpulas das Américas',
  },
};

const TEAM_KINDS = new Set<string>(['contributor_invitation', 'returned', 'reopened']);
const isTeamEmail = (ctx: EmailContext | TeamEmailContext): ctx is TeamEmailContext => TEAM_KINDS.has(ctx.kind);

/** Writes a notice of the team or the review loop in the state's language: to a contributor, or to the coordinator. */
export function renderTeamEmail(ctx: TeamEmailContext): RenderedEmail {
  const words = WORDS[ctx.language];
  const colon = ctx.language === 'fr' ? ' : ' : ': ';
  const paragraphs = [ctx.contributor ? words.greeting(ctx.contributor.name) : words.coordinator(ctx.stateName)];
  const returned: { label: string; text: string; comment: string }[] = [];
  if (ctx.kind === 'contributor_invitation') {
    paragraphs.push(words.invited(ctx.cycleTitle, ctx.stateName, ctx.contributor?.mandates ?? 0));
    if (ctx.contributor && ctx.contributor.unanswered < ctx.contributor.mandates)
      paragraphs.push(words.stillOpen(ctx.contributor.unanswered));
  } else if (ctx.kind === 'returned') {
    paragraphs.push(words.returned(ctx.cycleTitle));
    returned.push(...(ctx.returned?.items ?? []));
  } else {
    paragraphs.push(words.reopened(ctx.cycleTitle));
  }
  const after = [
    ...(ctx.returned?.more && ctx.kind === 'returned' ? [words.more(ctx.returned.more)] : []),
    words.deadline(formatDate(ctx.deadline, ctx.language)),
  ];
  const subject = words.subject[ctx.kind](ctx.cycleTitle);
  const text = [
    ...paragraphs,
    ...returned.map((r) => `${r.label}\n${r.text}\n${words.comment}${colon}${r.comment}`),
    ...after,
    ...(ctx.link ? [`${words.action}: ${ctx.link}`, words.linkNote] : []),
    words.signature,
  ].join('\n\n');
  const html = emailHtml({
    language: ctx.language,
    subject,
    body: `${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${returned
  .map(
    (r) => `<div style="border-left:4px solid #b35900;padding:4px 12px;margin:12px 0">
<p style="margin:0;font-weight:bold">${escapeHtml(r.label)}</p>
<p style="margin:4px 0;color:#444">${escapeHtml(r.text)}</p>
<p style="margin:4px 0"><strong>${escapeHtml(words.comment)}${escapeHtml(colon)}</strong>${escapeHtml(r.comment)}</p>
</div>`,
  )
  .join('\n')}
${after.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}`,
    link: ctx.link,
    words,
  });
  return { subject, text, html };
}

/** Any email the reminder job sends: the state's own emails, or the team's notices. */
export function composeMail(ctx: EmailContext | TeamEmailContext): RenderedEmail {
  return isTeamEmail(ctx) ? renderTeamEmail(ctx) : renderEmail(ctx);
}

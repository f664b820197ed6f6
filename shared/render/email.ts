import { calendarDaysBetween, type EmailKind } from '../domain/reminders';
import type { Language } from '../domain/states';
import type { EmailContext, RenderedEmail } from '../usecases/view-models';
import { STATUSES } from '../domain/answers';
import { escapeHtml, formatDate } from './format';
import { dateTimeWithZone, PORTAL_HELP } from './portal-help';
import { PORTAL_WORDS } from './portal-words';

interface Words {
  subject: Record<EmailKind, (title: string) => string>;
  greeting: (state: string) => string;
  intro: Record<EmailKind, (title: string) => string>;
  open: (open: number, total: number) => string;
  /** Between the two halves of the progress line (French puts a space before the semicolon). */
  joiner: string;
  deadline: (date: string) => string;
  daysLeft: (days: number) => string;
  daysLate: (days: number) => string;
  extended: (from: string, to: string) => string;
  /** The receipt's summary: the content hash's label. */
  hash: string;
  action: string;
  linkNote: string;
  signature: string;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

const WORDS: Record<Language, Words> = {
  en: {
    subject: {
      invitation: (t) => `Summit mandates: your report for "${t}"`,
      reminder: (t) => `Reminder: your report for "${t}"`,
      overdue: (t) => `Overdue: your report for "${t}"`,
      extension: (t) => `Extension granted: "${t}"`,
      receipt: (t) => `Receipt: your report for "${t}" was submitted`,
    },
    greeting: (s) => `Dear focal point of ${s},`,
    intro: {
      invitation: (t) => `The Summits Secretariat invites you to report on the implementation of the Summit mandates for the cycle "${t}".`,
      reminder: (t) => `This is a reminder about your report for the cycle "${t}".`,
      overdue: (t) => `The deadline of your report for the cycle "${t}" has passed.`,
      extension: (t) => `The Secretariat has granted an extension for your report in the cycle "${t}".`,
      receipt: (t) => `Thank you: your report for the cycle "${t}" has been received.`,
    },
    open: (o, t) => `${o} of ${t} mandates unanswered`,
    joiner: '; ',
    deadline: (d) => `deadline ${d}`,
    daysLeft: (n) => `${n} ${plural(n, 'day', 'days')} left`,
    daysLate: (n) => `${n} ${plural(n, 'day', 'days')} late`,
    extended: (f, t) => `The deadline moves from ${f} to ${t}.`,
    hash: 'Content hash (SHA-256)',
    action: 'Open your report',
    linkNote: 'This link is personal to your state: please do not forward it.',
    signature: 'Summits of the Americas Secretariat',
  },
  es: {
    subject: {
      invitation: (t) => `Mandatos de las Cumbres: su informe para «${t}»`,
      reminder: (t) => `Recordatorio: su informe para «${t}»`,
      overdue: (t) => `Plazo vencido: su informe para «${t}»`,
      extension: (t) => `Prórroga concedida: «${t}»`,
      receipt: (t) => `Acuse de recibo: su informe para «${t}» fue enviado`,
    },
    greeting: (s) => `Estimado punto focal de ${s}:`,
    intro: {
      invitation: (t) =>
        `La Secretaría de Cumbres le invita a informar sobre la implementación de los mandatos de las Cumbres en el ciclo «${t}».`,
      reminder: (t) => `Le recordamos su informe para el ciclo «${t}».`,
      overdue: (t) => `El plazo de su informe para el ciclo «${t}» ha vencido.`,
      extension: (t) => `La Secretaría ha concedido una prórroga para su informe del ciclo «${t}».`,
      receipt: (t) => `Gracias: hemos recibido su informe para el ciclo «${t}».`,
    },
    open: (o, t) => `${o} de ${t} mandatos sin respuesta`,
    joiner: '; ',
    deadline: (d) => `plazo: ${d}`,
    daysLeft: (n) => `${plural(n, 'queda', 'quedan')} ${n} ${plural(n, 'día', 'días')}`,
    daysLate: (n) => `${n} ${plural(n, 'día', 'días')} de retraso`,
    extended: (f, t) => `El plazo pasa del ${f} al ${t}.`,
    hash: 'Huella del contenido (SHA-256)',
    action: 'Abrir su informe',
    linkNote: 'Este enlace es personal de su Estado: por favor, no lo reenvíe.',
    signature: 'Secretaría de Cumbres de las Américas',
  },
  fr: {
    subject: {
      invitation: (t) => `Mandats des Sommets : votre rapport pour « ${t} »`,
      reminder: (t) => `Rappel : votre rapport pour « ${t} »`,
      overdue: (t) => `Échéance dépassée : votre rapport pour « ${t} »`,
      extension: (t) => `Prolongation accordée : « ${t} »`,
      receipt: (t) => `Accusé de réception : votre rapport pour « ${t} » a été soumis`,
    },
    greeting: (s) => `Madame, Monsieur le point focal de ${s},`,
    intro: {
      invitation: (t) =>
        `Le Secrétariat des Sommets vous invite à rendre compte de la mise en œuvre des mandats des Sommets pour le cycle « ${t} ».`,
      reminder: (t) => `Ceci est un rappel concernant votre rapport pour le cycle « ${t} ».`,
      overdue: (t) => `L’échéance de votre rapport pour le cycle « ${t} » est dépassée.`,
      extension: (t) => `Le Secrétariat a accordé une prolongation pour votre rapport du cycle « ${t} ».`,
      receipt: (t) => `Merci : votre rapport pour le cycle « ${t} » a bien été reçu.`,
    },
    open: (o, t) => `${o} ${plural(o, 'mandat', 'mandats')} sur ${t} sans réponse`,
    joiner: ' ; ',
    deadline: (d) => `échéance : ${d}`,
    daysLeft: (n) => `${n} ${plural(n, 'jour restant', 'jours restants')}`,
    daysLate: (n) => `${n} ${plural(n, 'jour', 'jours')} de retard`,
    extended: (f, t) => `L’échéance passe du ${f} au ${t}.`,
    hash: 'Empreinte du contenu (SHA-256)',
    action: 'Ouvrir votre rapport',
    linkNote: 'Ce lien est propre à votre État : merci de ne pas le transférer.',
    signature: 'Secrétariat des Sommets des Amériques',
  },
  pt: {
    subject: {
      invitation: (t) => `Mandatos das Cúpulas: seu relatório para “${t}”`,
      reminder: (t) => `Lembrete: seu relatório para “${t}”`,
      overdue: (t) => `Prazo vencido: seu relatório para “${t}”`,
      extension: (t) => `Prorrogação concedida: “${t}”`,
      receipt: (t) => `Recibo: seu relatório para “${t}” foi enviado`,
    },
    greeting: (s) => `Prezado ponto focal do ${s},`,
    intro: {
      invitation: (t) => `A Secretaria de Cúpulas convida-o a informar sobre a implementação dos mandatos das Cúpulas no ciclo “${t}”.`,
      reminder: (t) => `Este é um lembrete sobre seu relatório para o ciclo “${t}”.`,
      overdue: (t) => `O prazo do seu relatório para o ciclo “${t}” venceu.`,
      extension: (t) => `A Secretaria concedeu uma prorrogação para seu relatório no ciclo “${t}”.`,
      receipt: (t) => `Obrigado: recebemos seu relatório para o ciclo “${t}”.`,
    },
    open: (o, t) => `${o} de ${t} mandatos sem resposta`,
    joiner: '; ',
    deadline: (d) => `prazo: ${d}`,
    daysLeft: (n) => `${plural(n, 'falta', 'faltam')} ${n} ${plural(n, 'dia', 'dias')}`,
    daysLate: (n) => `${n} ${plural(n, 'dia', 'dias')} de atraso`,
    extended: (f, t) => `O prazo passa de ${f} para ${t}.`,
    hash: 'Impressão digital do conteúdo (SHA-256)',
    action: 'Abrir seu relatório',
    linkNote: 'Este link é pessoal do seu Estado: por favor, não o encaminhe.',
    signature: 'Secretaria de Cúpulas das Américas',
  },
};

/** "7 of 23 mandates unanswered; deadline 15 March 2027, 6 days left", computed for `now`. */
export function progressLine(ctx: EmailContext): string {
  const words = WORDS[ctx.language];
  const days = calendarDaysBetween(ctx.now, ctx.deadline);
  const when = days >= 0 ? words.daysLeft(days) : words.daysLate(-days);
  return `${words.open(ctx.total - ctx.answered, ctx.total)}${words.joiner}${words.deadline(formatDate(ctx.deadline, ctx.language))}, ${when}`;
}

/**
 * The receipt's summary, as label and value: the state, the cycle, when it was submitted (with the
 * time zone), how many mandates are answered, the counts by status when known, and the content hash.
 */
export function receiptSummary(ctx: EmailContext): [string, string][] {
  const receipt = ctx.receipt!;
  const words = WORDS[ctx.language];
  const portal = PORTAL_WORDS[ctx.language];
  const help = PORTAL_HELP[ctx.language];
  const lines: [string, string][] = [
    [portal.state, ctx.stateName],
    [help.cycle, ctx.cycleTitle],
    [help.submittedAt, dateTimeWithZone(receipt.submittedAt, ctx.language)],
    [portal.progress, portal.answeredOf(ctx.answered, ctx.total)],
  ];
  if (receipt.counts) {
    for (const status of [...STATUSES, 'none' as const]) {
      const count = receipt.counts[status] ?? 0;
      lines.push([status === 'none' ? portal.noAnswer : portal.statuses[status], String(count)]);
    }
  }
  lines.push([words.hash, receipt.contentHash]);
  return lines;
}

export function renderEmail(ctx: EmailContext): RenderedEmail {
  const words = WORDS[ctx.language];
  const colon = ctx.language === 'fr' ? ' : ' : ': ';
  const paragraphs = [words.greeting(ctx.stateName), words.intro[ctx.kind](ctx.cycleTitle)];
  if (ctx.kind === 'extension' && ctx.previousDeadline) {
    paragraphs.push(words.extended(formatDate(ctx.previousDeadline, ctx.language), formatDate(ctx.deadline, ctx.language)));
  }
  const summary = ctx.kind === 'receipt' && ctx.receipt ? receiptSummary(ctx) : undefined;
  if (!summary) paragraphs.push(`${progressLine(ctx)}.`);
  const subject = words.subject[ctx.kind](ctx.cycleTitle);
  const text = [
    ...paragraphs,
    ...(summary ? [summary.map(([label, value]) => `${label}${colon}${value}`).join('\n')] : []),
    ...(ctx.link ? [`${words.action}: ${ctx.link}`, words.linkNote] : []),
    words.signature,
  ].join('\n\n');
  const html = emailHtml({
    language: ctx.language,
    subject,
    body: `${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${
  summary
    ? `<table role="presentation" style="border-collapse:collapse;margin:8px 0 16px">
${summary
  .map(
    ([label, value]) =>
      `<tr><td style="padding:4px 12px 4px 0;font-weight:bold;vertical-align:top">${escapeHtml(label)}</td><td style="padding:4px 0;word-break:break-all">${escapeHtml(value)}</td></tr>`,
  )
  .join('\n')}
</table>`
    : ''
}`,
    link: ctx.link,
    words,
  });
  return { subject, text, html };
}

/**
 * Every email's HTML around its body: the document in the email's language, the one column, the button to the link
 * (with the note on it) and the signature.
 */
export function emailHtml(input: {
  language: string;
  subject: string;
  body: string;
  link?: string;
  words: { action: string; linkNote: string; signature: string };
}): string {
  const { words } = input;
  return `<!doctype html>
<html lang="${input.language}"><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:600px;margin:0 auto;padding:16px">
${input.body}
${
  input.link
    ? `<p><a href="${escapeHtml(input.link)}" style="display:inline-block;background:#0b4f8a;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none">${escapeHtml(words.action)}</a></p>
<p style="font-size:14px;color:#555">${escapeHtml(words.linkNote)}</p>`
    : ''
}
<p>${escapeHtml(words.signature)}</p>
</body></html>`;
}

import type { ImplementationStatus } from '../domain/answers';
import type { Language } from '../domain/states';

/** What a mistake in a field is, whatever the field; each has a sentence in every language. */
export type FieldProblem = 'badUrl' | 'required' | 'tooLong' | 'badStatus' | 'tooManyLinks' | 'invalid';

/** The words of the state's pages that help: the intro, the statuses, the contact, the errors beside a field, the receipt. */
export interface PortalHelp {
  intro: string[];
  statusHelpTitle: string;
  statusHelp: Record<ImplementationStatus, string>;
  contact: string;
  /** "link 2": which row of links a field is in. */
  linkN: (n: number) => string;
  /** The line above a form that was refused: how many fields to correct. */
  errorCount: (n: number) => string;
  problems: Record<FieldProblem, string>;
  /** Why a save failed, by the answer's HTTP status, when it is not a field's mistake. */
  tooLarge: string;
  alreadySubmitted: string;
  otherError: string;
  receiptTitle: string;
  receiptLink: string;
  cycle: string;
  submittedAt: string;
  byStatus: string;
  answers: string;
  print: string;
  keepNote: string;
  /** The receipt of a report that is not submitted: there is nothing to print yet. */
  notSubmitted: string;
  partOfReport: (n: number, of: number) => string;
  skipMain: string;
}

export const PORTAL_HELP: Record<Language, PortalHelp> = {
  en: {
    intro: [
      'Your answers save themselves a moment after you stop typing (without JavaScript, use the Save button of each mandate).',
      'A mandate counts as answered only once its status is chosen: a narrative saved without a status still counts as unanswered.',
    ],
    statusHelpTitle: 'What each status means',
    statusHelp: {
      fully_implemented: 'Everything the mandate asks for is in place.',
      partially_implemented: 'Some of what the mandate asks for is in place and working; the rest is not.',
      in_progress: 'Work has started, but nothing the mandate asks for is in place yet.',
      not_started: 'No work on this mandate has started.',
      not_applicable: 'The mandate does not concern your state (say why in the narrative).',
    },
    contact: 'Questions? Write to the Summits Secretariat:',
    linkN: (n) => `link ${n}`,
    errorCount: (n) => (n === 1 ? 'Not saved: one field needs correcting.' : `Not saved: ${n} fields need correcting.`),
    problems: {
      badUrl: 'enter a full web address starting with http:// or https://',
      required: 'this field is needed',
      tooLong: 'the text is too long',
      badStatus: 'choose one of the statuses',
      tooManyLinks: 'there are too many links',
      invalid: 'this value cannot be saved',
    },
    tooLarge: 'The answer is too large to be saved.',
    alreadySubmitted: 'The report has already been submitted: the answers can no longer be changed.',
    otherError: 'The answer could not be saved. Please try again.',
    receiptTitle: 'My report: receipt of submission',
    receiptLink: 'Open my report (printable receipt)',
    cycle: 'Reporting cycle',
    submittedAt: 'Submitted',
    byStatus: 'Answers by status',
    answers: 'The answers',
    print: 'Print or save as PDF',
    keepNote: 'Keep this receipt: the content hash identifies exactly the answers submitted.',
    notSubmitted: 'The report has not been submitted yet: the receipt will be here once it is.',
    partOfReport: (n, of) => `Part ${n} of ${of} of the answers`,
    skipMain: 'Skip to the content',
  },
  es: {
    intro: [
      'Sus respuestas se guardan solas un momento después de dejar de escribir (sin JavaScript, use el botón Guardar de cada mandato).',
      'Un mandato cuenta como respondido solo cuando se elige su estado: una descripción guardada sin estado sigue contando como sin respuesta.',
    ],
    statusHelpTitle: 'Qué significa cada estado',
    statusHelp: {
      fully_implemented: 'Todo lo que pide el mandato está en marcha.',
      partially_implemented: 'Una parte de lo que pide el mandato está en marcha y funciona; el resto no.',
      in_progress: 'El trabajo ha comenzado, pero nada de lo que pide el mandato está en marcha todavía.',
      not_started: 'No ha comenzado ningún trabajo sobre este mandato.',
      not_applicable: 'El mandato no concierne a su Estado (explique por qué en la descripción).',
    },
    contact: '¿Preguntas? Escriba a la Secretaría de Cumbres:',
    linkN: (n) => `enlace ${n}`,
    errorCount: (n) => (n === 1 ? 'No guardado: hay que corregir un campo.' : `No guardado: hay que corregir ${n} campos.`),
    problems: {
      badUrl: 'escriba una dirección web completa que empiece por http:// o https://',
      required: 'este campo es necesario',
      tooLong: 'el texto es demasiado largo',
      badStatus: 'elija uno de los estados',
      tooManyLinks: 'hay demasiados enlaces',
      invalid: 'este valor no se puede guardar',
    },
    tooLarge: 'La respuesta es demasiado grande para guardarse.',
    alreadySubmitted: 'El informe ya fue enviado: las respuestas ya no se pueden modificar.',
    otherError: 'No se pudo guardar la respuesta. Inténtelo de nuevo.',
    receiptTitle: 'Mi informe: acuse de recibo',
    receiptLink: 'Abrir mi informe (acuse de recibo imprimible)',
    cycle: 'Ciclo de informes',
    submittedAt: 'Enviado',
    byStatus: 'Respuestas por estado',
    answers: 'Las respuestas',
    print: 'Imprimir o guardar como PDF',
    keepNote: 'Conserve este acuse: la huella del contenido identifica exactamente las respuestas enviadas.',
    notSubmitted: 'El informe aún no ha sido enviado: el acuse de recibo estará aquí cuando lo sea.',
    partOfReport: (n, of) => `Parte ${n} de ${of} de las respuestas`,
    skipMain: 'Ir al contenido',
  },
  fr: {
    intro: [
      'Vos réponses s’enregistrent d’elles-mêmes peu après la fin de la saisie (sans JavaScript, utilisez le bouton Enregistrer de chaque mandat).',
      'Un mandat ne compte comme renseigné qu’une fois son état choisi : un texte enregistré sans état compte encore comme sans réponse.',
    ],
    statusHelpTitle: 'Ce que veut dire chaque état',
    statusHelp: {
      fully_implemented: 'Tout ce que demande le mandat est en place.',
      partially_implemented: 'Une partie de ce que demande le mandat est en place et fonctionne ; le reste ne l’est pas.',
      in_progress: 'Le travail a commencé, mais rien de ce que demande le mandat n’est encore en place.',
      not_started: 'Aucun travail n’a commencé sur ce mandat.',
      not_applicable: 'Le mandat ne concerne pas votre État (dites pourquoi dans les mesures prises).',
    },
    contact: 'Des questions ? Écrivez au Secrétariat des Sommets :',
    linkN: (n) => `lien ${n}`,
    errorCount: (n) => (n === 1 ? 'Non enregistré : un champ est à corriger.' : `Non enregistré : ${n} champs sont à corriger.`),
    problems: {
      badUrl: 'saisissez une adresse web complète commençant par http:// ou https://',
      required: 'ce champ est nécessaire',
      tooLong: 'le texte est trop long',
      badStatus: 'choisissez l’un des états',
      tooManyLinks: 'il y a trop de liens',
      invalid: 'cette valeur ne peut pas être enregistrée',
    },
    tooLarge: 'La réponse est trop volumineuse pour être enregistrée.',
    alreadySubmitted: 'Le rapport a déjà été soumis : les réponses ne peuvent plus être modifiées.',
    otherError: 'La réponse n’a pas pu être enregistrée. Veuillez réessayer.',
    receiptTitle: 'Mon rapport : accusé de réception',
    receiptLink: 'Ouvrir mon rapport (accusé de réception imprimable)',
    cycle: 'Cycle de rapport',
    submittedAt: 'Soumis',
    byStatus: 'Réponses par état',
    answers: 'Les réponses',
    print: 'Imprimer ou enregistrer en PDF',
    keepNote: 'Conservez cet accusé : l’empreinte du contenu identifie exactement les réponses soumises.',
    notSubmitted: 'Le rapport n’a pas encore été soumis : l’accusé de réception sera ici une fois qu’il le sera.',
    partOfReport: (n, of) => `Partie ${n} sur ${of} des réponses`,
    skipMain: 'Aller au contenu',
  },
  pt: {
    intro: [
      'Suas respostas são salvas sozinhas pouco depois que você para de digitar (sem JavaScript, use o botão Salvar de cada mandato).',
      'Um mandato só conta como respondido quando sua situação é escolhida: um texto salvo sem situação continua contando como sem resposta.',
    ],
    statusHelpTitle: 'O que significa cada situação',
    statusHelp: {
      fully_implemented: 'Tudo o que o mandato pede está em vigor.',
      partially_implemented: 'Parte do que o mandato pede está em vigor e funcionando; o resto não.',
      in_progress: 'O trabalho começou, mas nada do que o mandato pede está em vigor ainda.',
      not_started: 'Nenhum trabalho sobre este mandato começou.',
      not_applicable: 'O mandato não diz respeito ao seu Estado (explique por quê nas medidas).',
    },
    contact: 'Dúvidas? Escreva à Secretaria de Cúpulas:',
    linkN: (n) => `link ${n}`,
    errorCount: (n) => (n === 1 ? 'Não salvo: um campo precisa ser corrigido.' : `Não salvo: ${n} campos precisam ser corrigidos.`),
    problems: {
      badUrl: 'digite um endereço web completo que comece com http:// ou https://',
      required: 'este campo é necessário',
      tooLong: 'o texto é longo demais',
      badStatus: 'escolha uma das situações',
      tooManyLinks: 'há links demais',
      invalid: 'este valor não pode ser salvo',
    },
    tooLarge: 'A resposta é grande demais para ser salva.',
    alreadySubmitted: 'O relatório já foi enviado: as respostas não podem mais ser alteradas.',
    otherError: 'Não foi possível salvar a resposta. Tente novamente.',
    receiptTitle: 'Meu relatório: recibo de envio',
    receiptLink: 'Abrir meu relatório (recibo para imprimir)',
    cycle: 'Ciclo de relatórios',
    submittedAt: 'Enviado',
    byStatus: 'Respostas por situação',
    answers: 'As respostas',
    print: 'Imprimir ou salvar como PDF',
    keepNote: 'Guarde este recibo: a impressão digital do conteúdo identifica exatamente as respostas enviadas.',
    notSubmitted: 'O relatório ainda não foi enviado: o recibo estará aqui quando for.',
    partOfReport: (n, of) => `Parte ${n} de ${of} das respostas`,
    skipMain: 'Ir para o conteúdo',
  },
};

/** Theme names the catalogue knows (the slug of a page's heading or file name), in each language. */
const THEMES: Record<string, Record<Language, string>> = {
  migration: { en: 'Migration', es: 'Migración', fr: 'Migration', pt: 'Migração' },
  health: { en: 'Health', es: 'Salud', fr: 'Santé', pt: 'Saúde' },
  'health-disease-prevention': {
    en: 'Health: Disease prevention',
    es: 'Salud: Prevención de enfermedades',
    fr: 'Santé : Prévention des maladies',
    pt: 'Saúde: Prevenção de doenças',
  },
  gender: { en: 'Gender', es: 'Género', fr: 'Genre', pt: 'Gênero' },
  'gender-issues': { en: 'Gender issues', es: 'Asuntos de género', fr: 'Questions de genre', pt: 'Questões de gênero' },
  labour: { en: 'Labour', es: 'Trabajo', fr: 'Travail', pt: 'Trabalho' },
  labor: { en: 'Labor', es: 'Trabajo', fr: 'Travail', pt: 'Trabalho' },
  'labour-decent-work': {
    en: 'Labour: Decent work',
    es: 'Trabajo: Trabajo decente',
    fr: 'Travail : Travail décent',
    pt: 'Trabalho: Trabalho decente',
  },
  'trabajo-trabajo-decente': {
    en: 'Labour: Decent work',
    es: 'Trabajo: Trabajo decente',
    fr: 'Travail : Travail décent',
    pt: 'Trabalho: Trabalho decente',
  },
  education: { en: 'Education', es: 'Educación', fr: 'Éducation', pt: 'Educação' },
  'summit-follow-up': {
    en: 'Summit follow-up',
    es: 'Seguimiento de las Cumbres',
    fr: 'Suivi des Sommets',
    pt: 'Acompanhamento das Cúpulas',
  },
  oas: { en: 'The OAS', es: 'La OEA', fr: 'L’OEA', pt: 'A OEA' },
  democracy: { en: 'Democracy', es: 'Democracia', fr: 'Démocratie', pt: 'Democracia' },
  corruption: { en: 'Corruption', es: 'Corrupción', fr: 'Corruption', pt: 'Corrupção' },
  security: { en: 'Security', es: 'Seguridad', fr: 'Sécurité', pt: 'Segurança' },
  environment: { en: 'Environment', es: 'Medio ambiente', fr: 'Environnement', pt: 'Meio ambiente' },
  'digital-transformation': {
    en: 'Digital transformation',
    es: 'Transformación digital',
    fr: 'Transformation numérique',
    pt: 'Transformação digital',
  },
  mandates: { en: 'Mandates', es: 'Mandatos', fr: 'Mandats', pt: 'Mandatos' },
};

/** "health-disease-prevention" → "Health disease prevention": a theme the list does not know, as its slug reads. */
function fromSlug(theme: string): string {
  const words = theme.replace(/-/g, ' ').trim();
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

/** A theme's name in `language` where known; otherwise as its (English) slug reads, marked as English. */
export function themeName(theme: string, language: Language): { text: string; language: Language } {
  const known = THEMES[theme];
  if (known) return { text: known[language], language };
  return { text: fromSlug(theme), language: 'en' };
}

/** A moment with its time and time zone, as people of that language write it ("1 December 2026 at 14:05:09 UTC"). */
export function dateTimeWithZone(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

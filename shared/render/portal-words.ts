import type { ImplementationStatus } from '../domain/answers';
import type { Language } from '../domain/states';
import type { ItemMark } from '../usecases/view-models';

export interface PortalWords {
  languageName: string;
  pageTitle: string;
  org: string;
  skip: string;
  languages: string;
  state: string;
  deadline: string;
  progress: string;
  answeredOf: (n: number, total: number) => string;
  daysLeft: (n: number) => string;
  daysLate: (n: number) => string;
  statuses: Record<ImplementationStatus, string>;
  noAnswer: string;
  status: string;
  narrative: string;
  difficulties: string;
  evidence: string;
  evidenceTitle: string;
  evidenceUrl: string;
  addLink: string;
  save: string;
  saveAll: string;
  saving: string;
  saved: string;
  unsaved: string;
  conflict: string;
  reload: string;
  failed: string;
  partOf: string;
  note: string;
  submitHeading: string;
  submitHelp: string;
  submitButton: string;
  confirmTitle: string;
  unansweredList: string;
  allAnswered: string;
  confirm: string;
  cancel: string;
  submittedOn: (date: string) => string;
  receipt: string;
  readOnly: string;
  extensionHeading: string;
  proposedDate: string;
  reason: string;
  sendRequest: string;
  requested: (date: string) => string;
  problems: Record<'unknown' | 'revoked' | 'expired' | 'rate_limited' | 'no_session' | 'unavailable', string>;
  help: string;
  notSaved: string;
  back: string;
  /** The languages' names as this language writes them inside a sentence. */
  languageNames: Record<Language, string>;
  /** The one-line note under a text shown in another language than the page's. */
  notTranslated: (shownIn: string) => string;
  /** A summit by its ordinal ("IX"), in this language; undefined where the registry's (English) name is used. */
  summitName?: (ordinal: string) => string;
  contents: string;
  nextUnanswered: string;
  noneUnanswered: string;
  filterHeading: string;
  show: string;
  allMandates: string;
  unansweredOnly: string;
  carriedOnly: string;
  theme: string;
  allThemes: string;
  search: string;
  apply: string;
  clearFilter: string;
  matching: (n: number, total: number) => string;
  noMatch: string;
  groupCounts: (answered: number, total: number) => string;
  marks: Record<ItemMark, string>;
  /** A group cut over several pages: which part this is. */
  partOfGroup: (n: number, of: number) => string;
  parts: string;
  inThisGroup: string;
  pageOf: (n: number, of: number) => string;
  pages: string;
  previousPage: string;
  nextPage: string;
  andMore: (n: number) => string;
  showUnanswered: string;
  loading: string;
}

export const PORTAL_WORDS: Record<Language, PortalWords> = {
  en: {
    languageName: 'English',
    pageTitle: 'Report on the Summit mandates',
    org: 'Summits of the Americas',
    skip: 'Skip to the mandates',
    languages: 'Language',
    state: 'State',
    deadline: 'Deadline',
    progress: 'Progress',
    answeredOf: (n, t) => `${n} of ${t} mandates answered`,
    daysLeft: (n) => `${n} ${n === 1 ? 'day' : 'days'} left`,
    daysLate: (n) => `${n} ${n === 1 ? 'day' : 'days'} late`,
    statuses: {
      fully_implemented: 'Fully implemented',
      partially_implemented: 'Partially implemented',
      in_progress: 'In progress',
      not_started: 'Not started',
      not_applicable: 'Not applicable',
    },
    noAnswer: 'Not answered yet',
    status: 'Status',
    narrative: 'Measures taken',
    difficulties: 'Difficulties',
    evidence: 'Evidence (links)',
    evidenceTitle: 'Title',
    evidenceUrl: 'Address (http or https)',
    addLink: 'Add a link',
    save: 'Save',
    saveAll: 'Save all',
    saving: 'Saving…',
    saved: 'Saved',
    unsaved: 'Unsaved changes',
    conflict: 'Someone else changed this answer in the meantime. Your text was not saved over theirs.',
    reload: 'Load the current answer',
    failed: 'Not saved:',
    partOf: 'Part of',
    note: 'Note',
    submitHeading: 'Submit the report',
    submitHelp: 'Once submitted, the answers are read-only; the Secretariat can reopen them.',
    submitButton: 'Submit the report…',
    confirmTitle: 'Submit the report?',
    unansweredList: 'These mandates have no answer yet:',
    allAnswered: 'Every mandate has an answer.',
    confirm: 'Yes, submit',
    cancel: 'Go back',
    submittedOn: (d) => `Submitted on ${d}.`,
    receipt: 'Receipt: content hash (SHA-256)',
    readOnly: 'The report has been submitted and can no longer be changed. The Secretariat can reopen it.',
    extensionHeading: 'Ask for more time',
    proposedDate: 'Proposed new deadline',
    reason: 'Reason',
    sendRequest: 'Send the request',
    requested: (d) => `You asked for more time on ${d}. The Secretariat will answer by email.`,
    problems: {
      unknown: 'This link is not valid.',
      revoked: 'This link has been replaced or withdrawn. Use the most recent email from the Secretariat.',
      expired: 'This link has expired.',
      rate_limited: 'Too many attempts with invalid links. Please try again in 15 minutes.',
      no_session: 'Your session has ended. Please open the link in your email again.',
      unavailable: 'The system is not answering just now. Nothing you saved is lost: please try again in a few minutes.',
    },
    help: 'If you need a new link, please write to the Summits Secretariat.',
    notSaved: 'Your answer could not be saved:',
    back: 'Back to the report',
    languageNames: { en: 'English', es: 'Spanish', fr: 'French', pt: 'Portuguese' },
    notTranslated: (l) => `This text is not yet available in English: it is shown in ${l}.`,
    contents: 'Contents',
    nextUnanswered: 'Next unanswered mandate',
    noneUnanswered: 'Every mandate has an answer.',
    filterHeading: 'Find mandates',
    show: 'Show',
    allMandates: 'All mandates',
    unansweredOnly: 'Unanswered only',
    carriedOnly: 'Carried over from the last cycle',
    theme: 'Theme',
    allThemes: 'All themes',
    search: 'Words in the text',
    apply: 'Show',
    clearFilter: 'Show everything',
    matching: (n, t) => `${n} of ${t} mandates match.`,
    noMatch: 'No mandate matches.',
    groupCounts: (n, t) => `${n} of ${t} answered`,
    marks: { answered: 'answered', unanswered: 'not answered yet', carried: 'carried over from the last cycle' },
    partOfGroup: (n, of) => `part ${n} of ${of}`,
    parts: 'Parts of this group',
    inThisGroup: 'Mandates of this group',
    pageOf: (n, of) => `Page ${n} of ${of}`,
    pages: 'Pages',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    andMore: (n) => `… and ${n} more.`,
    showUnanswered: 'Show the unanswered mandates',
    loading: 'Loading…',
  },
  es: {
    languageName: 'Español',
    pageTitle: 'Informe sobre los mandatos de las Cumbres',
    org: 'Cumbres de las Américas',
    skip: 'Ir a los mandatos',
    languages: 'Idioma',
    state: 'Estado',
    deadline: 'Plazo',
    progress: 'Avance',
    answeredOf: (n, t) => `${n} de ${t} mandatos respondidos`,
    daysLeft: (n) => `${n === 1 ? 'queda' : 'quedan'} ${n} ${n === 1 ? 'día' : 'días'}`,
    daysLate: (n) => `${n} ${n === 1 ? 'día' : 'días'} de retraso`,
    statuses: {
      fully_implemented: 'Implementado plenamente',
      partially_implemented: 'Implementado parcialmente',
      in_progress: 'En curso',
      not_started: 'No iniciado',
      not_applicable: 'No aplica',
    },
    noAnswer: 'Sin respuesta todavía',
    status: 'Estado de implementación',
    narrative: 'Medidas adoptadas',
    difficulties: 'Dificultades',
    evidence: 'Evidencia (enlaces)',
    evidenceTitle: 'Título',
    evidenceUrl: 'Dirección (http o https)',
    addLink: 'Agregar un enlace',
    save: 'Guardar',
    saveAll: 'Guardar todo',
    saving: 'Guardando…',
    saved: 'Guardado',
    unsaved: 'Cambios sin guardar',
    conflict: 'Otra persona modificó esta respuesta mientras tanto. Su texto no se guardó sobre el suyo.',
    reload: 'Cargar la respuesta actual',
    failed: 'No se guardó:',
    partOf: 'Parte de',
    note: 'Nota',
    submitHeading: 'Enviar el informe',
    submitHelp: 'Una vez enviado, las respuestas quedan en solo lectura; la Secretaría puede reabrirlas.',
    submitButton: 'Enviar el informe…',
    confirmTitle: '¿Enviar el informe?',
    unansweredList: 'Estos mandatos aún no tienen respuesta:',
    allAnswered: 'Todos los mandatos tienen respuesta.',
    confirm: 'Sí, enviar',
    cancel: 'Volver',
    submittedOn: (d) => `Enviado el ${d}.`,
    receipt: 'Acuse de recibo: huella del contenido (SHA-256)',
    readOnly: 'El informe fue enviado y ya no puede modificarse. La Secretaría puede reabrirlo.',
    extensionHeading: 'Solicitar más tiempo',
    proposedDate: 'Nuevo plazo propuesto',
    reason: 'Motivo',
    sendRequest: 'Enviar la solicitud',
    requested: (d) => `Solicitó más tiempo el ${d}. La Secretaría responderá por correo electrónico.`,
    problems: {
      unknown: 'Este enlace no es válido.',
      revoked: 'Este enlace fue reemplazado o retirado. Use el correo más reciente de la Secretaría.',
      expired: 'Este enlace ha caducado.',
      rate_limited: 'Demasiados intentos con enlaces no válidos. Vuelva a intentarlo en 15 minutos.',
      no_session: 'Su sesión terminó. Abra de nuevo el enlace de su correo.',
      unavailable: 'El sistema no responde en este momento. No se perdió nada de lo guardado: vuelva a intentarlo en unos minutos.',
    },
    help: 'Si necesita un nuevo enlace, escriba a la Secretaría de Cumbres.',
    notSaved: 'No se pudo guardar su respuesta:',
    back: 'Volver al informe',
    languageNames: { en: 'inglés', es: 'español', fr: 'francés', pt: 'portugués' },
    notTranslated: (l) => `Este texto aún no está disponible en español: se muestra en ${l}.`,
    summitName: (o) => `${o} Cumbre de las Américas`,
    contents: 'Contenido',
    nextUnanswered: 'Siguiente mandato sin respuesta',
    noneUnanswered: 'Todos los mandatos tienen respuesta.',
    filterHeading: 'Buscar mandatos',
    show: 'Mostrar',
    allMandates: 'Todos los mandatos',
    unansweredOnly: 'Solo sin respuesta',
    carriedOnly: 'Traídos del ciclo anterior',
    theme: 'Tema',
    allThemes: 'Todos los temas',
    search: 'Palabras del texto',
    apply: 'Mostrar',
    clearFilter: 'Mostrar todo',
    matching: (n, t) => `${n} de ${t} mandatos coinciden.`,
    noMatch: 'Ningún mandato coincide.',
    groupCounts: (n, t) => `${n} de ${t} respondidos`,
    marks: { answered: 'respondido', unanswered: 'sin respuesta todavía', carried: 'traído del ciclo anterior' },
    partOfGroup: (n, of) => `parte ${n} de ${of}`,
    parts: 'Partes de este grupo',
    inThisGroup: 'Mandatos de este grupo',
    pageOf: (n, of) => `Página ${n} de ${of}`,
    pages: 'Páginas',
    previousPage: 'Página anterior',
    nextPage: 'Página siguiente',
    andMore: (n) => `… y ${n} más.`,
    showUnanswered: 'Mostrar los mandatos sin respuesta',
    loading: 'Cargando…',
  },
  fr: {
    languageName: 'Français',
    pageTitle: 'Rapport sur les mandats des Sommets',
    org: 'Sommets des Amériques',
    skip: 'Aller aux mandats',
    languages: 'Langue',
    state: 'État',
    deadline: 'Échéance',
    progress: 'Avancement',
    answeredOf: (n, t) => `${n} mandats sur ${t} renseignés`,
    daysLeft: (n) => `${n} ${n === 1 ? 'jour restant' : 'jours restants'}`,
    daysLate: (n) => `${n} ${n === 1 ? 'jour' : 'jours'} de retard`,
    statuses: {
      fully_implemented: 'Pleinement mis en œuvre',
      partially_implemented: 'Partiellement mis en œuvre',
      in_progress: 'En cours',
      not_started: 'Pas commencé',
      not_applicable: 'Sans objet',
    },
    noAnswer: 'Pas encore de réponse',
    status: 'État de mise en œuvre',
    narrative: 'Mesures prises',
    difficulties: 'Difficultés',
    evidence: 'Justificatifs (liens)',
    evidenceTitle: 'Titre',
    evidenceUrl: 'Adresse (http ou https)',
    addLink: 'Ajouter un lien',
    save: 'Enregistrer',
    saveAll: 'Tout enregistrer',
    saving: 'Enregistrement…',
    saved: 'Enregistré',
    unsaved: 'Modifications non enregistrées',
    conflict: 'Une autre personne a modifié cette réponse entre-temps. Votre texte n’a pas été enregistré par-dessus le sien.',
    reload: 'Charger la réponse actuelle',
    failed: 'Non enregistré :',
    partOf: 'Fait partie de',
    note: 'Note',
    submitHeading: 'Soumettre le rapport',
    submitHelp: 'Une fois soumises, les réponses ne sont plus modifiables ; le Secrétariat peut les rouvrir.',
    submitButton: 'Soumettre le rapport…',
    confirmTitle: 'Soumettre le rapport ?',
    unansweredList: 'Ces mandats n’ont pas encore de réponse :',
    allAnswered: 'Tous les mandats ont une réponse.',
    confirm: 'Oui, soumettre',
    cancel: 'Revenir',
    submittedOn: (d) => `Soumis le ${d}.`,
    receipt: 'Accusé de réception : empreinte du contenu (SHA-256)',
    readOnly: 'Le rapport a été soumis et ne peut plus être modifié. Le Secrétariat peut le rouvrir.',
    extensionHeading: 'Demander un délai',
    proposedDate: 'Nouvelle échéance proposée',
    reason: 'Motif',
    sendRequest: 'Envoyer la demande',
    requested: (d) => `Vous avez demandé un délai le ${d}. Le Secrétariat répondra par courriel.`,
    problems: {
      unknown: 'Ce lien n’est pas valide.',
      revoked: 'Ce lien a été remplacé ou retiré. Utilisez le courriel le plus récent du Secrétariat.',
      expired: 'Ce lien a expiré.',
      rate_limited: 'Trop de tentatives avec des liens non valides. Réessayez dans 15 minutes.',
      no_session: 'Votre session a pris fin. Ouvrez de nouveau le lien reçu par courriel.',
      unavailable:
        'Le système ne répond pas pour le moment. Rien de ce que vous avez enregistré n’est perdu : réessayez dans quelques minutes.',
    },
    help: 'Si vous avez besoin d’un nouveau lien, écrivez au Secrétariat des Sommets.',
    notSaved: 'Votre réponse n’a pas pu être enregistrée :',
    back: 'Retour au rapport',
    languageNames: { en: 'anglais', es: 'espagnol', fr: 'français', pt: 'portugais' },
    notTranslated: (l) => `Ce texte n’est pas encore disponible en français : il est affiché en ${l}.`,
    summitName: (o) => `${o === 'I' ? 'Ier' : `${o}e`} Sommet des Amériques`,
    contents: 'Sommaire',
    nextUnanswered: 'Mandat suivant sans réponse',
    noneUnanswered: 'Tous les mandats ont une réponse.',
    filterHeading: 'Trouver des mandats',
    show: 'Afficher',
    allMandates: 'Tous les mandats',
    unansweredOnly: 'Sans réponse seulement',
    carriedOnly: 'Repris du cycle précédent',
    theme: 'Thème',
    allThemes: 'Tous les thèmes',
    search: 'Mots du texte',
    apply: 'Afficher',
    clearFilter: 'Tout afficher',
    matching: (n, t) => `${n} mandats sur ${t} correspondent.`,
    noMatch: 'Aucun mandat ne correspond.',
    groupCounts: (n, t) => `${n} sur ${t} ${n > 1 ? 'renseignés' : 'renseigné'}`,
    marks: { answered: 'renseigné', unanswered: 'pas encore de réponse', carried: 'repris du cycle précédent' },
    partOfGroup: (n, of) => `partie ${n} sur ${of}`,
    parts: 'Parties de ce groupe',
    inThisGroup: 'Mandats de ce groupe',
    pageOf: (n, of) => `Page ${n} sur ${of}`,
    pages: 'Pages',
    previousPage: 'Page précédente',
    nextPage: 'Page suivante',
    andMore: (n) => `… et ${n} de plus.`,
    showUnanswered: 'Afficher les mandats sans réponse',
    loading: 'Chargement…',
  },
  pt: {
    languageName: 'Português',
    pageTitle: 'Relatório sobre os mandatos das Cúpulas',
    org: 'Cúpulas das Américas',
    skip: 'Ir para os mandatos',
    languages: 'Idioma',
    state: 'Estado',
    deadline: 'Prazo',
    progress: 'Andamento',
    answeredOf: (n, t) => `${n} de ${t} mandatos respondidos`,
    daysLeft: (n) => `${n === 1 ? 'falta' : 'faltam'} ${n} ${n === 1 ? 'dia' : 'dias'}`,
    daysLate: (n) => `${n} ${n === 1 ? 'dia' : 'dias'} de atraso`,
    statuses: {
      fully_implemented: 'Plenamente implementado',
      partially_implemented: 'Parcialmente implementado',
      in_progress: 'Em andamento',
      not_started: 'Não iniciado',
      not_applicable: 'Não se aplica',
    },
    noAnswer: 'Ainda sem resposta',
    status: 'Situação da implementação',
    narrative: 'Medidas adotadas',
    difficulties: 'Dificuldades',
    evidence: 'Evidências (links)',
    evidenceTitle: 'Título',
    evidenceUrl: 'Endereço (http ou https)',
    addLink: 'Adicionar um link',
    save: 'Salvar',
    saveAll: 'Salvar tudo',
    saving: 'Salvando…',
    saved: 'Salvo',
    unsaved: 'Alterações não salvas',
    conflict: 'Outra pessoa alterou esta resposta nesse meio-tempo. Seu texto não foi salvo por cima do dela.',
    reload: 'Carregar a resposta atual',
    failed: 'Não salvo:',
    partOf: 'Parte de',
    note: 'Nota',
    submitHeading: 'Enviar o relatório',
    submitHelp: 'Depois de enviado, as respostas ficam somente para leitura; a Secretaria pode reabri-las.',
    submitButton: 'Enviar o relatório…',
    confirmTitle: 'Enviar o relatório?',
    unansweredList: 'Estes mandatos ainda não têm resposta:',
    allAnswered: 'Todos os mandatos têm resposta.',
    confirm: 'Sim, enviar',
    cancel: 'Voltar',
    submittedOn: (d) => `Enviado em ${d}.`,
    receipt: 'Recibo: impressão digital do conteúdo (SHA-256)',
    readOnly: 'O relatório foi enviado e não pode mais ser alterado. A Secretaria pode reabri-lo.',
    extensionHeading: 'Pedir mais prazo',
    proposedDate: 'Novo prazo proposto',
    reason: 'Motivo',
    sendRequest: 'Enviar o pedido',
    requested: (d) => `Você pediu mais prazo em ${d}. A Secretaria responderá por e-mail.`,
    problems: {
      unknown: 'Este link não é válido.',
      revoked: 'Este link foi substituído ou retirado. Use o e-mail mais recente da Secretaria.',
      expired: 'Este link expirou.',
      rate_limited: 'Tentativas demais com links inválidos. Tente novamente em 15 minutos.',
      no_session: 'Sua sessão terminou. Abra novamente o link do seu e-mail.',
      unavailable: 'O sistema não está respondendo no momento. Nada do que foi salvo se perdeu: tente novamente em alguns minutos.',
    },
    help: 'Se precisar de um novo link, escreva à Secretaria de Cúpulas.',
    notSaved: 'Não foi possível salvar sua resposta:',
    back: 'Voltar ao relatório',
    languageNames: { en: 'inglês', es: 'espanhol', fr: 'francês', pt: 'português' },
    notTranslated: (l) => `Este texto ainda não está disponível em português: é exibido em ${l}.`,
    summitName: (o) => `${o} Cúpula das Américas`,
    contents: 'Sumário',
    nextUnanswered: 'Próximo mandato sem resposta',
    noneUnanswered: 'Todos os mandatos têm resposta.',
    filterHeading: 'Encontrar mandatos',
    show: 'Mostrar',
    allMandates: 'Todos os mandatos',
    unansweredOnly: 'Somente sem resposta',
    carriedOnly: 'Trazidos do ciclo anterior',
    theme: 'Tema',
    allThemes: 'Todos os temas',
    search: 'Palavras do texto',
    apply: 'Mostrar',
    clearFilter: 'Mostrar tudo',
    matching: (n, t) => `${n} de ${t} mandatos correspondem.`,
    noMatch: 'Nenhum mandato corresponde.',
    groupCounts: (n, t) => `${n} de ${t} respondidos`,
    marks: { answered: 'respondido', unanswered: 'ainda sem resposta', carried: 'trazido do ciclo anterior' },
    partOfGroup: (n, of) => `parte ${n} de ${of}`,
    parts: 'Partes deste grupo',
    inThisGroup: 'Mandatos deste grupo',
    pageOf: (n, of) => `Página ${n} de ${of}`,
    pages: 'Páginas',
    previousPage: 'Página anterior',
    nextPage: 'Próxima página',
    andMore: (n) => `… e mais ${n}.`,
    showUnanswered: 'Mostrar os mandatos sem resposta',
    loading: 'Carregando…',
  },
};

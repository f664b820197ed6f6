import type { Language } from '../domain/states';
import type { StatusKey } from '../domain/report';
import type { AssignmentStatus } from '../domain/cycles';
import type { Change } from '../domain/changes';
import { PORTAL_WORDS } from './portal-words';

export interface ReportWords {
  title: string;
  generated: (date: string) => string;
  scopeSubmitted: string;
  scopeAll: string;
  noAnswers: string;
  response: string;
  invited: string;
  submitted: string;
  onTime: string;
  late: string;
  notSubmitted: string;
  extensionsGranted: string;
  responseRate: string;
  onTimeRate: string;
  statuses: Record<StatusKey, string>;
  /** Where each state's report stands (the By state sheet and table). */
  stateStatuses: Record<AssignmentStatus | 'late', string>;
  /** The label of a table that scrolls sideways on a narrow screen. */
  scrollTable: (caption: string) => string;
  /** The heading of the answers, state by state (HTML). */
  answersOf: (state: string) => string;
  byMandate: string;
  byState: string;
  bySummit: string;
  byDocument: string;
  byTheme: string;
  noTheme: string;
  theme: string;
  answers: string;
  summary: string;
  trend: string;
  implementedShare: string;
  /** The change since each state's previous cycle (summary, HTML section). */
  changesSince: string;
  changesNote: string;
  changes: Record<Change, string>;
  carriedConfirmed: string;
  carriedUpdated: string;
  /** The roll-up along chains of linked mandates. */
  byLineage: string;
  lineageNote: string;
  notAsked: string;
  files: (n: number) => string;
  columns: {
    state: string;
    stateName: string;
    mandate: string;
    label: string;
    document: string;
    year: string;
    summit: string;
    status: string;
    narrative: string;
    difficulties: string;
    evidence: string;
    updatedAt: string;
    submitted: string;
    answered: string;
    deadline: string;
    daysLate: string;
    reminders: string;
    extensions: string;
    text: string;
    mandates: string;
    metric: string;
    value: string;
    cycle: string;
    files: string;
    updatedBy: string;
    previousStatus: string;
    change: string;
    carried: string;
    chain: string;
  };
  yes: string;
  no: string;
}

const en: ReportWords = {
  title: 'Status report',
  generated: (d) => `Generated on ${d}`,
  scopeSubmitted: 'Status counts include submitted reports only.',
  scopeAll: 'Status counts include every saved answer, submitted or not.',
  noAnswers: 'No answers have been counted yet: this report shows who was invited and what is still open.',
  response: 'Response',
  invited: 'States invited',
  submitted: 'Submitted',
  onTime: 'On time',
  late: 'Late',
  notSubmitted: 'Not submitted',
  extensionsGranted: 'Extensions granted',
  responseRate: 'Response rate',
  onTimeRate: 'On-time rate',
  statuses: { ...PORTAL_WORDS.en.statuses, no_answer: 'No answer' },
  stateStatuses: {
    pending: 'Not yet invited',
    invited: 'Invited',
    opened: 'Opened',
    in_progress: 'In progress',
    submitted: 'Submitted',
    in_review: 'In review',
    returned: 'Returned',
    resubmitted: 'Resubmitted',
    accepted: 'Accepted',
    late: 'Late',
  },
  scrollTable: (c) => `${c} (scrolls sideways)`,
  answersOf: (s) => `Answers of ${s}`,
  byMandate: 'By mandate',
  byState: 'By state',
  bySummit: 'By summit',
  byDocument: 'By instrument',
  byTheme: 'By theme',
  noTheme: 'No theme',
  theme: 'Theme',
  answers: 'Answers',
  summary: 'Summary',
  trend: 'Across cycles',
  implementedShare: 'Implemented (fully or partially)',
  changesSince: 'Change since the previous cycle',
  changesNote: 'Each state compared with its own previous cycle; a state reporting for the first time counts its answers as new.',
  changes: {
    improved: 'Improved',
    unchanged: 'Unchanged',
    regressed: 'Regressed',
    new: 'New',
    changed: 'Changed (not applicable)',
    unanswered: 'Not answered',
  },
  carriedConfirmed: 'Carried forward, confirmed unchanged',
  carriedUpdated: 'Carried forward, updated',
  byLineage: 'Along linked mandates',
  lineageNote: 'Mandates that reaffirm or continue one another, oldest first, with the answers to those this cycle asks about added up.',
  notAsked: 'not asked in this cycle',
  files: (n) => (n === 1 ? '1 file' : `${n} files`),
  columns: {
    state: 'State code',
    stateName: 'State',
    mandate: 'Mandate id',
    label: 'Label',
    document: 'Instrument',
    year: 'Year',
    summit: 'Summit',
    status: 'Status',
    narrative: 'Measures taken',
    difficulties: 'Difficulties',
    evidence: 'Evidence',
    updatedAt: 'Last saved',
    submitted: 'Submitted',
    answered: 'Answered',
    deadline: 'Deadline',
    daysLate: 'Days late',
    reminders: 'Reminders',
    extensions: 'Extensions',
    text: 'Text',
    mandates: 'Mandates',
    metric: 'Measure',
    value: 'Value',
    cycle: 'Cycle',
    files: 'Files',
    updatedBy: 'Last changed by',
    previousStatus: 'Previous cycle',
    change: 'Change',
    carried: 'Carried forward',
    chain: 'Linked mandates',
  },
  yes: 'yes',
  no: 'no',
};

const es: ReportWords = {
  title: 'Informe de situación',
  generated: (d) => `Generado el ${d}`,
  scopeSubmitted: 'Los recuentos incluyen solo los informes enviados.',
  scopeAll: 'Los recuentos incluyen todas las respuestas guardadas, enviadas o no.',
  noAnswers: 'Aún no se ha contado ninguna respuesta: este informe muestra a quién se invitó y qué sigue pendiente.',
  response: 'Respuesta',
  invited: 'Estados invitados',
  submitted: 'Enviados',
  onTime: 'A tiempo',
  late: 'Con retraso',
  notSubmitted: 'No enviados',
  extensionsGranted: 'Prórrogas concedidas',
  responseRate: 'Tasa de respuesta',
  onTimeRate: 'Tasa de puntualidad',
  statuses: { ...PORTAL_WORDS.es.statuses, no_answer: 'Sin respuesta' },
  stateStatuses: {
    pending: 'Pendiente de invitación',
    invited: 'Invitado',
    opened: 'Abierto',
    in_progress: 'En curso',
    submitted: 'Enviado',
    in_review: 'En revisión',
    returned: 'Devuelto',
    resubmitted: 'Reenviado',
    accepted: 'Aceptado',
    late: 'Con retraso',
  },
  scrollTable: (c) => `${c} (se desplaza horizontalmente)`,
  answersOf: (s) => `Respuestas de ${s}`,
  byMandate: 'Por mandato',
  byState: 'Por Estado',
  bySummit: 'Por Cumbre',
  byDocument: 'Por instrumento',
  byTheme: 'Por tema',
  noTheme: 'Sin tema',
  theme: 'Tema',
  answers: 'Respuestas',
  summary: 'Resumen',
  trend: 'Entre ciclos',
  implementedShare: 'Implementado (plena o parcialmente)',
  changesSince: 'Cambio desde el ciclo anterior',
  changesNote:
    'Cada Estado comparado con su propio ciclo anterior; un Estado que informa por primera vez cuenta sus respuestas como nuevas.',
  changes: {
    improved: 'Mejoró',
    unchanged: 'Sin cambio',
    regressed: 'Retrocedió',
    new: 'Nueva',
    changed: 'Cambió (no aplica)',
    unanswered: 'Sin respuesta',
  },
  carriedConfirmed: 'Traída del ciclo anterior, confirmada sin cambios',
  carriedUpdated: 'Traída del ciclo anterior, actualizada',
  byLineage: 'Por mandatos vinculados',
  lineageNote:
    'Mandatos que reafirman o continúan otros, del más antiguo al más reciente, con la suma de las respuestas a los que este ciclo pregunta.',
  notAsked: 'no incluido en este ciclo',
  files: (n) => (n === 1 ? '1 archivo' : `${n} archivos`),
  columns: {
    state: 'Código del Estado',
    stateName: 'Estado',
    mandate: 'Id del mandato',
    label: 'Número',
    document: 'Instrumento',
    year: 'Año',
    summit: 'Cumbre',
    status: 'Estado de implementación',
    narrative: 'Medidas adoptadas',
    difficulties: 'Dificultades',
    evidence: 'Evidencia',
    updatedAt: 'Guardado',
    submitted: 'Enviado',
    answered: 'Respondidos',
    deadline: 'Plazo',
    daysLate: 'Días de retraso',
    reminders: 'Recordatorios',
    extensions: 'Prórrogas',
    text: 'Texto',
    mandates: 'Mandatos',
    metric: 'Medida',
    value: 'Valor',
    cycle: 'Ciclo',
    files: 'Archivos',
    updatedBy: 'Último cambio por',
    previousStatus: 'Ciclo anterior',
    change: 'Cambio',
    carried: 'Traída del ciclo anterior',
    chain: 'Mandatos vinculados',
  },
  yes: 'sí',
  no: 'no',
};

const fr: ReportWords = {
  title: 'Rapport de situation',
  generated: (d) => `Produit le ${d}`,
  scopeSubmitted: 'Les décomptes ne portent que sur les rapports soumis.',
  scopeAll: 'Les décomptes portent sur toutes les réponses enregistrées, soumises ou non.',
  noAnswers: 'Aucune réponse n’est encore comptée : ce rapport montre qui a été invité et ce qui reste ouvert.',
  response: 'Réponse',
  invited: 'États invités',
  submitted: 'Soumis',
  onTime: 'Dans les délais',
  late: 'En retard',
  notSubmitted: 'Non soumis',
  extensionsGranted: 'Prolongations accordées',
  responseRate: 'Taux de réponse',
  onTimeRate: 'Taux de ponctualité',
  statuses: { ...PORTAL_WORDS.fr.statuses, no_answer: 'Pas de réponse' },
  stateStatuses: {
    pending: 'Pas encore invité',
    invited: 'Invité',
    opened: 'Ouvert',
    in_progress: 'En cours',
    submitted: 'Soumis',
    in_review: 'En examen',
    returned: 'Renvoyé',
    resubmitted: 'Soumis à nouveau',
    accepted: 'Accepté',
    late: 'En retard',
  },
  scrollTable: (c) => `${c} (défile horizontalement)`,
  answersOf: (s) => `Réponses : ${s}`,
  byMandate: 'Par mandat',
  byState: 'Par État',
  bySummit: 'Par Sommet',
  byDocument: 'Par instrument',
  byTheme: 'Par thème',
  noTheme: 'Sans thème',
  theme: 'Thème',
  answers: 'Réponses',
  summary: 'Synthèse',
  trend: 'D’un cycle à l’autre',
  implementedShare: 'Mis en œuvre (pleinement ou partiellement)',
  changesSince: 'Évolution depuis le cycle précédent',
  changesNote:
    'Chaque État est comparé à son propre cycle précédent ; un État qui répond pour la première fois compte ses réponses comme nouvelles.',
  changes: {
    improved: 'En progrès',
    unchanged: 'Inchangé',
    regressed: 'En recul',
    new: 'Nouveau',
    changed: 'Modifié (sans objet)',
    unanswered: 'Sans réponse',
  },
  carriedConfirmed: 'Reprise du cycle précédent, confirmée sans changement',
  carriedUpdated: 'Reprise du cycle précédent, mise à jour',
  byLineage: 'Par mandats liés',
  lineageNote:
    "Mandats qui en réaffirment ou en prolongent d'autres, du plus ancien au plus récent, avec le total des réponses à ceux que ce cycle demande.",
  notAsked: 'non demandé dans ce cycle',
  files: (n) => (n <= 1 ? `${n} fichier` : `${n} fichiers`),
  columns: {
    state: 'Code de l’État',
    stateName: 'État',
    mandate: 'Id du mandat',
    label: 'Numéro',
    document: 'Instrument',
    year: 'Année',
    summit: 'Sommet',
    status: 'État de mise en œuvre',
    narrative: 'Mesures prises',
    difficulties: 'Difficultés',
    evidence: 'Justificatifs',
    updatedAt: 'Enregistré',
    submitted: 'Soumis',
    answered: 'Renseignés',
    deadline: 'Échéance',
    daysLate: 'Jours de retard',
    reminders: 'Rappels',
    extensions: 'Prolongations',
    text: 'Texte',
    mandates: 'Mandats',
    metric: 'Mesure',
    value: 'Valeur',
    cycle: 'Cycle',
    files: 'Fichiers',
    updatedBy: 'Dernière modification par',
    previousStatus: 'Cycle précédent',
    change: 'Évolution',
    carried: 'Reprise',
    chain: 'Mandats liés',
  },
  yes: 'oui',
  no: 'non',
};

const pt: ReportWords = {
  title: 'Relatório de situação',
  generated: (d) => `Gerado em ${d}`,
  scopeSubmitted: 'As contagens incluem apenas os relatórios enviados.',
  scopeAll: 'As contagens incluem todas as respostas salvas, enviadas ou não.',
  noAnswers: 'Nenhuma resposta foi contada ainda: este relatório mostra quem foi convidado e o que continua em aberto.',
  response: 'Resposta',
  invited: 'Estados convidados',
  submitted: 'Enviados',
  onTime: 'No prazo',
  late: 'Com atraso',
  notSubmitted: 'Não enviados',
  extensionsGranted: 'Prorrogações concedidas',
  responseRate: 'Taxa de resposta',
  onTimeRate: 'Taxa de pontualidade',
  statuses: { ...PORTAL_WORDS.pt.statuses, no_answer: 'Sem resposta' },
  stateStatuses: {
    pending: 'Ainda não convidado',
    invited: 'Convidado',
    opened: 'Aberto',
    in_progress: 'Em andamento',
    submitted: 'Enviado',
    in_review: 'Em revisão',
    returned: 'Devolvido',
    resubmitted: 'Reenviado',
    accepted: 'Aceito',
    late: 'Com atraso',
  },
  scrollTable: (c) => `${c} (rola horizontalmente)`,
  answersOf: (s) => `Respostas de ${s}`,
  byMandate: 'Por mandato',
  byState: 'Por Estado',
  bySummit: 'Por Cúpula',
  byDocument: 'Por instrumento',
  byTheme: 'Por tema',
  noTheme: 'Sem tema',
  theme: 'Tema',
  answers: 'Respostas',
  summary: 'Resumo',
  trend: 'Entre ciclos',
  implementedShare: 'Implementado (plena ou parcialmente)',
  changesSince: 'Mudança desde o ciclo anterior',
  changesNote:
    'Cada Estado comparado com o seu próprio ciclo anterior; um Estado que responde pela primeira vez conta as respostas como novas.',
  changes: {
    improved: 'Melhorou',
    unchanged: 'Sem mudança',
    regressed: 'Regrediu',
    new: 'Nova',
    changed: 'Mudou (não se aplica)',
    unanswered: 'Sem resposta',
  },
  carriedConfirmed: 'Trazida do ciclo anterior, confirmada sem mudança',
  carriedUpdated: 'Trazida do ciclo anterior, atualizada',
  byLineage: 'Por mandatos vinculados',
  lineageNote:
    'Mandatos que reafirmam ou continuam outros, do mais antigo ao mais recente, com a soma das respostas aos que este ciclo pergunta.',
  notAsked: 'não incluído neste ciclo',
  files: (n) => (n === 1 ? '1 arquivo' : `${n} arquivos`),
  columns: {
    state: 'Código do Estado',
    stateName: 'Estado',
    mandate: 'Id do mandato',
    label: 'Número',
    document: 'Instrumento',
    year: 'Ano',
    summit: 'Cúpula',
    status: 'Situação da implementação',
    narrative: 'Medidas adotadas',
    difficulties: 'Dificuldades',
    evidence: 'Evidências',
    updatedAt: 'Salvo em',
    submitted: 'Enviado',
    answered: 'Respondidos',
    deadline: 'Prazo',
    daysLate: 'Dias de atraso',
    reminders: 'Lembretes',
    extensions: 'Prorrogações',
    text: 'Texto',
    mandates: 'Mandatos',
    metric: 'Medida',
    value: 'Valor',
    cycle: 'Ciclo',
    files: 'Arquivos',
    updatedBy: 'Última alteração por',
    previousStatus: 'Ciclo anterior',
    change: 'Mudança',
    carried: 'Trazida do ciclo anterior',
    chain: 'Mandatos vinculados',
  },
  yes: 'sim',
  no: 'não',
};

export const REPORT_WORDS: Record<Language, ReportWords> = { en, es, fr, pt };

/**
 * The member states' names in the report's languages, by ISO code. The register (seeds/states.json) knows each
 * state's English name and its name in its own language; the other languages are here. A code not listed keeps
 * the register's name.
 */
const STATE_NAMES: Record<string, Record<'es' | 'fr' | 'pt', string>> = {
  ATG: { es: 'Antigua y Barbuda', fr: 'Antigua-et-Barbuda', pt: 'Antígua e Barbuda' },
  ARG: { es: 'Argentina', fr: 'Argentine', pt: 'Argentina' },
  BHS: { es: 'Bahamas', fr: 'Bahamas', pt: 'Bahamas' },
  BRB: { es: 'Barbados', fr: 'Barbade', pt: 'Barbados' },
  BLZ: { es: 'Belice', fr: 'Belize', pt: 'Belize' },
  BOL: { es: 'Bolivia', fr: 'Bolivie', pt: 'Bolívia' },
  BRA: { es: 'Brasil', fr: 'Brésil', pt: 'Brasil' },
  CAN: { es: 'Canadá', fr: 'Canada', pt: 'Canadá' },
  CHL: { es: 'Chile', fr: 'Chili', pt: 'Chile' },
  COL: { es: 'Colombia', fr: 'Colombie', pt: 'Colômbia' },
  CRI: { es: 'Costa Rica', fr: 'Costa Rica', pt: 'Costa Rica' },
  CUB: { es: 'Cuba', fr: 'Cuba', pt: 'Cuba' },
  DMA: { es: 'Dominica', fr: 'Dominique', pt: 'Dominica' },
  DOM: { es: 'República Dominicana', fr: 'République dominicaine', pt: 'República Dominicana' },
  ECU: { es: 'Ecuador', fr: 'Équateur', pt: 'Equador' },
  SLV: { es: 'El Salvador', fr: 'El Salvador', pt: 'El Salvador' },
  GRD: { es: 'Granada', fr: 'Grenade', pt: 'Granada' },
  GTM: { es: 'Guatemala', fr: 'Guatemala', pt: 'Guatemala' },
  GUY: { es: 'Guyana', fr: 'Guyana', pt: 'Guiana' },
  HTI: { es: 'Haití', fr: 'Haïti', pt: 'Haiti' },
  HND: { es: 'Honduras', fr: 'Honduras', pt: 'Honduras' },
  JAM: { es: 'Jamaica', fr: 'Jamaïque', pt: 'Jamaica' },
  MEX: { es: 'México', fr: 'Mexique', pt: 'México' },
  NIC: { es: 'Nicaragua', fr: 'Nicaragua', pt: 'Nicarágua' },
  PAN: { es: 'Panamá', fr: 'Panama', pt: 'Panamá' },
  PRY: { es: 'Paraguay', fr: 'Paraguay', pt: 'Paraguai' },
  PER: { es: 'Perú', fr: 'Pérou', pt: 'Peru' },
  KNA: { es: 'Saint Kitts y Nevis', fr: 'Saint-Kitts-et-Nevis', pt: 'São Cristóvão e Névis' },
  LCA: { es: 'Santa Lucía', fr: 'Sainte-Lucie', pt: 'Santa Lúcia' },
  VCT: { es: 'San Vicente y las Granadinas', fr: 'Saint-Vincent-et-les-Grenadines', pt: 'São Vicente e Granadinas' },
  SUR: { es: 'Suriname', fr: 'Suriname', pt: 'Suriname' },
  TTO: { es: 'Trinidad y Tabago', fr: 'Trinité-et-Tobago', pt: 'Trinidad e Tobago' },
  USA: { es: 'Estados Unidos', fr: 'États-Unis', pt: 'Estados Unidos' },
  URY: { es: 'Uruguay', fr: 'Uruguay', pt: 'Uruguai' },
  VEN: { es: 'Venezuela', fr: 'Venezuela', pt: 'Venezuela' },
};

/** A state's name in the report's language: the register's (English) name where none is known. */
export function stateNameIn(code: string, registerName: string, language: Language): string {
  return language === 'en' ? registerName : (STATE_NAMES[code]?.[language] ?? registerName);
}

import type { Language } from '../domain/states';
import type { StatusKey } from '../domain/report';
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
  },
  yes: 'sim',
  no: 'não',
};

export const REPORT_WORDS: Record<Language, ReportWords> = { en, es, fr, pt };

import type { Language } from '../domain/states';

/** The answering page's words for many hands: review, thread, history, chain, files, contributors. */
export interface TeamWords {
  reviewReturned: string;
  reviewAccepted: string;
  lastChanged: (by: string, when: string) => string;
  history: string;
  lineage: string;
  kinds: Record<'reaffirms' | 'continues', string>;
  files: string;
  download: (name: string) => string;
  chooseFile: string;
  upload: string;
  uploading: string;
  uploaded: string;
  uploadNeedsScript: string;
  fileTypes: string;
  uploadProblems: Record<'tooBig' | 'badType' | 'tooMany' | 'rejected' | 'failed' | 'noFile', string>;
  thread: string;
  sides: Record<'state' | 'secretariat', string>;
  writeToSecretariat: string;
  yourMessage: string;
  send: string;
  carriedNote: (title: string) => string;
  confirmUnchanged: string;
  returnedTitle: string;
  returnedHelp: (deadline: string) => string;
  andMore: (n: number) => string;
  submitAgain: string;
  reportStatus: Record<'submitted' | 'in_review' | 'resubmitted' | 'accepted', string>;
  round: (n: number) => string;
  contributorBanner: (n: number, state: string) => string;
  contributorHelp: string;
  yours: string;
  notYours: string;
  team: string;
  teamLink: string;
  teamIntro: string;
  noContributors: string;
  progressOf: (n: number, total: number) => string;
  lastSaved: (when: string) => string;
  nothingSaved: string;
  addTitle: string;
  name: string;
  email: string;
  institution: string;
  byGroup: string;
  oneGroup: string;
  chooseGroup: string;
  showGroup: string;
  mandatesOf: string;
  addButton: string;
  removeButton: (name: string) => string;
  removeTitle: (name: string) => string;
  removeHelp: string;
  removeYes: string;
  added: string;
  removed: string;
  backToReport: string;
  mandateCount: (n: number) => string;
  noMandates: string;
  contributorProblems: Record<'name' | 'email' | 'institution' | 'exists' | 'tooMany' | 'other', string>;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many).replace('{n}', String(n));

export const TEAM_WORDS: Record<Language, TeamWords> = {
  en: {
    reviewReturned: 'Sent back by the secretariat',
    reviewAccepted: 'Accepted by the secretariat: locked',
    lastChanged: (by, when) => `Last changed by ${by} on ${when}`,
    history: 'In earlier cycles',
    lineage: 'Chain of mandates',
    kinds: { reaffirms: 'Reaffirms', continues: 'Continues' },
    files: 'Files',
    download: (name) => `Download ${name}`,
    chooseFile: 'Add a file (PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG; at most 20 MB)',
    upload: 'Upload',
    uploading: 'Uploading…',
    uploaded: 'File uploaded.',
    uploadNeedsScript: 'Uploading files needs JavaScript. You can add links to documents above.',
    fileTypes: 'PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG; at most 20 MB',
    uploadProblems: {
      tooBig: 'The file is larger than 20 MB.',
      badType: 'This type of file is not accepted: PDF, Word, Excel, OpenDocument, CSV, PNG or JPEG.',
      tooMany: 'An answer holds 20 files at most.',
      rejected: 'The file was refused: its contents do not match its type, or it changed on the way.',
      failed: 'The file could not be uploaded. Try again later.',
      noFile: 'Choose a file first.',
    },
    thread: 'Messages with the secretariat',
    sides: { state: 'State', secretariat: 'Secretariat' },
    writeToSecretariat: 'Write to the secretariat',
    yourMessage: 'Your message',
    send: 'Send',
    carriedNote: (title) => `Carried from ${title}: confirm or update.`,
    confirmUnchanged: 'Confirm unchanged',
    returnedTitle: 'The secretariat sent back some answers',
    returnedHelp: (deadline) => `Edit them, then submit the report again by ${deadline}.`,
    andMore: (n) => plural(n, 'and 1 more', 'and {n} more'),
    submitAgain: 'Submit again',
    reportStatus: {
      submitted: 'Submitted: waiting for the secretariat’s review.',
      in_review: 'The secretariat is reviewing the report.',
      resubmitted: 'Submitted again: waiting for the secretariat’s review.',
      accepted: 'Accepted by the secretariat: the report is closed.',
    },
    round: (n) => `Round ${n}`,
    contributorBanner: (n, state) =>
      plural(
        n,
        `You answer 1 mandate of ${state}’s report for the coordinator.`,
        `You answer {n} mandates of ${state}’s report for the coordinator.`,
      ),
    contributorHelp: 'Your mandates are marked “yours”. The others are shown read-only. The coordinator submits the report.',
    yours: 'yours',
    notYours: 'Answered by someone else: read-only for you.',
    team: 'Contributors',
    teamLink: 'Contributors: who answers what',
    teamIntro:
      'Bring in the people who answer some mandates. Each gets an email with a link of their own and can save only their mandates. Only you submit the report.',
    noContributors: 'No contributors yet.',
    progressOf: (n, total) => `${n} of ${total} answered`,
    lastSaved: (when) => `last saved ${when}`,
    nothingSaved: 'nothing saved yet',
    addTitle: 'Add a contributor',
    name: 'Name',
    email: 'Email',
    institution: 'Institution (optional)',
    byGroup: 'Whole groups of mandates (theme and instrument)',
    oneGroup: 'Or single mandates of one group',
    chooseGroup: 'Group',
    showGroup: 'Show its mandates',
    mandatesOf: 'Mandates of this group',
    addButton: 'Add and send the invitation',
    removeButton: (name) => `Remove ${name}…`,
    removeTitle: (name) => `Remove ${name}?`,
    removeHelp: 'The link they were sent will stop working at once. The answers they saved stay.',
    removeYes: 'Yes, remove',
    added: 'Contributor added: the invitation is on its way.',
    removed: 'Contributor removed: their link no longer works.',
    backToReport: 'Back to the report',
    mandateCount: (n) => plural(n, '1 mandate', '{n} mandates'),
    noMandates: 'Choose at least one group or mandate.',
    contributorProblems: {
      name: 'Name: required, on one line.',
      email: 'Email: give a valid email address.',
      institution: 'Institution: on one line, at most 200 characters.',
      exists: 'This email address is already a contributor of the report.',
      tooMany: 'A report has 50 contributors at most.',
      other: 'The contributor could not be added.',
    },
  },
  es: {
    reviewReturned: 'Devuelta por la secretaría',
    reviewAccepted: 'Aceptada por la secretaría: bloqueada',
    lastChanged: (by, when) => `Último cambio: ${by}, el ${when}`,
    history: 'En ciclos anteriores',
    lineage: 'Cadena de mandatos',
    kinds: { reaffirms: 'Reafirma', continues: 'Continúa' },
    files: 'Archivos',
    download: (name) => `Descargar ${name}`,
    chooseFile: 'Agregar un archivo (PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG; 20 MB como máximo)',
    upload: 'Subir',
    uploading: 'Subiendo…',
    uploaded: 'Archivo subido.',
    uploadNeedsScript: 'Para subir archivos se necesita JavaScript. Puede agregar enlaces a documentos más arriba.',
    fileTypes: 'PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG; 20 MB como máximo',
    uploadProblems: {
      tooBig: 'El archivo pesa más de 20 MB.',
      badType: 'No se acepta este tipo de archivo: PDF, Word, Excel, OpenDocument, CSV, PNG o JPEG.',
      tooMany: 'Una respuesta admite 20 archivos como máximo.',
      rejected: 'El archivo fue rechazado: su contenido no corresponde a su tipo, o cambió en el camino.',
      failed: 'No se pudo subir el archivo. Inténtelo más tarde.',
      noFile: 'Elija un archivo primero.',
    },
    thread: 'Mensajes con la secretaría',
    sides: { state: 'Estado', secretariat: 'Secretaría' },
    writeToSecretariat: 'Escribir a la secretaría',
    yourMessage: 'Su mensaje',
    send: 'Enviar',
    carriedNote: (title) => `Traída de ${title}: confirme o actualice.`,
    confirmUnchanged: 'Confirmar sin cambios',
    returnedTitle: 'La secretaría devolvió algunas respuestas',
    returnedHelp: (deadline) => `Modifíquelas y vuelva a enviar el informe antes del ${deadline}.`,
    andMore: (n) => plural(n, 'y 1 más', 'y {n} más'),
    submitAgain: 'Enviar de nuevo',
    reportStatus: {
      submitted: 'Enviado: a la espera de la revisión de la secretaría.',
      in_review: 'La secretaría está revisando el informe.',
      resubmitted: 'Enviado de nuevo: a la espera de la revisión de la secretaría.',
      accepted: 'Aceptado por la secretaría: el informe está cerrado.',
    },
    round: (n) => `Ronda ${n}`,
    contributorBanner: (n, state) =>
      plural(
        n,
        `Usted responde 1 mandato del informe de ${state} para el coordinador.`,
        `Usted responde {n} mandatos del informe de ${state} para el coordinador.`,
      ),
    contributorHelp: 'Sus mandatos están marcados «suyo». Los demás se muestran en solo lectura. El coordinador envía el informe.',
    yours: 'suyo',
    notYours: 'Lo responde otra persona: solo lectura para usted.',
    team: 'Colaboradores',
    teamLink: 'Colaboradores: quién responde qué',
    teamIntro:
      'Sume a las personas que responden algunos mandatos. Cada una recibe un correo con su propio enlace y solo puede guardar sus mandatos. Solo usted envía el informe.',
    noContributors: 'Todavía no hay colaboradores.',
    progressOf: (n, total) => `${n} de ${total} respondidos`,
    lastSaved: (when) => `último guardado ${when}`,
    nothingSaved: 'nada guardado aún',
    addTitle: 'Agregar un colaborador',
    name: 'Nombre',
    email: 'Correo electrónico',
    institution: 'Institución (opcional)',
    byGroup: 'Grupos enteros de mandatos (tema e instrumento)',
    oneGroup: 'O mandatos sueltos de un grupo',
    chooseGroup: 'Grupo',
    showGroup: 'Mostrar sus mandatos',
    mandatesOf: 'Mandatos de este grupo',
    addButton: 'Agregar y enviar la invitación',
    removeButton: (name) => `Quitar a ${name}…`,
    removeTitle: (name) => `¿Quitar a ${name}?`,
    removeHelp: 'El enlace que recibió dejará de funcionar de inmediato. Las respuestas que guardó se conservan.',
    removeYes: 'Sí, quitar',
    added: 'Colaborador agregado: la invitación está en camino.',
    removed: 'Colaborador quitado: su enlace ya no funciona.',
    backToReport: 'Volver al informe',
    mandateCount: (n) => plural(n, '1 mandato', '{n} mandatos'),
    noMandates: 'Elija al menos un grupo o un mandato.',
    contributorProblems: {
      name: 'Nombre: obligatorio, en una línea.',
      email: 'Correo electrónico: indique una dirección válida.',
      institution: 'Institución: en una línea, 200 caracteres como máximo.',
      exists: 'Esta dirección ya es colaboradora del informe.',
      tooMany: 'Un informe tiene 50 colaboradores como máximo.',
      other: 'No se pudo agregar al colaborador.',
    },
  },
  fr: {
    reviewReturned: 'Renvoyée par le secrétariat',
    reviewAccepted: 'Acceptée par le secrétariat : verrouillée',
    lastChanged: (by, when) => `Dernière modification : ${by}, le ${when}`,
    history: 'Lors des cycles précédents',
    lineage: 'Chaîne de mandats',
    kinds: { reaffirms: 'Réaffirme', continues: 'Prolonge' },
    files: 'Fichiers',
    download: (name) => `Télécharger ${name}`,
    chooseFile: 'Ajouter un fichier (PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG ; 20 Mo au plus)',
    upload: 'Envoyer',
    uploading: 'Envoi en cours…',
    uploaded: 'Fichier envoyé.',
    uploadNeedsScript: 'L’envoi de fichiers nécessite JavaScript. Vous pouvez ajouter des liens vers des documents ci-dessus.',
    fileTypes: 'PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG ; 20 Mo au plus',
    uploadProblems: {
      tooBig: 'Le fichier dépasse 20 Mo.',
      badType: 'Ce type de fichier n’est pas accepté : PDF, Word, Excel, OpenDocument, CSV, PNG ou JPEG.',
      tooMany: 'Une réponse compte 20 fichiers au plus.',
      rejected: 'Le fichier a été refusé : son contenu ne correspond pas à son type, ou il a changé en route.',
      failed: 'Le fichier n’a pas pu être envoyé. Réessayez plus tard.',
      noFile: 'Choisissez d’abord un fichier.',
    },
    thread: 'Échanges avec le secrétariat',
    sides: { state: 'État', secretariat: 'Secrétariat' },
    writeToSecretariat: 'Écrire au secrétariat',
    yourMessage: 'Votre message',
    send: 'Envoyer le message',
    carriedNote: (title) => `Reprise de ${title} : confirmez ou mettez à jour.`,
    confirmUnchanged: 'Confirmer sans changement',
    returnedTitle: 'Le secrétariat a renvoyé des réponses',
    returnedHelp: (deadline) => `Modifiez-les, puis soumettez à nouveau le rapport avant le ${deadline}.`,
    andMore: (n) => plural(n, 'et 1 autre', 'et {n} autres'),
    submitAgain: 'Soumettre à nouveau',
    reportStatus: {
      submitted: 'Soumis : en attente de l’examen du secrétariat.',
      in_review: 'Le secrétariat examine le rapport.',
      resubmitted: 'Soumis à nouveau : en attente de l’examen du secrétariat.',
      accepted: 'Accepté par le secrétariat : le rapport est clos.',
    },
    round: (n) => `Tour ${n}`,
    contributorBanner: (n, state) =>
      plural(
        n,
        `Vous répondez à 1 mandat du rapport de ${state} pour le coordinateur.`,
        `Vous répondez à {n} mandats du rapport de ${state} pour le coordinateur.`,
      ),
    contributorHelp: 'Vos mandats sont marqués « à vous ». Les autres sont en lecture seule. Le coordinateur soumet le rapport.',
    yours: 'à vous',
    notYours: 'Une autre personne y répond : lecture seule pour vous.',
    team: 'Contributeurs',
    teamLink: 'Contributeurs : qui répond à quoi',
    teamIntro:
      'Faites appel aux personnes qui répondent à certains mandats. Chacune reçoit un courriel avec son propre lien et ne peut enregistrer que ses mandats. Vous seul soumettez le rapport.',
    noContributors: 'Aucun contributeur pour l’instant.',
    progressOf: (n, total) => `${n} sur ${total} renseignés`,
    lastSaved: (when) => `dernier enregistrement ${when}`,
    nothingSaved: 'rien d’enregistré',
    addTitle: 'Ajouter un contributeur',
    name: 'Nom',
    email: 'Courriel',
    institution: 'Institution (facultatif)',
    byGroup: 'Des groupes entiers de mandats (thème et instrument)',
    oneGroup: 'Ou des mandats d’un groupe',
    chooseGroup: 'Groupe',
    showGroup: 'Afficher ses mandats',
    mandatesOf: 'Mandats de ce groupe',
    addButton: 'Ajouter et envoyer l’invitation',
    removeButton: (name) => `Retirer ${name}…`,
    removeTitle: (name) => `Retirer ${name} ?`,
    removeHelp: 'Le lien qui lui a été envoyé cessera de fonctionner aussitôt. Les réponses enregistrées restent.',
    removeYes: 'Oui, retirer',
    added: 'Contributeur ajouté : l’invitation est en route.',
    removed: 'Contributeur retiré : son lien ne fonctionne plus.',
    backToReport: 'Retour au rapport',
    mandateCount: (n) => plural(n, '1 mandat', '{n} mandats'),
    noMandates: 'Choisissez au moins un groupe ou un mandat.',
    contributorProblems: {
      name: 'Nom : obligatoire, sur une ligne.',
      email: 'Courriel : donnez une adresse valide.',
      institution: 'Institution : sur une ligne, 200 caractères au plus.',
      exists: 'Cette adresse est déjà celle d’un contributeur du rapport.',
      tooMany: 'Un rapport compte 50 contributeurs au plus.',
      other: 'Le contributeur n’a pas pu être ajouté.',
    },
  },
  pt: {
    reviewReturned: 'Devolvida pela secretaria',
    reviewAccepted: 'Aceita pela secretaria: bloqueada',
    lastChanged: (by, when) => `Última alteração: ${by}, em ${when}`,
    history: 'Em ciclos anteriores',
    lineage: 'Cadeia de mandatos',
    kinds: { reaffirms: 'Reafirma', continues: 'Dá continuidade a' },
    files: 'Arquivos',
    download: (name) => `Baixar ${name}`,
    chooseFile: 'Adicionar um arquivo (PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG; no máximo 20 MB)',
    upload: 'Enviar',
    uploading: 'Enviando…',
    uploaded: 'Arquivo enviado.',
    uploadNeedsScript: 'O envio de arquivos requer JavaScript. Você pode adicionar links para documentos acima.',
    fileTypes: 'PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG; no máximo 20 MB',
    uploadProblems: {
      tooBig: 'O arquivo tem mais de 20 MB.',
      badType: 'Este tipo de arquivo não é aceito: PDF, Word, Excel, OpenDocument, CSV, PNG ou JPEG.',
      tooMany: 'Uma resposta tem no máximo 20 arquivos.',
      rejected: 'O arquivo foi recusado: seu conteúdo não corresponde ao tipo, ou mudou no caminho.',
      failed: 'Não foi possível enviar o arquivo. Tente mais tarde.',
      noFile: 'Escolha um arquivo primeiro.',
    },
    thread: 'Mensagens com a secretaria',
    sides: { state: 'Estado', secretariat: 'Secretaria' },
    writeToSecretariat: 'Escrever à secretaria',
    yourMessage: 'Sua mensagem',
    send: 'Enviar mensagem',
    carriedNote: (title) => `Trazida de ${title}: confirme ou atualize.`,
    confirmUnchanged: 'Confirmar sem mudanças',
    returnedTitle: 'A secretaria devolveu algumas respostas',
    returnedHelp: (deadline) => `Altere-as e envie o relatório novamente até ${deadline}.`,
    andMore: (n) => plural(n, 'e mais 1', 'e mais {n}'),
    submitAgain: 'Enviar novamente',
    reportStatus: {
      submitted: 'Enviado: aguardando a revisão da secretaria.',
      in_review: 'A secretaria está revisando o relatório.',
      resubmitted: 'Enviado novamente: aguardando a revisão da secretaria.',
      accepted: 'Aceito pela secretaria: o relatório está encerrado.',
    },
    round: (n) => `Rodada ${n}`,
    contributorBanner: (n, state) =>
      plural(
        n,
        `Você responde 1 mandato do relatório de ${state} para o coordenador.`,
        `Você responde {n} mandatos do relatório de ${state} para o coordenador.`,
      ),
    contributorHelp: 'Seus mandatos estão marcados como “seu”. Os demais aparecem somente para leitura. O coordenador envia o relatório.',
    yours: 'seu',
    notYours: 'Outra pessoa responde: somente leitura para você.',
    team: 'Colaboradores',
    teamLink: 'Colaboradores: quem responde o quê',
    teamIntro:
      'Chame as pessoas que respondem alguns mandatos. Cada uma recebe um e-mail com seu próprio link e só pode salvar os seus mandatos. Só você envia o relatório.',
    noContributors: 'Ainda não há colaboradores.',
    progressOf: (n, total) => `${n} de ${total} respondidos`,
    lastSaved: (when) => `última gravação ${when}`,
    nothingSaved: 'nada salvo ainda',
    addTitle: 'Adicionar um colaborador',
    name: 'Nome',
    email: 'E-mail',
    institution: 'Instituição (opcional)',
    byGroup: 'Grupos inteiros de mandatos (tema e instrumento)',
    oneGroup: 'Ou mandatos avulsos de um grupo',
    chooseGroup: 'Grupo',
    showGroup: 'Mostrar seus mandatos',
    mandatesOf: 'Mandatos deste grupo',
    addButton: 'Adicionar e enviar o convite',
    removeButton: (name) => `Remover ${name}…`,
    removeTitle: (name) => `Remover ${name}?`,
    removeHelp: 'O link que recebeu deixará de funcionar imediatamente. As respostas que salvou permanecem.',
    removeYes: 'Sim, remover',
    added: 'Colaborador adicionado: o convite está a caminho.',
    removed: 'Colaborador removido: seu link não funciona mais.',
    backToReport: 'Voltar ao relatório',
    mandateCount: (n) => plural(n, '1 mandato', '{n} mandatos'),
    noMandates: 'Escolha pelo menos um grupo ou mandato.',
    contributorProblems: {
      name: 'Nome: obrigatório, em uma linha.',
      email: 'E-mail: informe um endereço válido.',
      institution: 'Instituição: em uma linha, no máximo 200 caracteres.',
      exists: 'Este endereço já é de um colaborador do relatório.',
      tooMany: 'Um relatório tem no máximo 50 colaboradores.',
      other: 'Não foi possível adicionar o colaborador.',
    },
  },
};

import { config, requireSetting } from '../config';
import { sesMailer, type Mailer } from '../email/mailer';
import { stores } from '../store';
import { openDueCycles } from './cycles';
import { sendDueEmails } from './send-reminders';

let mailer: Mailer | undefined;

/** The process's one SES sender. */
export function processMailer(): Mailer {
  const settings = config();
  mailer ??= sesMailer({
    region: settings.region,
    endpoint: settings.sesEndpoint,
    sender: requireSetting(settings.senderEmail, 'SENDER_EMAIL'),
    configurationSet: settings.sesConfigurationSet,
  });
  return mailer;
}

const log = (message: string, extra: object = {}) => console.log(JSON.stringify({ level: 'INFO', message, ...extra }));

/**
 * The scheduled jobs by name. EventBridge Scheduler runs them on AWS (infra/aws), the job runner
 * locally (`npm run job -- NAME --now ISO`, and `npm start` on a timer): both from this one list.
 */
export const jobs = {
  'open-cycles': {
    rate: { minutes: 5 },
    description: 'opens the scheduled cycles whose opening time has come',
    run: (now: string) => openDueCycles({ stores: stores(), now }),
  },
  reminders: {
    rate: { minutes: 5 },
    description: 'sends the invitations, reminders, overdue notices and other emails that are due',
    run: (now: string) => {
      const settings = config();
      return sendDueEmails({
        stores: stores(),
        mailer: processMailer(),
        now,
        settings: { publicUrl: requireSetting(settings.publicUrl, 'PUBLIC_URL'), maxSendRate: settings.maxSendRate },
        log,
      });
    },
  },
} as const;

export type JobName = keyof typeof jobs;
export const jobNames = Object.keys(jobs) as JobName[];

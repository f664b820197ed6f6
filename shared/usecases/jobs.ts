import { config, requireSetting } from '../config';
import { logger } from '../log';
import { sesMailer, type Mailer } from '../email/mailer';
import type { JobName } from '../schedules';
import { stores } from '../store';
import { openDueCycles } from './cycles';
import { sendDueEmails } from './send-reminders';
import { takeDueSnapshots } from './snapshots';

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

const log = (message: string, extra: object = {}) => logger.info(message, { ...extra });

/** What each scheduled job does (shared/schedules.ts says when). */
export const jobs: Record<JobName, (now: string) => Promise<unknown>> = {
  'open-cycles': (now) => openDueCycles({ stores: stores(), now }),
  reminders: (now) => {
    const settings = config();
    return sendDueEmails({
      stores: stores(),
      mailer: processMailer(),
      now,
      settings: { publicUrl: requireSetting(settings.publicUrl, 'PUBLIC_URL'), maxSendRate: settings.maxSendRate },
      log,
    });
  },
  snapshots: async (now) => {
    const { taken } = await takeDueSnapshots({ stores: stores(), now });
    return { taken: taken.map((s) => ({ cycleId: s.cycleId, kind: s.kind, files: Object.keys(s.files).length })) };
  },
};

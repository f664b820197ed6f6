import { config, requireSetting } from '../config';
import { sesMailer } from './mailer';
import type { Mailer } from './ports';

let mailer: Mailer | undefined;

/** The process's one SES sender. */
export function processMailer(): Mailer {
  const settings = config();
  mailer ??= sesMailer({
    region: settings.region,
    endpoint: settings.sesEndpoint,
    sender: requireSetting(settings.senderEmail, 'SENDER_EMAIL'),
    configurationSet: settings.sesConfigurationSet,
    replyTo: settings.contactEmail,
  });
  return mailer;
}

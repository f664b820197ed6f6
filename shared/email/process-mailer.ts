import { config, requireSetting } from '../config';
import { sesMailer, type Mailer } from './mailer';

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

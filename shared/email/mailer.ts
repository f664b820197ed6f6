import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { traced } from '../log';
import type { Mailer } from './ports';

export interface SesSettings {
  region: string;
  endpoint?: string;
  sender: string;
  configurationSet?: string;
  /** The secretariat's contact address: the Reply-To of every email, so that an answer reaches a person. */
  replyTo?: string;
}

const TAG_VALUE = /[^A-Za-z0-9_\-.@]/g;

export function sesMailer(settings: SesSettings): Mailer {
  const client = traced(
    new SESClient({
      region: settings.region,
      endpoint: settings.endpoint,
      credentials: settings.endpoint ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
      // Throttling and outages are handled by the reminder job's own backoff, which also respects the send rate.
      maxAttempts: 1,
    }),
  );
  return {
    async send(email) {
      const result = await client.send(
        new SendEmailCommand({
          Source: settings.sender,
          Destination: { ToAddresses: [email.to] },
          ReplyToAddresses: settings.replyTo ? [settings.replyTo] : undefined,
          Message: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
          },
          ConfigurationSetName: settings.configurationSet,
          Tags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value: Value.replace(TAG_VALUE, '_') })),
        }),
      );
      return result.MessageId ?? '';
    },
  };
}

import type { SNSEvent } from 'aws-lambda';
import { config } from '../../shared/config';
import { logger } from '../../shared/log';
import { stores } from '../../shared/store';
import { handleSesEvent } from '../../shared/usecases/ses-events';

config();

/** SES bounce and complaint events, delivered by SNS from the configuration set. */
export async function handler(event: SNSEvent) {
  for (const record of event.Records) {
    const result = await handleSesEvent(JSON.parse(record.Sns.Message), { stores: stores(), now: new Date().toISOString() });
    if (result.blocked.length > 0) logger.warn('addresses blocked after a bounce or a complaint', { addresses: result.blocked });
  }
}

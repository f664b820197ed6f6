import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { config } from '../../shared/config';
import { logger } from '../../shared/log';
import { seedFromFiles } from './seed-files';

config();

/** Tells CloudFormation how the custom resource went (the cfn-response protocol: a PUT to the presigned ResponseURL). */
async function respond(
  event: CloudFormationCustomResourceEvent,
  context: Context,
  outcome: { status: 'SUCCESS' | 'FAILED'; reason?: string; data?: Record<string, number> },
) {
  const body = JSON.stringify({
    Status: outcome.status,
    Reason: outcome.reason ?? `See ${context.logStreamName}`,
    PhysicalResourceId: 'PhysicalResourceId' in event ? event.PhysicalResourceId : 'mandates-seed',
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: outcome.data,
  });
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'Content-Type': '', 'Content-Length': String(Buffer.byteLength(body)) },
    body,
  });
  if (!response.ok) throw new Error(`CloudFormation refused the response: ${response.status}`);
}

/**
 * Runs at deploy time as a custom resource. Create and Update seed; Delete leaves the data
 * alone (the table is retained). Whatever happens, CloudFormation gets an answer, so a failed
 * seed fails the deployment at once instead of hanging it for an hour.
 */
export async function handler(event: CloudFormationCustomResourceEvent, context: Context) {
  if (event.RequestType === 'Delete') return respond(event, context, { status: 'SUCCESS' });
  try {
    const report = await seedFromFiles((message) => logger.info(message));
    await respond(event, context, {
      status: 'SUCCESS',
      data: {
        MandatesParsed: report.mandates.parsed,
        MandatesAdded: report.mandates.added,
        MandatesRevised: report.mandates.revised,
        MandatesRetired: report.mandates.retired,
        StatesAdded: report.states.added,
      },
    });
  } catch (error) {
    logger.error('seeding failed', error as Error);
    await respond(event, context, { status: 'FAILED', reason: String((error as Error).message ?? error).slice(0, 500) });
  }
}

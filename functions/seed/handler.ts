import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { config } from '../../shared/config';
import { seedFromFiles } from './seed-files';

config();

/**
 * Runs at deploy time as a custom resource (through the CDK provider framework).
 * Create and Update seed; Delete leaves the data alone (the table is retained).
 */
export async function handler(event: CloudFormationCustomResourceEvent) {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const report = await seedFromFiles((message) => console.log(JSON.stringify({ level: 'INFO', message })));
  return {
    PhysicalResourceId: 'mandates-seed',
    Data: {
      MandatesParsed: report.mandates.parsed,
      MandatesAdded: report.mandates.added,
      MandatesRevised: report.mandates.revised,
      StatesAdded: report.states.added,
    },
  };
}

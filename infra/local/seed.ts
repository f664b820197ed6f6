import { MandateParseError } from '../../shared/domain/mandates';
import { useRunningSystem } from './settings';

/** `npm run seed`: seeds the running local system again (what `npm start` does on every start). */
const settings = useRunningSystem();
const host = (port: number) => `http://127.0.0.1:${port}`;
const { seedFromFiles } = await import('../../functions/seed/seed-files');
try {
  await seedFromFiles((message) => console.log(message));
} catch (error) {
  if (error instanceof MandateParseError) {
    console.error(`The seed documents have problems; nothing was written:\n${error.message}`);
  } else if ((error as Error).name === 'TimeoutError' || /ECONNREFUSED/.test(String((error as Error).cause ?? error))) {
    console.error(`DynamoDB Local does not answer at ${host(settings.dynamodbPort)}: start the system with npm start first.`);
  } else {
    console.error(error);
  }
  process.exit(1);
}

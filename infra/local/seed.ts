import { MandateParseError } from '../../shared/domain/mandates';
import { functionEnv, localSettings, persistentToken, DATA_DIR } from './settings';

/** `npm run seed`: seeds the running local system again (what `npm start` does on every start). */
const settings = localSettings();
const host = (port: number) => `http://127.0.0.1:${port}`;
Object.assign(
  process.env,
  functionEnv(
    { api: host(settings.port), dynamodb: host(settings.dynamodbPort), ses: host(settings.sesPort), s3: host(settings.s3Port) },
    settings.secretariatToken ?? persistentToken(DATA_DIR),
  ),
);
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

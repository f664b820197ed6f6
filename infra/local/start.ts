import { DATA_DIR, localSettings } from './settings';
import { SetupError } from './services';
import { startLocalSystem } from './system';

/** `npm start [-- --fresh]`: the whole system on this machine, until Ctrl-C. */
async function main() {
  const fresh = process.argv.includes('--fresh');
  const started = Date.now();
  const system = await startLocalSystem({
    ...localSettings(),
    dataDir: DATA_DIR,
    fresh,
    jobIntervalMs: Number(process.env.JOB_INTERVAL_SECONDS ?? 10) * 1000,
    log: (message) => console.log(`  ${message}`),
  });
  console.log(`
Summit mandates follow-up is running (${((Date.now() - started) / 1000).toFixed(1)} s)
  API            ${system.urls.api}   (health: ${system.urls.api}/health)
  Console        ${system.urls.api}/console   (sign in with the secretariat token)
  Mailbox        ${system.urls.mailbox}   (every email the system sends)
  DynamoDB       ${system.urls.dynamodb}
  S3             ${system.urls.s3}
  Secretariat    Authorization: Bearer ${system.secretariatToken}
  Data           ${DATA_DIR}   (npm start -- --fresh wipes it)

  try: curl -H 'Authorization: Bearer ${system.secretariatToken}' ${system.urls.api}/api/states
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ...`);
    await system.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof SetupError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
});

import { DATA_DIR, localSettings } from './settings';
import { SetupError } from './services';
import { startLocalSystem, type LocalSystem } from './system';

/** `npm start [-- --fresh]`: the whole system on this machine, until Ctrl-C. */
async function main() {
  const fresh = process.argv.includes('--fresh');
  const started = Date.now();
  // Assigned once, but `stop` may run (a service down while starting) before it is.
  // eslint-disable-next-line prefer-const
  let system: LocalSystem | undefined;
  let stopping = false;
  const stop = async (code: number, why?: string) => {
    if (stopping) return;
    stopping = true;
    await system?.stop();
    if (why) console.error(why);
    process.exit(code);
  };
  system = await startLocalSystem({
    ...localSettings(),
    dataDir: DATA_DIR,
    fresh,
    jobIntervalMs: Number(process.env.JOB_INTERVAL_SECONDS ?? 10) * 1000,
    log: (message) => console.log(`  ${message}`),
    onServiceDown: (message) => void stop(1, `Stopped: ${message}`),
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

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!stopping) console.log(`\n${signal}: stopping ...`);
      void stop(0);
    });
  }
}

main().catch((error) => {
  console.error(error instanceof SetupError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
});

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import S3rver from 's3rver';
import sesLocal from 'aws-ses-v2-local';

const require = createRequire(import.meta.url);
// A CommonJS module whose default export arrives wrapped once more under ESM.
const startSesServer = ((sesLocal as unknown as { default?: typeof sesLocal }).default ?? sesLocal) as typeof sesLocal;

/** A problem the person starting the system can fix; printed as one line. */
export class SetupError extends Error {
  override name = 'SetupError';
}

export interface RunningService {
  name: string;
  url: string;
  stop(): Promise<void>;
}

export function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new SetupError(
      'Java 17 or later is needed for DynamoDB Local and was not found: install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) and try again.',
    );
  }
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version && Number(version) < 17) {
    throw new SetupError(`DynamoDB Local needs Java 17 or later, found Java ${version}: install a newer Java and try again.`);
  }
}

/** Resolves to a free port: `wanted` itself (0 picks any), or throws naming the setting to change. */
export function claimPort(wanted: number, setting: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new SetupError(`Port ${wanted} (${setting}) is busy: stop what uses it or set ${setting} to another port.`)),
    );
    probe.listen(wanted, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs: number, child?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new SetupError(`${what} exited with code ${child.exitCode} while starting.`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new SetupError(`${what} did not start within ${timeoutMs / 1000} s.`);
}

const running = new Set<ChildProcess>();
// On the way out, ask each watchdog to stop its Java (it does so itself anyway once this process is gone).
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

/** DynamoDB Local, the official jar shipped in amplify-dynamodb-simulator. */
export async function startDynamoDb(options: { port: number; dataDir?: string }): Promise<RunningService> {
  checkJava();
  const emulator = join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const storage = options.dataDir ? ['-sharedDb', '-dbPath', options.dataDir] : ['-sharedDb', '-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const java = ['java', '-Xmx1g', `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`, '-jar', join(emulator, 'DynamoDBLocal.jar'), '-port', String(options.port), ...storage];
  // A watchdog shell: Java goes when this process goes, even when it is killed without a chance to clean up.
  const watchdog = `"$@" & JAVA=$!
trap 'kill $JAVA 2>/dev/null; wait $JAVA; exit 0' TERM INT HUP
while kill -0 ${process.pid} 2>/dev/null && kill -0 $JAVA 2>/dev/null; do sleep 1; done
kill $JAVA 2>/dev/null; wait $JAVA`;
  const child = spawn('sh', ['-c', watchdog, 'dynamodb-local', ...java], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntil(async () => (await fetch(url, { method: 'POST' })).status > 0, 'DynamoDB Local', 30_000, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new SetupError(`${(error as Error).message} ${stderr.trim().split('\n').pop() ?? ''}`.trim());
  }
  return {
    name: 'DynamoDB Local',
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          running.delete(child);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

function closeServer(server: Server | { close(cb: () => void): void }): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** aws-ses-v2-local: accepts SES v1 and v2 sends and shows them on a mailbox page. */
export async function startSes(options: { port: number }): Promise<RunningService> {
  const server = await startSesServer({ host: '127.0.0.1', port: options.port });
  const url = `http://127.0.0.1:${options.port}`;
  return { name: 'local SES', url, stop: () => closeServer(server) };
}

/** s3rver, an S3 emulator that serves presigned URLs; the bucket is created on start. */
export async function startS3(options: { port: number; dataDir: string; bucket: string }): Promise<RunningService> {
  mkdirSync(options.dataDir, { recursive: true });
  const s3 = new S3rver({
    port: options.port,
    address: '127.0.0.1',
    directory: options.dataDir,
    silent: true,
    configureBuckets: [{ name: options.bucket, configs: [] }],
  });
  await s3.run();
  return { name: 'local S3', url: `http://127.0.0.1:${options.port}`, stop: () => s3.close() };
}

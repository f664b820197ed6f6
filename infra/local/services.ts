import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
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

// DynamoDB Local has no flag for its address and its Jetty listens on every interface. This launcher, run through
// Java's source-file mode, sets 127.0.0.1 on the connector before the server starts.
const READY = 'DynamoDB Local listens on 127.0.0.1';
const LOOPBACK_LAUNCHER = `
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    java.lang.reflect.Field server = DynamoDBProxyServer.class.getDeclaredField("server");
    server.setAccessible(true);
    Server jetty = (Server) server.get(proxy);
    for (Connector connector : jetty.getConnectors()) ((ServerConnector) connector).setHost("127.0.0.1");
    try {
      proxy.start();
    } catch (Exception error) {
      System.err.println(error);
    }
    // A server that could not listen leaves Java up (its other threads) with nothing served.
    if (!jetty.isStarted()) System.exit(1);
    System.out.println("${READY}");
  }
}
`;

/**
 * DynamoDB Local, the official jar shipped in amplify-dynamodb-simulator, on 127.0.0.1 only.
 * When Java dies it is started again on the same port and data folder; `onDown` hears when that fails.
 */
export async function startDynamoDb(options: {
  port: number;
  dataDir?: string;
  log?: (message: string) => void;
  onDown?: (message: string) => void;
}): Promise<RunningService> {
  checkJava();
  const emulator = join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const storage = options.dataDir ? ['-sharedDb', '-dbPath', options.dataDir] : ['-sharedDb', '-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const java = (launcher: string) => [
    'java',
    '-Xmx1g',
    '-Djava.net.preferIPv4Stack=true',
    `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
    '-cp',
    join(emulator, 'DynamoDBLocal.jar'),
    launcher,
    '-port',
    String(options.port),
    ...storage,
    '-disableTelemetry',
  ];
  // A watchdog shell: Java goes when this process goes, even when it is killed without a chance to clean up.
  // It exits 0 only when told to stop (a signal to it or to its process group, as Ctrl-C sends), else with Java's code.
  const watchdog = `trap 'kill $JAVA 2>/dev/null; wait $JAVA; exit 0' TERM INT HUP
"$@" & JAVA=$!
while kill -0 ${process.pid} 2>/dev/null && kill -0 $JAVA 2>/dev/null; do sleep 1; done
kill $JAVA 2>/dev/null; wait $JAVA`;
  const url = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess;
  let stopping = false;

  async function launch() {
    // Java compiles the launcher when it starts, so the file is only needed until then.
    const launcherDir = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
    const launcher = join(launcherDir, 'LoopbackDynamoDbLocal.java');
    writeFileSync(launcher, LOOPBACK_LAUNCHER);
    child = spawn('sh', ['-c', watchdog, 'dynamodb-local', ...java(launcher)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const current = child;
    running.add(current);
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk).slice(-4000));
    current.stdout!.on('data', keep);
    current.stderr!.on('data', keep);
    try {
      // Ready when the launcher says so: a bare HTTP answer could come from whatever took the port meanwhile.
      await waitUntil(async () => output.includes(READY), 'DynamoDB Local', 30_000, current);
    } catch (error) {
      current.kill('SIGTERM');
      if (/Failed to bind|Could not start server on port/.test(output)) {
        throw new SetupError(`Port ${options.port} (DYNAMODB_PORT) is busy: stop what uses it or set DYNAMODB_PORT to another port.`);
      }
      if (output.includes('jdk.compiler')) {
        throw new SetupError(
          "DynamoDB Local is started through Java's source launcher (so that it listens on 127.0.0.1 only) and this Java lacks the jdk.compiler module: install a full Java 17 (Debian/Ubuntu: apt-get install -y openjdk-17-jdk-headless) and try again.",
        );
      }
      throw new SetupError(`${(error as Error).message} ${output.trim().split('\n').pop() ?? ''}`.trim());
    } finally {
      rmSync(launcherDir, { recursive: true, force: true });
    }
    current.once('exit', (code, signal) => {
      running.delete(current);
      if (stopping) return;
      if (code === 0) return options.onDown?.('DynamoDB Local was stopped from outside: not restarting it.');
      void restart(`DynamoDB Local (Java) stopped unexpectedly (${signal ?? `exit code ${code}`})`);
    });
  }

  const deaths: number[] = [];
  async function restart(what: string) {
    deaths.push(Date.now());
    if (deaths.filter((at) => at > Date.now() - 60_000).length > 3) {
      return options.onDown?.(`${what}, the fourth time within a minute: not restarting it.`);
    }
    options.log?.(`${what}: restarting it${options.dataDir ? ', data kept' : ' (in memory, so its tables are gone)'} ...`);
    try {
      await launch();
      options.log?.(`DynamoDB Local is back on ${url}`);
    } catch (error) {
      if (!stopping) options.onDown?.(`${what} and could not be restarted: ${(error as Error).message}`);
    }
  }

  await launch();
  return {
    name: 'DynamoDB Local',
    url,
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
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

/** A request carrying an AWS signature: the Authorization header or a presigned URL (V4 or V2). */
function isSigned(request: IncomingMessage): boolean {
  const query = new URLSearchParams((request.url ?? '').split('?')[1]);
  return Boolean(request.headers.authorization) || query.has('X-Amz-Algorithm') || query.has('Signature');
}

const ACCESS_DENIED = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';

/**
 * The bucket's CORS rule: the answering page PUTs evidence files to their signed upload links from its own
 * origin (the local gateway, on another port). Any origin locally: the links are signed, and s3rver listens on loopback only.
 */
const LOCAL_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>content-type</AllowedHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * s3rver, an S3 emulator that serves presigned URLs; the bucket is created on start, with LOCAL_CORS.
 * s3rver lets anonymous requests through, so its handler sits behind a check that refuses unsigned ones with 403
 * (a browser's CORS preflight goes to the signed link itself, so it passes).
 */
export async function startS3(options: { port: number; dataDir: string; bucket: string }): Promise<RunningService> {
  mkdirSync(options.dataDir, { recursive: true });
  const s3 = new S3rver({
    directory: options.dataDir,
    silent: true,
    configureBuckets: [{ name: options.bucket, configs: [LOCAL_CORS] }],
  });
  await s3.configureBuckets();
  const handle = s3.callback();
  const server = createHttpServer((request, response) => {
    if (isSigned(request)) return handle(request, response);
    response.writeHead(403, { 'Content-Type': 'application/xml' }).end(ACCESS_DENIED);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    name: 'local S3',
    url: `http://127.0.0.1:${options.port}`,
    stop: () => closeServer(server),
  };
}

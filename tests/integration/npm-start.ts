import { spawn, type ChildProcess } from 'node:child_process';
import { claimPort } from '../../infra/local/services';

export interface StartedSystem {
  child: ChildProcess;
  output: () => string;
  api: string;
  token: string;
  ports: Record<'PORT' | 'DYNAMODB_PORT' | 'SES_PORT' | 'S3_PORT', number>;
}

export async function freePorts() {
  return {
    PORT: await claimPort(0, 'PORT'),
    DYNAMODB_PORT: await claimPort(0, 'DYNAMODB_PORT'),
    SES_PORT: await claimPort(0, 'SES_PORT'),
    S3_PORT: await claimPort(0, 'S3_PORT'),
  };
}

/** Runs `npm start` as a newcomer would, with its own ports and data folder, until it says it is up. */
export async function npmStart(options: {
  dataDir: string;
  ports?: StartedSystem['ports'];
  args?: string[];
  env?: Record<string, string>;
}): Promise<StartedSystem> {
  const ports = options.ports ?? (await freePorts());
  const child = spawn('npm', ['start', '--', ...(options.args ?? [])], {
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      LOCAL_DATA_DIR: options.dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, output: () => output, api: `http://127.0.0.1:${ports.PORT}`, token: /Bearer (\S+)/.exec(output)![1]!, ports };
}

/** Ctrl-C: SIGINT to the whole process group, and wait for the exit. */
export async function interrupt(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
}

import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonOf } from './helpers';
import { interrupt, npmStart } from './npm-start';
import { checkJava, claimPort, SetupError } from '../../infra/local/services';

const startSystem = (dataDir: string, args: string[] = []) => npmStart({ dataDir, args });

function javaProcesses(dataDir: string): Promise<string> {
  return new Promise((resolve) => {
    const ps = spawn('ps', ['-eo', 'args']);
    let out = '';
    ps.stdout.on('data', (chunk) => (out += chunk));
    ps.on('close', () =>
      resolve(
        out
          .split('\n')
          .filter((line) => line.includes('java') && line.includes(dataDir))
          .join('\n'),
      ),
    );
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'mandates-local-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('comes up healthy, keeps the data across a restart, wipes it with --fresh and leaves no Java behind', async () => {
    const first = await startSystem(dataDir);
    expect(first.output()).toMatch(/Mailbox\s+http:\/\/127\.0\.0\.1:\d+/);
    expect((await fetch(`${first.api}/health`)).status).toBe(200);
    const headers = { Authorization: `Bearer ${first.token}` };
    expect((await jsonOf(await fetch(`${first.api}/api/mandates`, { headers }))).count).toBe(38);
    await interrupt(first.child);
    expect(await javaProcesses(dataDir)).toBe('');

    const second = await startSystem(dataDir);
    expect(second.output()).toMatch(/table mandates-followup is there/);
    expect(second.output()).toMatch(/0 added, 0 revised, 0 moved, 38 unchanged/);
    expect(second.token).toBe(first.token);
    expect((await jsonOf(await fetch(`${second.api}/api/states`, { headers }))).count).toBe(35);
    await interrupt(second.child);

    const fresh = await startSystem(dataDir, ['--fresh']);
    expect(fresh.output()).toMatch(/created table mandates-followup/);
    await interrupt(fresh.child);
    expect(await javaProcesses(dataDir)).toBe('');
  }, 150_000);
});

/** Kills DynamoDB Local's Java (not its watchdog) as a crash would. */
function killJava(dataDir: string) {
  const java = execFileSync('ps', ['-eo', 'pid=,comm=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, comm, ...args]) => comm === 'java' && args.join(' ').includes(dataDir));
  expect(java).toHaveLength(1);
  process.kill(Number(java[0]![0]), 'SIGKILL');
}

async function itemCount(dynamodbPort: number): Promise<number> {
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${dynamodbPort}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    return (await client.send(new ScanCommand({ TableName: 'mandates-followup', Select: 'COUNT' }))).Count ?? 0;
  } finally {
    client.destroy();
  }
}

async function eventually(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Takes the port on 127.0.0.1, retrying while a dead process's socket goes away. */
async function takePort(port: number): Promise<Server> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise<Server>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve(server));
      });
    } catch (error) {
      if (attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('npm start when DynamoDB Local dies', () => {
  const javaDir = mkdtempSync(join(tmpdir(), 'mandates-java-'));
  afterAll(() => rmSync(javaDir, { recursive: true, force: true }));

  it('starts it again on the same port, with the data kept', async () => {
    const system = await startSystem(javaDir);
    try {
      const before = await itemCount(system.ports.DYNAMODB_PORT);
      expect(before).toBeGreaterThan(0);
      killJava(javaDir);
      await eventually(() => system.output().includes('DynamoDB Local is back'), 60_000);
      expect(system.output()).toMatch(/DynamoDB Local \(Java\) stopped unexpectedly \(exit code 137\): restarting it, data kept/);
      expect(await itemCount(system.ports.DYNAMODB_PORT)).toBe(before);
    } finally {
      await interrupt(system.child);
    }
    expect(await javaProcesses(javaDir)).toBe('');
  }, 120_000);

  it('stops with one line saying what happened when it cannot be started again', async () => {
    const system = await startSystem(javaDir);
    const port = system.ports.DYNAMODB_PORT;
    const exited = new Promise((resolve) => system.child.once('exit', resolve));
    killJava(javaDir);
    const squatter = await takePort(port);
    try {
      expect(await exited).toBe(1);
    } finally {
      squatter.close();
    }
    expect(
      system
        .output()
        .split('\n')
        .filter((line) => line.startsWith('Stopped:')),
    ).toEqual([
      `Stopped: DynamoDB Local (Java) stopped unexpectedly (exit code 137) and could not be restarted: Port ${port} (DYNAMODB_PORT) is busy: stop what uses it or set DYNAMODB_PORT to another port.`,
    ]);
    expect(await javaProcesses(javaDir)).toBe('');
  }, 120_000);
});

describe('a process that exits without stopping the services', () => {
  it('leaves no Java behind', async () => {
    const url = execFileSync('npx', ['tsx', 'tests/integration/fixtures/exit-without-stop.ts'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!;
    const port = new URL(url).port;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const java = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port} `));
    expect(java).toEqual([]);
  }, 60_000);
});

describe('setup errors', () => {
  it('names the setting when a port is busy', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      await expect(claimPort(port, 'DYNAMODB_PORT')).rejects.toThrowError(SetupError);
      await expect(claimPort(port, 'DYNAMODB_PORT')).rejects.toThrowError(
        `Port ${port} (DYNAMODB_PORT) is busy: stop what uses it or set DYNAMODB_PORT to another port.`,
      );
    } finally {
      blocker.close();
    }
  });

  it('says how to install Java when it is missing', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => checkJava()).toThrowError(/Java 17 or later is needed .* apt-get install -y openjdk-17-jre-headless/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('prints the busy port as one line and exits', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    const child = spawn('npm', ['start', '--silent'], { env: { ...process.env, PORT: String(port), LOCAL_DATA_DIR: dataDir } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    blocker.close();
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`Cannot start: Port ${port} (PORT) is busy: stop what uses it or set PORT to another port.`);
  }, 30_000);
});

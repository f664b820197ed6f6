import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimPort } from '../../infra/local/services';

const dataDir = mkdtempSync(join(tmpdir(), 'mandates-outage-'));
let env: NodeJS.ProcessEnv;
let child: ChildProcess | undefined;

async function start(): Promise<string> {
  child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return /Bearer (\S+)/.exec(output)![1]!;
}

async function stop() {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
}

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('DynamoDB stopped during a save', () => {
  it('answers 503 with a clear message, and the previous answer is intact', async () => {
    const ports = { PORT: await claimPort(0, 'x'), DYNAMODB_PORT: await claimPort(0, 'x'), SES_PORT: await claimPort(0, 'x'), S3_PORT: await claimPort(0, 'x') };
    env = { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), LOCAL_DATA_DIR: dataDir, JOB_INTERVAL_SECONDS: '1' };
    const api = `http://127.0.0.1:${ports.PORT}`;
    const token = await start();
    const cycle = await (
      await fetch(`${api}/api/cycles`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Outage', deadline: new Date(Date.now() + 20 * 86_400_000).toISOString(), states: ['JAM'] }),
      })
    ).json();
    let link: string | undefined;
    for (let i = 0; i < 100 && !link; i += 1) {
      const { emails } = await (await fetch(`http://127.0.0.1:${ports.SES_PORT}/store`)).json();
      link = emails.map((e: { body: { text: string } }) => /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(e.body.text)?.[1]).find(Boolean);
      if (!link) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const cookie = (await fetch(link!)).headers.get('set-cookie')!.split(';')[0]!;
    const { mandates } = await (await fetch(`${api}/api/assignment`, { headers: { Cookie: cookie } })).json();
    const save = (body: object) =>
      fetch(`${api}/api/assignment/answers/${mandates[0].id}`, { method: 'PUT', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await save({ status: 'in_progress', narrative: 'first text', version: 0 })).status).toBe(200);

    execFileSync('pkill', ['-f', `DynamoDBLocal.jar.*${dataDir}`]);
    const refused = await save({ status: 'fully_implemented', narrative: 'second text', version: 1 });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toEqual({ error: { code: 'service_unavailable', message: expect.stringMatching(/database is not answering.*nothing was saved/) } });

    await stop();
    await start();
    const again = (await fetch(link!)).headers.get('set-cookie')!.split(';')[0]!;
    const view = await (await fetch(`${api}/api/assignment`, { headers: { Cookie: again } })).json();
    expect(view.mandates[0].answer).toMatchObject({ status: 'in_progress', narrative: 'first text', version: 1 });
    expect(cycle.id).toEqual(expect.any(String));
  }, 150_000);
});

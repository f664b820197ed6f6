import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePorts, interrupt, npmStart } from './npm-start';

const dataDir = mkdtempSync(join(tmpdir(), 'mandates-outage-'));
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child) await interrupt(child);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('DynamoDB stopped during a save', () => {
  it('answers 503 with a clear message, and the previous answer is intact', async () => {
    const ports = await freePorts();
    const first = await npmStart({ dataDir, ports, env: { JOB_INTERVAL_SECONDS: '1' } });
    child = first.child;
    const { api, token } = first;
    const cycle = await (
      await fetch(`${api}/api/cycles`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Outage', deadline: new Date(Date.now() + 20 * 86_400_000).toISOString(), states: ['HTI'] }),
      })
    ).json();
    let link: string | undefined;
    for (let i = 0; i < 100 && !link; i += 1) {
      const { emails } = await (await fetch(`http://127.0.0.1:${ports.SES_PORT}/store`)).json();
      link = emails.map((e: { body: { text: string } }) => /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(e.body.text)?.[1]).find(Boolean);
      if (!link) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const cookies = (await fetch(link!)).headers.getSetCookie().map((c) => c.split(';')[0]!);
    const cookie = cookies.find((c) => c.startsWith('mf_session='))!;
    const { mandates } = await (await fetch(`${api}/api/assignment`, { headers: { Cookie: cookie } })).json();
    const save = (body: object) =>
      fetch(`${api}/api/assignment/answers/${mandates[0].id}`, {
        method: 'PUT',
        headers: { Cookie: cookie, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await save({ status: 'in_progress', narrative: 'first text', version: 0 })).status).toBe(200);

    execFileSync('pkill', ['-f', `DynamoDBLocal.jar.*${dataDir}`]);
    const refused = await save({ status: 'fully_implemented', narrative: 'second text', version: 1 });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toEqual({
      error: { code: 'service_unavailable', message: expect.stringMatching(/database is not answering.*nothing was saved/) },
    });

    await interrupt(first.child);
    child = (await npmStart({ dataDir, ports })).child;
    const again = (await fetch(link!)).headers.get('set-cookie')!.split(';')[0]!;
    const view = await (await fetch(`${api}/api/assignment`, { headers: { Cookie: again } })).json();
    expect(view.mandates[0].answer).toMatchObject({ status: 'in_progress', narrative: 'first text', version: 1 });
    expect(cycle.id).toEqual(expect.any(String));
  }, 150_000);
});

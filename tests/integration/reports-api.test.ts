import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { api, jsonOf, mailbox } from './helpers';

const json = { 'Content-Type': 'application/json' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
let cycleId: string;
let title: string;

/** Haiti submits with a hostile narrative, Jamaica keeps a draft. */
beforeAll(async () => {
  title = `Reports API ${randomUUID().slice(0, 8)}`;
  cycleId = (
    await jsonOf(
      await api('/api/cycles', {
        method: 'POST',
        body: JSON.stringify({ title, deadline: inDays(20), states: ['HTI', 'JAM'] }),
        headers: json,
      }),
    )
  ).id;
  await runJob('reminders', new Date().toISOString());
  for (const code of ['HTI', 'JAM']) {
    const email = (await mailbox(title)).find((e) => e.destination.to[0]!.includes(code.toLowerCase()))!;
    const link = /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email.body.text!)![1]!;
    const cookie = (await fetch(link)).headers.get('set-cookie')!.split(';')[0]!;
    const { mandates } = await jsonOf(await fetch(link.replace(/\/respond\/.*/, '/api/assignment'), { headers: { Cookie: cookie } }));
    const put = (i: number, body: object) =>
      fetch(link.replace(/\/respond\/.*/, `/api/assignment/answers/${mandates[i].id}`), {
        method: 'PUT',
        body: JSON.stringify({ version: 0, ...body }),
        headers: { ...json, Cookie: cookie },
      });
    if (code === 'HTI') {
      await put(0, { status: 'fully_implemented', narrative: '=HYPERLINK("http://evil.example","x")' });
      await put(1, { status: 'not_applicable', narrative: '<script>alert(1)</script>' });
      await fetch(link.replace(/\/respond\/.*/, '/api/assignment/submit'), { method: 'POST', headers: { Cookie: cookie } });
    } else {
      await put(0, { status: 'in_progress', narrative: 'draft' });
    }
  }
});

describe('GET /api/cycles/{id}/report', () => {
  it('answers JSON at once, with the same numbers as the cycle status', async () => {
    const report = await jsonOf(await api(`/api/cycles/${cycleId}/report?format=json`));
    const status = await jsonOf(await api(`/api/cycles/${cycleId}`));
    expect(report.response.submitted).toBe(status.totals.submitted);
    expect(report.response).toMatchObject({ invited: 2, submitted: 1 });
    expect(report.totals.counts).toMatchObject({ fully_implemented: 1, not_applicable: 1, in_progress: 0 });
    expect(report.trend.some((p: { cycleId: string }) => p.cycleId === cycleId)).toBe(true);
  });

  it('sends CSV and XLSX through a download link that works', async () => {
    const csv = await api(`/api/cycles/${cycleId}/report?format=csv&lang=es&scope=all`, { redirect: 'manual' });
    expect(csv.status).toBe(303);
    const file = await fetch(csv.headers.get('location')!);
    expect(file.status).toBe(200);
    const text = await file.text();
    expect(text).toContain('Informe de situación');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text).toContain('"En curso"');
    const xlsx = await api(`/api/cycles/${cycleId}/report?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  it('answers printable HTML with the hostile narrative inert', async () => {
    const response = await api(`/api/cycles/${cycleId}/report?format=html&lang=pt&scope=all`);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('<html lang="pt">');
    expect(page).not.toContain('<script>');
  });

  it.each(['format=pdf', 'lang=de', 'scope=some', 'colour=red'])('refuses %s with 400', async (q) => {
    expect((await api(`/api/cycles/${cycleId}/report?${q}`)).status).toBe(400);
  });

  it('answers 404 for an unknown cycle', async () => {
    expect((await api('/api/cycles/nope/report')).status).toBe(404);
  });
});

describe('GET /api/reports and /api/trends', () => {
  it('lists snapshots with download links once the snapshot job has run', async () => {
    await runJob('snapshots', new Date().toISOString());
    const list = await jsonOf(await api(`/api/reports?cycleId=${cycleId}`));
    expect(list.count).toBe(1);
    const [snapshot] = list.snapshots;
    expect(snapshot).toMatchObject({ cycleId, kind: 'weekly', builtFrom: { states: 2, submitted: 1 } });
    expect(Object.keys(snapshot.downloads).sort()).toEqual(['csv', 'html', 'json', 'xlsx']);
    const file = await fetch(snapshot.downloads.json);
    expect((await file.json()).cycle.id).toBe(cycleId);
  });

  it('gives the trend across cycles and each state’s responsiveness', async () => {
    const body = await jsonOf(await api('/api/trends'));
    expect(body.cycles.find((c: { cycleId: string }) => c.cycleId === cycleId)).toMatchObject({ responseRate: 0.5 });
    expect(body.responsiveness.find((r: { code: string }) => r.code === 'HTI')).toMatchObject({ submitted: expect.any(Number) });
  });
});

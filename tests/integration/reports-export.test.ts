import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { streamReportFile } from '../../shared/render/report';
import { exportFiles } from '../../shared/storage';
import { stores as processStores } from '../../shared/store';
import { requestExport, runExport } from '../../shared/usecases/export';
import { api, jsonOf, mailbox } from './helpers';

const json = { 'Content-Type': 'application/json' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const NARRATIVE = 'Première mesure.\n\n- un décret\n- une loi';
let cycleId: string;
let stateCookie: string;

/** Haiti answers with a narrative in paragraphs and a list, and submits; Mexico has not answered. */
beforeAll(async () => {
  const title = `Exports ${randomUUID().slice(0, 8)}`;
  cycleId = (
    await jsonOf(
      await api('/api/cycles', {
        method: 'POST',
        body: JSON.stringify({ title, deadline: inDays(20), states: ['HTI', 'MEX'] }),
        headers: json,
      }),
    )
  ).id;
  await runJob('reminders', new Date().toISOString());
  const email = (await mailbox(title)).find((e) => e.destination.to[0]!.includes('hti'))!;
  const link = /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email.body.text!)![1]!;
  stateCookie = (await fetch(link)).headers.get('set-cookie')!.split(';')[0]!;
  const base = link.replace(/\/respond\/.*/, '');
  const { mandates } = await jsonOf(await fetch(`${base}/api/assignment`, { headers: { Cookie: stateCookie } }));
  await fetch(`${base}/api/assignment/answers/${mandates[0].id}`, {
    method: 'PUT',
    body: JSON.stringify({ version: 0, status: 'partially_implemented', narrative: NARRATIVE }),
    headers: { ...json, Cookie: stateCookie },
  });
  await fetch(`${base}/api/assignment/submit`, { method: 'POST', headers: { Cookie: stateCookie } });
});

async function exportOf(body: object) {
  const started = await api(`/api/cycles/${cycleId}/exports`, { method: 'POST', body: JSON.stringify(body), headers: json });
  expect(started.status).toBe(202);
  const answer = await jsonOf(started);
  expect(answer).toEqual({ id: expect.any(String), status: 'running', statusUrl: `/api/exports/${answer.id}` });
  let status: { status: string; url?: string; rows?: number; error?: string };
  const until = Date.now() + 20_000;
  do {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = await jsonOf(await api(answer.statusUrl));
  } while (status.status === 'running' && Date.now() < until);
  return status;
}

describe('asynchronous exports', () => {
  it('answers 202 at once, then done with a signed link that downloads the XLSX as an attachment, in French', async () => {
    const status = await exportOf({ format: 'xlsx', lang: 'fr', scope: 'all' });
    expect(status).toMatchObject({
      status: 'done',
      format: 'xlsx',
      language: 'fr',
      rows: 2 * 37,
      url: expect.stringContaining('X-Amz-Signature'),
    });
    const file = await fetch(status.url!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename=".*-fr\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await file.arrayBuffer()) as never);
    const answers = book.getWorksheet('Réponses')!;
    expect(answers.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(answers.rowCount).toBe(1 + 2 * 37);
    const names = answers.getColumn(2).values.slice(2);
    expect(new Set(names)).toEqual(new Set(['Haïti', 'Mexique']));
    expect(answers.getColumn(10).values).toContain(NARRATIVE);
  });

  it('writes CSV in Spanish with the mandate texts, and HTML with the narrative’s list kept', async () => {
    const csv = await exportOf({ format: 'csv', lang: 'es', scope: 'all' });
    const text = await (await fetch(csv.url!)).text();
    expect(text).toContain('"Haití"');
    expect(text).toContain('"Implementado parcialmente"');
    expect(text).toContain(`"${NARRATIVE}"`);
    const html = await exportOf({ format: 'html', lang: 'fr', scope: 'all' });
    const page = await fetch(html.url!);
    expect(page.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await page.text()).toContain('<p>Première mesure.</p><ul><li>un décret</li><li>une loi</li></ul>');
    const report = await exportOf({ format: 'json' });
    expect((await (await fetch(report.url!)).json()).response).toMatchObject({ invited: 2, submitted: 1 });
  });

  it.each([
    [{ format: 'pdf' }, 400],
    [{ format: 'csv', lang: 'de' }, 400],
    [{ format: 'csv', colour: 'red' }, 400],
    [{}, 400],
  ])('refuses %j with %i', async (body, status) => {
    expect((await api(`/api/cycles/${cycleId}/exports`, { method: 'POST', body: JSON.stringify(body), headers: json })).status).toBe(
      status,
    );
  });

  it('answers 404 for an unknown cycle or export, and 400 for an export id that is none', async () => {
    expect((await api('/api/cycles/nope/exports', { method: 'POST', body: '{"format":"csv"}', headers: json })).status).toBe(404);
    expect((await api(`/api/exports/${randomUUID()}`)).status).toBe(404);
    expect((await api('/api/exports/not-an-id')).status).toBe(400);
  });

  it('refuses a state’s session cookie and a missing token on both routes', async () => {
    const post = { method: 'POST', body: '{"format":"csv"}', headers: { ...json, Cookie: stateCookie }, token: null };
    expect((await api(`/api/cycles/${cycleId}/exports`, post)).status).toBe(401);
    const { id } = await jsonOf(await api(`/api/cycles/${cycleId}/exports`, { method: 'POST', body: '{"format":"csv"}', headers: json }));
    expect((await api(`/api/exports/${id}`, { headers: { Cookie: stateCookie }, token: null })).status).toBe(401);
    expect((await api(`/api/exports/${id}`, { token: null })).status).toBe(401);
  });

  it('marks the export failed, aborts the upload and keeps no file when the upload breaks', async () => {
    const stores = processStores();
    const record = await requestExport(
      stores,
      cycleId,
      { format: 'csv', language: 'en', scope: 'all' },
      {
        now: new Date().toISOString(),
        actor: 'test',
        start: async () => {},
      },
    );
    let aborted = false;
    const broken = {
      ...exportFiles,
      upload: (key: string, format: 'csv', name: string) => {
        const upload = exportFiles.upload(key, format, name);
        upload.stream.write('partial');
        void upload.abort();
        return { ...upload, done: Promise.reject(new Error('S3 went away')), abort: async () => void (aborted = true) };
      },
    };
    await expect(
      runExport(stores, record.id, { now: () => new Date().toISOString(), files: broken as never, stream: streamReportFile }),
    ).rejects.toThrow('S3 went away');
    expect(aborted).toBe(true);
    const after = await jsonOf(await api(`/api/exports/${record.id}`));
    expect(after).toMatchObject({ status: 'failed', error: 'The export failed; try again' });
    expect(after.url).toBeUndefined();
    // A retried invocation of a finished export changes nothing.
    expect(
      (await runExport(stores, record.id, { now: () => new Date().toISOString(), files: exportFiles, stream: streamReportFile }))!.status,
    ).toBe('failed');
  });

  it('records an export whose job could not be started as failed, and the request fails', async () => {
    const stores = processStores();
    let started: string | undefined;
    const start = async (exportId: string) => {
      started = exportId;
      throw new Error('Lambda said no');
    };
    await expect(
      requestExport(
        stores,
        cycleId,
        { format: 'csv', language: 'en', scope: 'all' },
        { now: new Date().toISOString(), actor: 'test', start },
      ),
    ).rejects.toThrow('Lambda said no');
    expect(await jsonOf(await api(`/api/exports/${started}`))).toMatchObject({
      status: 'failed',
      error: 'The export job could not be started',
    });
  });

  it('streams a file larger than one part to S3 as a multipart upload, whole and in order', async () => {
    const key = `exports/multipart-test/${randomUUID()}/big.csv`;
    const upload = exportFiles.upload(key, 'csv', 'big.csv');
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 17 * 1024; i += 1) {
      if (!upload.stream.write(`${String(i).padStart(8, '0')}${line.slice(8)}`)) await new Promise((r) => upload.stream.once('drain', r));
    }
    upload.stream.end();
    expect(await upload.done).toEqual({ bytes: 17 * 1024 * 1024 });
    const file = await fetch(await exportFiles.downloadLink(key));
    const body = Buffer.from(await file.arrayBuffer());
    expect(body.length).toBe(17 * 1024 * 1024);
    expect(body.subarray(16 * 1024 * 1024, 16 * 1024 * 1024 + 8).toString()).toBe(String(16 * 1024).padStart(8, '0'));
  });
});

/**
 * Many hands on one report, over HTTP on the local system (DynamoDB Local, the local SES mailbox, s3rver):
 * Haiti's coordinator adds a contributor, the secretariat returns an answer, Haiti resubmits, the
 * secretariat accepts; a second cycle carries the answers; an evidence file reaches Haiti and the
 * secretariat only.
 */
import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runJob } from '../../infra/local/jobs';
import { api, jsonOf, mailbox, StateBrowser, type MailboxEmail } from './helpers';
import type { Answer } from '../../shared/domain/answers';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const json = { 'Content-Type': 'application/json' };
const base = () => inject('apiUrl');
const MINISTRY = `ana.${randomUUID().slice(0, 6)}@sante.gouv.ht`;

const linkIn = (email: MailboxEmail | undefined) => /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(email?.body.text ?? '')![1]!;
const to = (emails: MailboxEmail[], address: string) => emails.filter((e) => e.destination.to[0] === address);

async function newCycle(title: string, mandates: string[], states: string[]) {
  const created = await jsonOf(
    await api('/api/cycles', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title, deadline: inDays(30), states, mandates: { ids: mandates } }),
    }),
  );
  await runJob('reminders', new Date().toISOString());
  const emails = await mailbox(title);
  const sessions: Record<string, StateBrowser> = {};
  for (const code of states) {
    sessions[code] = new StateBrowser();
    await sessions[code].open(linkIn(to(emails, `focal-point@${code.toLowerCase()}.example.org`)[0]));
  }
  return { id: created.id as string, sessions };
}

let ids: string[];
let title: string;
let cycle: Awaited<ReturnType<typeof newCycle>>;
let haiti: StateBrowser;
let ana: StateBrowser;
let second: Awaited<ReturnType<typeof newCycle>>;

beforeAll(async () => {
  const mandates = (await jsonOf(await api('/api/mandates'))).mandates as { id: string; chapeau?: boolean }[];
  ids = mandates
    .filter((m) => !m.chapeau)
    .slice(0, 3)
    .map((m) => m.id);
  title = `Many hands ${randomUUID().slice(0, 8)}`;
  cycle = await newCycle(title, ids, ['HTI', 'JAM']);
  haiti = cycle.sessions.HTI!;
});

describe("Haiti's coordinator and a contributor", () => {
  it('adds a contributor for two mandates (201), who gets a French invitation with a link of their own', async () => {
    const added = await haiti.send('POST', '/api/assignment/contributors', {
      name: 'Ana Pérez',
      email: MINISTRY,
      institution: 'Ministère de la Santé',
      mandates: ids.slice(0, 2),
    });
    expect(added.status).toBe(201);
    expect((await jsonOf(added)).id).toMatch(/\w+/);
    await runJob('reminders', new Date().toISOString());
    const invitation = to(await mailbox(title), MINISTRY)[0];
    expect(invitation?.body.text).toContain('Ana Pérez');
    expect(invitation?.body.html).toContain('<html lang="fr">');
    ana = new StateBrowser();
    expect((await ana.open(linkIn(invitation))).status).toBeLessThan(400);
  });

  it('lets the contributor save their mandates (200), not a third (403), and not submit or add people (403)', async () => {
    expect((await ana.save(ids[0]!, { status: 'in_progress', narrative: 'Plan national adopté.', version: 0 })).status).toBe(200);
    expect((await ana.save(ids[2]!, { status: 'in_progress', version: 0 })).status).toBe(403);
    expect((await ana.send('POST', '/api/assignment/submit')).status).toBe(403);
    expect((await ana.send('POST', '/api/assignment/contributors', { name: 'X', email: 'x@y.ht', mandates: [ids[0]] })).status).toBe(403);
    const view = await ana.assignment();
    expect(view.role).toBe('contributor');
    expect(view.mandates.map((m: { editable: boolean }) => m.editable)).toEqual([true, true, false]);
  });

  it('shows the coordinator who answered what', async () => {
    const team = await jsonOf(await haiti.fetch('/api/assignment/contributors'));
    expect(team.contributors).toEqual([expect.objectContaining({ name: 'Ana Pérez', answered: 1, total: 2 })]);
    const view = await haiti.assignment();
    expect(view.mandates[0].answer.updatedBy).toBe('HTI: Ana Pérez');
  });
});

describe('evidence files', () => {
  let fileId: string;
  const pdf = Buffer.from('%PDF-1.4\n% a decree\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

  it('uploads a file through a signed link, records and checks its SHA-256', async () => {
    const started = await haiti.send('POST', `/api/assignment/answers/${encodeURIComponent(ids[1]!)}/files`, {
      name: 'Décret 2027-14.pdf',
      type: 'application/pdf',
      size: pdf.length,
    });
    expect(started.status).toBe(201);
    const { file, upload } = await jsonOf(started);
    fileId = file.id;
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: pdf });
    expect(put.status).toBe(200);
    const done = await haiti.send('POST', `/api/assignment/files/${fileId}/complete`, {
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    expect(done.status).toBe(200);
    expect((await jsonOf(done)).file).toMatchObject({ status: 'ready', sha256: createHash('sha256').update(pdf).digest('hex') });
  });

  it("is listed, with its SHA-256, beside Haiti's answer in the CSV and HTML reports", async () => {
    const sha = createHash('sha256').update(pdf).digest('hex');
    const csv = await (await api(`/api/cycles/${cycle.id}/report?format=csv&scope=all&lang=fr`)).text();
    const haitiRow = csv.split('\r\n').find((line) => line.startsWith('"HTI"') && line.includes(ids[1]!))!;
    expect(haitiRow).toContain(`Décret 2027-14.pdf (1 KB, SHA-256 ${sha})`);
    expect(csv.split('\r\n').filter((line) => line.startsWith('"JAM"') && line.includes(sha))).toEqual([]);
    const page = await (await api(`/api/cycles/${cycle.id}/report?format=html&scope=all&lang=fr`)).text();
    expect(page).toContain('<dt>Fichiers</dt>');
    expect(page).toContain(`SHA-256 ${sha}`);
  });

  it('refuses a file whose bytes are not its type, and a type or size out of bounds', async () => {
    const bad = await jsonOf(
      await haiti.send('POST', `/api/assignment/answers/${encodeURIComponent(ids[1]!)}/files`, {
        name: 'x.png',
        type: 'image/png',
        size: 4,
      }),
    );
    await fetch(bad.upload.url, { method: 'PUT', headers: bad.upload.headers, body: 'text' });
    expect((await haiti.send('POST', `/api/assignment/files/${bad.file.id}/complete`, {})).status).toBe(400);
    const exe = await haiti.send('POST', `/api/assignment/answers/${encodeURIComponent(ids[1]!)}/files`, {
      name: 'x.exe',
      type: 'application/x-msdownload',
      size: 10,
    });
    expect(exe.status).toBe(400);
    const huge = await haiti.send('POST', `/api/assignment/answers/${encodeURIComponent(ids[1]!)}/files`, {
      name: 'big.pdf',
      type: 'application/pdf',
      size: 21 * 1024 * 1024,
    });
    expect(huge.status).toBe(400);
  });

  it('is downloadable, as an attachment, by Haiti and the secretariat, and by no other state', async () => {
    const mine = await haiti.fetch(`/api/assignment/files/${fileId}`);
    expect(mine.status).toBe(303);
    const download = await fetch(mine.headers.get('location')!);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    const secretariat = await api(`/api/cycles/${cycle.id}/states/HTI/files/${fileId}`, { redirect: 'manual' });
    expect(secretariat.status).toBe(303);
    expect((await cycle.sessions.JAM!.fetch(`/api/assignment/files/${fileId}`)).status).toBe(404);
    expect((await api(`/api/cycles/${cycle.id}/states/JAM/files/${fileId}`, { redirect: 'manual' })).status).toBe(404);
    const view = await haiti.assignment();
    expect(view.mandates[1].files).toEqual([expect.objectContaining({ id: fileId, name: 'Décret 2027-14.pdf', status: 'ready' })]);
  });
});

describe('the review loop', () => {
  it('returns one answer with a comment: Haiti gets a French email with it, and sees it in GET /api/assignment', async () => {
    for (const id of ids.slice(1)) {
      const current = (await haiti.assignment()).mandates.find((m: { id: string }) => m.id === id).answer;
      expect(
        (await haiti.save(id, { status: 'partially_implemented', narrative: 'Mesures prises.', version: current?.version ?? 0 })).status,
      ).toBe(200);
    }
    const receipt = await haiti.send('POST', '/api/assignment/submit');
    expect(receipt.status).toBe(200);
    // The README's recipe recomputes the hash from GET /api/assignment, the file's SHA-256 included
    const view0 = await haiti.assignment();
    const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    type Listed = { id: string; answer: Answer | null; files: { name: string; sha256: string }[] };
    const canonical = (view0.mandates as Listed[])
      .map((m) => m.answer)
      .filter((a): a is Answer => a !== null)
      .sort((a, b) => a.mandateId.localeCompare(b.mandateId))
      .map((a) => {
        const row: unknown[] = [a.mandateId, a.status, a.narrative, a.difficulties, a.evidence.map((e) => [e.title, e.url]), a.version];
        const files = (view0.mandates as Listed[]).find((m) => m.id === a.mandateId)!.files.map((f) => [f.name, f.sha256]);
        return files.length > 0 ? [...row, files.sort((x, y) => x[1]!.localeCompare(y[1]!))] : row;
      });
    const digest = sha256(JSON.stringify(canonical));
    expect(view0.mandates[1].files).toHaveLength(1);
    expect(sha256(`${view0.cycle.id}\n${view0.state.code}\n${digest}`)).toBe((await jsonOf(receipt)).contentHash);
    const noComment = await api(`/api/cycles/${cycle.id}/states/HTI/review`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ decisions: [{ mandateId: ids[0], decision: 'returned' }] }),
    });
    expect(noComment.status).toBe(400);
    const reviewed = await api(`/api/cycles/${cycle.id}/states/HTI/review`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ decisions: [{ mandateId: ids[0], decision: 'returned', comment: 'Quelle est la date du plan ?' }] }),
    });
    expect(reviewed.status).toBe(200);
    expect(await jsonOf(reviewed)).toMatchObject({ status: 'returned', returned: 1 });
    await runJob('reminders', new Date().toISOString());
    const notices = (await mailbox(title)).filter((e) => e.body.text?.includes('Quelle est la date du plan ?'));
    expect(notices.map((e) => e.destination.to[0]).sort()).toEqual([MINISTRY, 'focal-point@hti.example.org'].sort());
    expect(notices[0]!.body.html).toContain('<html lang="fr">');
    const view = await haiti.assignment();
    expect(view.status).toBe('returned');
    expect(view.mandates[0].review).toMatchObject({ decision: 'returned', comment: 'Quelle est la date du plan ?' });
    expect(view.mandates[0].comments).toEqual([expect.objectContaining({ side: 'secretariat', text: 'Quelle est la date du plan ?' })]);
  });

  it('Haiti replies, edits and resubmits; the secretariat accepts and the answer is locked', async () => {
    expect(
      (await haiti.send('POST', `/api/assignment/answers/${encodeURIComponent(ids[0]!)}/comments`, { text: 'Adopté le 3 mars.' })).status,
    ).toBe(201);
    const current = (await haiti.assignment()).mandates[0].answer;
    expect(
      (await haiti.save(ids[0]!, { status: 'fully_implemented', narrative: 'Plan adopté le 3 mars.', version: current.version })).status,
    ).toBe(200);
    const resubmitted = await jsonOf(await haiti.send('POST', '/api/assignment/submit'));
    expect(resubmitted).toMatchObject({ status: 'resubmitted', round: 2 });
    const accepted = await api(`/api/cycles/${cycle.id}/states/HTI/review`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ decisions: [], acceptRest: true }),
    });
    expect(await jsonOf(accepted)).toMatchObject({ status: 'accepted' });
    const view = await haiti.assignment();
    expect(view.status).toBe('accepted');
    expect(view.mandates[0].comments.map((c: { side: string }) => c.side)).toEqual(['secretariat', 'state']);
    expect((await haiti.save(ids[0]!, { status: 'not_started', version: view.mandates[0].answer.version })).status).toBe(409);
    const status = await jsonOf(await api(`/api/cycles/${cycle.id}`));
    expect(status.states.find((s: { code: string }) => s.code === 'HTI').status).toBe('accepted');
  });
});

// Uruguay is used by no other test, so the answers carried into its next cycle can only be the ones given here.
describe('the next cycle', () => {
  let first: Awaited<ReturnType<typeof newCycle>>;

  it("opens with the state's answers carried forward and marked, unanswered until confirmed; the change since then is reported", async () => {
    first = await newCycle(`${title} (URY 1)`, ids, ['URY']);
    const uruguay = first.sessions.URY!;
    expect(
      (await uruguay.save(ids[0]!, { status: 'partially_implemented', narrative: 'Plan nacional adoptado.', version: 0 })).status,
    ).toBe(200);
    expect((await uruguay.save(ids[1]!, { status: 'not_started', version: 0 })).status).toBe(200);
    expect((await uruguay.send('POST', '/api/assignment/submit')).status).toBe(200);
    const next = await newCycle(`${title} (URY 2)`, ids, ['URY']);
    second = next;
    const session = next.sessions.URY!;
    const view = await session.assignment();
    expect(view.progress.answered).toBe(0);
    expect(view.mandates[0]).toMatchObject({
      carriedForward: true,
      carriedFrom: { cycleId: first.id },
      answer: { status: 'partially_implemented', narrative: 'Plan nacional adoptado.', version: 0 },
    });
    // Newest first; other suites on the same local system may have given Uruguay older cycles.
    expect(view.mandates[0].history[0]).toMatchObject({ cycleId: first.id, status: 'partially_implemented' });
    const saved = await jsonOf(
      await session.save(ids[0]!, { status: 'partially_implemented', narrative: 'Plan nacional adoptado.', version: 0 }),
    );
    expect(saved.answer.carried).toEqual({ from: first.id, outcome: 'confirmed' });
    expect((await session.save(ids[1]!, { status: 'in_progress', narrative: 'Comenzó.', version: 0 })).status).toBe(200);
    const changes = await jsonOf(await api(`/api/cycles/${next.id}/changes`));
    expect(changes.rows.map((r: { change: string; carried?: string }) => [r.change, r.carried ?? null])).toEqual([
      ['unchanged', 'confirmed'],
      ['improved', 'updated'],
      ['unanswered', null],
    ]);
    expect(changes.progress.map((p: { cycleId: string }) => p.cycleId).slice(-2)).toEqual([first.id, next.id]);
    expect((await api(`/api/cycles/no-such-cycle/changes`)).status).toBe(404);

    // The console's review screen: the new answers beside the ones given before
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' };
    const signedIn = await fetch(`${base()}/console/sign-in`, {
      method: 'POST',
      headers: form,
      body: 'token=integration-test-token',
      redirect: 'manual',
    });
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const asConsole = (path: string, body?: Record<string, string>) =>
      fetch(`${base()}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { ...form, Cookie: cookie },
        body: body ? new URLSearchParams(body).toString() : undefined,
        redirect: 'manual',
      });
    expect((await session.send('POST', '/api/assignment/submit')).status).toBe(200);
    const path = `/console/cycles/${next.id}/states/URY/review`;
    const page = await (await asConsole(path)).text();
    expect(page).toContain(`Before: ${title} (URY 1)`);
    expect(page).toContain('Comenzó.');
    expect(page).toContain('Not started'); // Uruguay's earlier status, beside the new one
    expect(page).toContain(`Earlier cycles: ${title} (URY 1): Not started`);
    const refused = await asConsole(path, { [`decision:${ids[1]}`]: 'returned', [`comment:${ids[1]}`]: '' });
    expect(refused.status).toBe(303);
    expect(decodeURIComponent(refused.headers.get('location')!.replace(/\+/g, ' '))).toContain('needs a comment');
    const done = await asConsole(path, {
      [`decision:${ids[1]}`]: 'returned',
      [`comment:${ids[1]}`]: 'Precise la fecha.',
      acceptRest: 'true',
    });
    expect(decodeURIComponent(done.headers.get('location')!.replace(/\+/g, ' '))).toContain('1 returned, 2 accepted');
    expect((await jsonOf(await api(`/api/cycles/${next.id}`))).states[0].status).toBe('returned');
  });
});

describe("the next cycle's report", () => {
  it('tells answers confirmed unchanged from updated, and gives the change since the previous cycle, in every format', async () => {
    const json = await jsonOf(await api(`/api/cycles/${second.id}/report?format=json&scope=all`));
    expect(json.changes).toEqual({
      counts: { improved: 1, unchanged: 1, regressed: 0, new: 0, changed: 0, unanswered: 1 },
      carried: { confirmed: 1, updated: 1 },
    });
    const csv = await (await api(`/api/cycles/${second.id}/report?format=csv&scope=all&lang=es`)).text();
    expect(csv).toContain('"Traída del ciclo anterior, confirmada sin cambios",1');
    const rowOf = (id: string) => csv.split('\r\n').find((line) => line.startsWith('"URY"') && line.includes(`"${id}"`))!;
    expect(rowOf(ids[0]!)).toMatch(/"Implementado parcialmente","Sin cambio","Traída del ciclo anterior, confirmada sin cambios"$/);
    expect(rowOf(ids[1]!)).toMatch(/"No iniciado","Mejoró","Traída del ciclo anterior, actualizada"$/);
    const page = await (await api(`/api/cycles/${second.id}/report?format=html&scope=all`)).text();
    expect(page).toContain('<h2>Change since the previous cycle</h2>');
    expect(page).toMatch(/Improved \(Previous cycle: Not started\)/);
  });
});

describe('lineage', () => {
  it('links a mandate to the one it continues (201), refuses a loop (400) and an unknown mandate (400, 404)', async () => {
    const link = (from: string, body: unknown) =>
      api(`/api/mandates/${encodeURIComponent(from)}/links`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    const created = await link(ids[1]!, { to: ids[0], kind: 'continues' });
    expect(created.status).toBe(201);
    expect((await jsonOf(created)).link).toMatchObject({ from: ids[1], to: ids[0], kind: 'continues' });
    expect((await link(ids[0]!, { to: ids[1], kind: 'reaffirms' })).status).toBe(400);
    expect((await link(ids[0]!, { to: 'no-such-mandate', kind: 'continues' })).status).toBe(400);
    expect((await link('no-such-mandate', { to: ids[0], kind: 'continues' })).status).toBe(404);
    expect((await link(ids[0]!, { to: ids[2], kind: 'copies' })).status).toBe(400);
  });

  it("rolls the report up along the chain: the two linked mandates' answers added up", async () => {
    const report = await jsonOf(await api(`/api/cycles/${second.id}/report?format=json&scope=all`));
    const chain = report.byLineage.find((c: { mandates: { id: string }[] }) => c.mandates.some((m) => m.id === ids[1]));
    expect(chain.mandates.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    expect(chain.counts).toMatchObject({ partially_implemented: 1, in_progress: 1 });
    const page = await (await api(`/api/cycles/${second.id}/report?format=html`)).text();
    expect(page).toContain('<h2>Along linked mandates</h2>');
  });

  it("shows the state the chain: the newer mandate names the one it continues, in the API and on Uruguay's page", async () => {
    const uruguay = second.sessions.URY!;
    const view = await uruguay.assignment();
    const newer = view.mandates[1];
    expect(newer.lineage).toEqual([expect.objectContaining({ id: ids[0], kind: 'continues' })]);
    const page = await (await uruguay.fetch(`/respond?at=${encodeURIComponent(ids[1]!)}`)).text();
    expect(page).toContain('<h4>Cadena de mandatos</h4>');
    expect(page).toMatch(/Continúa: /);
  });
});

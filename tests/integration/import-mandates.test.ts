import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memberStates, seedDocuments, summits } from '../../seeds/registry';
import { storesOn, type Stores } from '../../shared/store';
import { importMandatePage } from '../../shared/usecases/import-mandates';
import { seed } from '../../shared/usecases/seed';
import { countItems, freshTable, jsonOf, localDynamo, TOKEN } from './helpers';

/**
 * Importing mandates through the API and the console. These tests change the catalogue, so they run
 * on a table of their own, behind a gateway of their own (in this test file's process), and never
 * on the table the other integration tests share.
 */

const fixture = (name: string) => readFileSync(`tests/unit/fixtures/summits-mandates-${name}.txt`, 'utf8');
const health = fixture('health-prevention');
const healthEs = fixture('health-prevention-es');
const education = fixture('education-quality');
const labor = fixture('labor-employment');
const VACCINATION = 'Make vaccination campaigns reach every community';
const PUBLISH = 'Publish, every two years, comparable figures';

const withoutLine = (text: string, part: string) =>
  text
    .split('\n')
    .filter((line) => !line.includes(part))
    .join('\n');

let server: Server;
let base: string;
let tableName: string;
let stores: Stores;

beforeAll(async () => {
  tableName = await freshTable('import');
  // This file's functions use this table: the config is read once per process, and this file has its own.
  const { config, readConfig } = await import('../../shared/config');
  Object.assign(config(), readConfig({ ...process.env, TABLE_NAME: tableName }));
  stores = storesOn(localDynamo().doc, tableName);
  await seed({ documents: seedDocuments('seeds'), summits, states: memberStates }, stores);
  const { createGateway } = await import('../../infra/local/gateway');
  server = createGateway();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const call = (path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${TOKEN}`);
  return fetch(`${base}${path}`, { ...init, headers });
};
const importPage = (body: Record<string, unknown>) =>
  call('/api/mandates/import', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const sendCsv = (csv: string, query = '', type = 'text/csv; charset=utf-8') =>
  call(`/api/mandates/translations${query}`, { method: 'POST', headers: { 'Content-Type': type }, body: csv });
interface Listed {
  id: string;
  text: string;
  themes: string[];
  texts: Record<string, string>;
  revision: number;
  retired?: boolean;
}
const mandates = async (query = '') => (await jsonOf(await call(`/api/mandates?limit=1000${query}`))).mandates as Listed[];
const findText = <T extends { text: string }>(list: T[], start: string) => list.filter((m) => m.text.startsWith(start));

describe('POST /api/mandates/import', () => {
  it('previews a new theme page and writes nothing', async () => {
    const before = await countItems(tableName);
    const response = await importPage({ name: 'health-prevention', text: health });
    expect(response.status).toBe(200);
    const summary = await jsonOf(response);
    expect(summary).toMatchObject({
      applied: false,
      page: { name: 'health-prevention', theme: 'health-disease-prevention', language: 'en', entries: 7, replaces: [] },
      counts: { added: 7, revised: 0, merged: 0, translated: 0, retired: 0 },
      revised: [],
      merged: [],
      translated: [],
      unmatched: [],
      problems: [],
    });
    expect(summary.added[0]).toEqual({
      id: 'health-disease-prevention-2022-action-plan-on-health-and-resilience-in-the-americas-1',
      label: '1',
      document: expect.stringMatching(/Health and Resilience/),
      year: 2022,
      text: expect.stringMatching(/^Draw up a shared plan/),
      themes: ['health-disease-prevention'],
    });
    expect(summary.unchanged).toBe(38);
    expect(await countItems(tableName)).toBe(before);
    expect(await mandates()).toHaveLength(38);
  });

  it('applies it with apply: true, answering the same summary, and then finds it unchanged', async () => {
    const preview = await jsonOf(await importPage({ name: 'health-prevention', text: health }));
    const applied = await jsonOf(await importPage({ name: 'health-prevention', text: health, apply: true }));
    expect(applied).toEqual({ ...preview, applied: true });
    expect(await mandates('&theme=health-disease-prevention')).toHaveLength(7);

    const again = await jsonOf(await importPage({ name: 'health-prevention', text: health }));
    expect(again.counts).toEqual({ added: 0, revised: 0, merged: 0, translated: 0, retired: 0, unchanged: 45 });
  });

  it('refuses a page with problems with 422 and every problem with its line, and writes nothing', async () => {
    const before = await countItems(tableName);
    const broken = `${education}\n  1. A commitment that cites nothing at all.\n\nA stray line of text.\n`;
    const response = await importPage({ name: 'education-quality', text: broken, apply: true });
    expect(response.status).toBe(422);
    const body = await jsonOf(response);
    expect(body.error).toMatchObject({ code: 'page_has_problems', message: expect.stringMatching(/nothing was written/) });
    // The footer line ends the page: whatever follows it is a problem too.
    expect(body.error.details.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ page: 'education-quality', line: 24, message: 'text after the page footer' })]),
    );
    for (const problem of body.error.details.problems)
      expect(problem).toEqual({ page: 'education-quality', line: expect.any(Number), message: expect.any(String) });
    expect(await countItems(tableName)).toBe(before);
  });

  it('refuses a name that is not a one-line slug (400), a page over 200 KB (413) and unknown fields (400)', async () => {
    const badName = await importPage({ name: 'two words', text: education });
    expect(badName.status).toBe(400);
    expect((await jsonOf(badName)).error.message).toMatch(/^name: /);
    expect((await importPage({ name: 'line\nbreak', text: education })).status).toBe(400);
    const large = await importPage({ name: 'large', text: `${education}\n${'x'.repeat(200 * 1024)}` });
    expect(large.status).toBe(413);
    expect((await jsonOf(large)).error.code).toBe('page_too_large');
    expect((await importPage({ name: 'education', text: education, force: true })).status).toBe(400);
    expect((await importPage({ name: 'education', text: '   ' })).status).toBe(400);
  });

  it('makes one mandate of one that stands on two theme pages, with both themes', async () => {
    const response = await importPage({ name: 'education-quality', text: education, apply: true });
    const summary = await jsonOf(response);
    expect(summary.counts).toMatchObject({ added: 5, merged: 1, revised: 0, retired: 0 });
    expect(summary.merged).toEqual([
      expect.objectContaining({
        text: expect.stringMatching(`^${VACCINATION}`),
        themes: ['education-quality-and-inclusion', 'health-disease-prevention'],
        gainedThemes: ['education-quality-and-inclusion'],
      }),
    ]);
    const vaccination = findText(await mandates(), VACCINATION);
    expect(vaccination).toHaveLength(1);
    expect(vaccination[0]).toMatchObject({
      id: 'health-disease-prevention-2015-health-initiatives-1',
      themes: ['education-quality-and-inclusion', 'health-disease-prevention'],
      revision: 2,
    });
    expect(await mandates('&theme=education-quality-and-inclusion')).toHaveLength(6);
  });

  it('gives the same catalogue whichever of the two pages is imported first', async () => {
    const other = storesOn(localDynamo().doc, await freshTable('import-order'));
    await seed({ documents: seedDocuments('seeds'), summits, states: [] }, other);
    const now = new Date().toISOString();
    await importMandatePage({ name: 'education-quality', text: education, apply: true }, { store: other.mandates, summits, now });
    await importMandatePage({ name: 'health-prevention', text: health, apply: true }, { store: other.mandates, summits, now });
    const shape = (list: { text: string; themes?: string[] }[]) => list.map((m) => `${m.text} ${m.themes!.join(',')}`).sort();
    const here = (await stores.mandates.listMandates()).filter((m) => !m.retired);
    const there = await other.mandates.listMandates();
    expect(shape(there)).toEqual(shape(here));
    expect(findText(there, VACCINATION)).toEqual([
      expect.objectContaining({ themes: ['education-quality-and-inclusion', 'health-disease-prevention'] }),
    ]);
  });

  it('adds texts.es to the mandates a Spanish page translates, and keeps what it cannot match', async () => {
    const preview = await jsonOf(await importPage({ name: 'health-prevention-es', text: healthEs }));
    expect(preview.page).toMatchObject({ language: 'es', translates: 'health-prevention' });
    expect(preview.counts).toMatchObject({ translated: 7, added: 1, revised: 0, merged: 0, retired: 0 });
    expect(preview.translated.every((m: { gainedLanguages: string[] }) => m.gainedLanguages.join() === 'es')).toBe(true);
    expect(preview.unmatched).toEqual([{ line: 29, message: expect.stringMatching(/kept as a mandate in "es"/) }]);
    expect(preview.added).toEqual([expect.objectContaining({ text: expect.stringMatching(/^Promover el intercambio/) })]);
    expect((await importPage({ name: 'health-prevention-es', text: healthEs, apply: true })).status).toBe(200);

    const [vaccination] = findText(await mandates(), VACCINATION);
    expect(vaccination).toMatchObject({
      language: 'en',
      texts: { en: expect.stringMatching(`^${VACCINATION}`), es: expect.stringMatching(/^Lograr que/) },
    });
    // The shared mandate keeps its two themes: the Spanish page adds texts, not a theme.
    expect(vaccination!.themes).toEqual(['education-quality-and-inclusion', 'health-disease-prevention']);
  });

  it('retires a mandate the page no longer lists, hides it, and never offers it for a new cycle', async () => {
    const kept = findText(await mandates(), PUBLISH)[0]!;
    const newCycle = (title: string, selection: Record<string, unknown>) =>
      call('/api/cycles', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title, deadline: '2099-03-15', states: ['JAM'], mandates: selection }),
      });
    const cycle = await jsonOf(await newCycle('Education 2027', { ids: [kept.id] }));
    expect(cycle.mandateCount).toBe(1);

    // The last entry of the page: leaving it out moves no other entry (labels are places on the page).
    const page = withoutLine(education, PUBLISH);
    const preview = await jsonOf(await importPage({ name: 'education-quality', text: page }));
    expect(preview.counts).toMatchObject({ retired: 1, added: 0, revised: 0, merged: 0 });
    expect(preview.retired).toEqual([expect.objectContaining({ id: kept.id })]);
    await importPage({ name: 'education-quality', text: page, apply: true });

    expect(findText(await mandates(), PUBLISH)).toEqual([]);
    const retired = findText(await mandates('&retired=include'), PUBLISH);
    expect(retired).toEqual([expect.objectContaining({ id: kept.id, retired: true, retiredAt: expect.any(String), revision: 1 })]);
    expect((await mandates('&retired=only')).map((m) => m.id)).toEqual([kept.id]);

    // Not offered for a new cycle, whether asked by id or by a filter.
    const byId = await newCycle('Again', { ids: [kept.id] });
    expect(byId.status).toBe(400);
    expect((await jsonOf(byId)).error.code).toBe('unknown_mandates');
    const byTheme = await jsonOf(await newCycle('Theme', { theme: 'education-quality-and-inclusion' }));
    expect(byTheme.mandateCount).toBe(4); // 6 entries, less the chapeau and the retired one

    // The cycle that asks about it still has it.
    const report = await jsonOf(await call(`/api/cycles/${cycle.id}/report`));
    expect(report.byMandate.map((m: { id: string }) => m.id)).toEqual([kept.id]);

    // A page that lists it again brings it back, under its id.
    const back = await jsonOf(await importPage({ name: 'education-quality', text: education, apply: true }));
    expect(back.counts).toMatchObject({ added: 1, retired: 0 });
    expect(back.added).toEqual([expect.objectContaining({ id: kept.id, restored: true })]);
    expect(findText(await mandates(), PUBLISH)).toEqual([expect.objectContaining({ id: kept.id })]);
  });

  it('drops the theme of a shared mandate that one page no longer lists, without retiring it', async () => {
    const preview = await jsonOf(await importPage({ name: 'education-quality', text: withoutLine(education, VACCINATION) }));
    expect(preview.counts).toMatchObject({ retired: 0, added: 0 });
    // The entries after it move up one place: their labels (their place on the page) are revised too.
    expect(preview.revised).toContainEqual(
      expect.objectContaining({
        text: expect.stringMatching(`^${VACCINATION}`),
        themes: ['health-disease-prevention'],
        changes: ['themes'],
      }),
    );
  });

  it('takes the place of a stored page of the same theme and language under another name', async () => {
    const preview = await jsonOf(await importPage({ name: 'education', text: education }));
    expect(preview.page.replaces).toEqual(['education-quality']);
    expect(preview.counts).toMatchObject({ added: 0, revised: 0, retired: 0 });
  });
});

describe('POST /api/mandates/translations', () => {
  let ids: { first: string; second: string };
  beforeEach(async () => {
    const education = await mandates('&theme=education-quality-and-inclusion');
    ids = { first: education[0]!.id as string, second: education[2]!.id as string };
  });

  it('previews the texts a CSV gives (BOM, quoted fields) and writes nothing', async () => {
    const before = await countItems(tableName);
    const csv =
      '\uFEFFid,language,text\r\n' +
      `${ids.first},fr,"Étendre l'éducation de la petite enfance à chaque enfant, en priorité dans les zones rurales."\r\n` +
      `${ids.second},pt,"Fortalecer a profissão docente, em particular:\r\n""com"" formação"\r\n`;
    const response = await sendCsv(csv);
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toEqual({
      updated: [
        { id: ids.first, language: 'fr', label: expect.any(String), document: expect.any(String) },
        { id: ids.second, language: 'pt', label: expect.any(String), document: expect.any(String) },
      ],
      unchanged: 0,
      problems: [],
      applied: false,
    });
    expect(await countItems(tableName)).toBe(before);
  });

  it('writes them with ?apply=true as a new revision, and they outlast a re-import of the page', async () => {
    const csv = `id,language,text\n${ids.first},fr,"Étendre l'éducation de la petite enfance à chaque enfant."\n${ids.first},es,Ampliar la educación inicial.\n`;
    const applied = await jsonOf(await sendCsv(csv, '?apply=true'));
    expect(applied).toMatchObject({ applied: true, unchanged: 0 });
    expect(applied.updated).toHaveLength(2);
    const [mandate] = (await mandates()).filter((m) => m.id === ids.first) as unknown as {
      revision: number;
      texts: Record<string, string>;
    }[];
    expect(mandate!.texts).toMatchObject({
      fr: "Étendre l'éducation de la petite enfance à chaque enfant.",
      es: 'Ampliar la educación inicial.',
    });
    expect((await jsonOf(await sendCsv(csv, '?apply=true'))).unchanged).toBe(2);

    await importPage({ name: 'education-quality', text: education, apply: true });
    const [after] = (await mandates()).filter((m) => m.id === ids.first) as unknown as {
      revision: number;
      texts: Record<string, string>;
    }[];
    expect(after!.texts.fr).toBe("Étendre l'éducation de la petite enfance à chaque enfant.");
  });

  it('refuses a CSV with problems with 422, naming each line, and writes nothing', async () => {
    const before = await countItems(tableName);
    const csv = [
      'id,language,text',
      'no-such-mandate,fr,Un texte',
      `${ids.first},de,Ein Text`,
      `${ids.first},pt,"   "`,
      `${ids.second},fr,Premier`,
      `${ids.second},fr,Second`,
      `${ids.second},en,Own language`,
      `${ids.second},fr`,
      `${ids.second},pt,"not closed`,
    ].join('\n');
    const response = await sendCsv(csv, '?apply=true');
    expect(response.status).toBe(422);
    const { error } = await jsonOf(response);
    expect(error.code).toBe('csv_has_problems');
    expect(error.details.problems).toEqual([
      { line: 2, message: 'unknown mandate id "no-such-mandate"' },
      { line: 3, message: expect.stringMatching(/language must be en, es, fr or pt/) },
      { line: 4, message: 'the text is empty' },
      { line: 6, message: expect.stringMatching(/already given on line 5/) },
      { line: 7, message: expect.stringMatching(/language of the mandate's own text/) },
      { line: 8, message: 'expected 3 fields (id,language,text), found 2' },
      { line: 9, message: expect.stringMatching(/not closed/) },
    ]);
    expect(await countItems(tableName)).toBe(before);
  });

  it('refuses a missing header, another content type and an unknown query parameter', async () => {
    expect((await sendCsv(`${ids.first},fr,Texte\n`)).status).toBe(422);
    expect((await sendCsv('id,language,text\n', '', 'application/json')).status).toBe(415);
    expect((await sendCsv('id,language,text\n', '?force=1')).status).toBe(400);
    expect((await sendCsv('')).status).toBe(400);
    expect(await jsonOf(await sendCsv('id,language,text\n'))).toEqual({ updated: [], unchanged: 0, problems: [], applied: false });
  });

  it('is refused without the secretariat token', async () => {
    const response = await fetch(`${base}/api/mandates/translations`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: 'id,language,text\n',
    });
    expect(response.status).toBe(401);
    expect((await fetch(`${base}/api/mandates/import`, { method: 'POST' })).status).toBe(401);
  });
});

describe('the console import page', () => {
  let cookie: string;
  const form = (fields: Record<string, string>, headers: Record<string, string> = { 'Sec-Fetch-Site': 'same-origin' }) =>
    fetch(`${base}/console/mandates/import`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  beforeAll(async () => {
    const signedIn = await fetch(`${base}/console/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
      body: new URLSearchParams({ token: TOKEN }).toString(),
    });
    expect(signedIn.status).toBe(303);
    cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  });

  it('is linked from the cycle list, and its form takes a pasted page or a file', async () => {
    const list = await (await fetch(`${base}/console`, { headers: { Cookie: cookie } })).text();
    expect(list).toContain('href="/console/mandates/import"');
    const response = await fetch(`${base}/console/mandates/import`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(/<textarea id="text" name="text"/);
    expect(page).toMatch(/<input type="file" id="page-file"/);
    const scriptNonce = /<script nonce="([^"]+)"/.exec(page)![1]!;
    expect(response.headers.get('content-security-policy')).toContain(`'nonce-${scriptNonce}'`);
  });

  it('previews a page without writing, then applies the very same text', async () => {
    const before = await countItems(tableName);
    const text = labor;
    const preview = await form({ name: 'labor-employment', text });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('Preview of labor-employment');
    // The chapeau, its item c. and the vaccination mandate stand on the health page already.
    expect(html).toMatch(/<th scope="row">Merged \(gain a theme\)<\/th>\s*<td class="n">3<\/td>/);
    expect(html).toMatch(/<input type="hidden" name="apply" value="1"/);
    expect(await countItems(tableName)).toBe(before);

    // The Apply form carries the text it previewed, as the browser would post it back.
    const hidden = /<input type="hidden" name="text" value="([^"]*)"/.exec(html)![1]!;
    const carried = hidden
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(carried).toBe(text);
    const applied = await form({ name: 'labor-employment', text: carried.replace(/\n/g, '\r\n'), apply: '1' });
    expect(applied.status).toBe(200);
    expect(await applied.text()).toMatch(/Applied: 1 added, 0 revised, 3 merged/);
    expect(findText(await mandates(), VACCINATION)[0]).toMatchObject({
      themes: ['education-quality-and-inclusion', 'health-disease-prevention', 'labor-employment'],
    });
  });

  it('shows the problems of a page with their lines (422) and keeps the text in the form', async () => {
    const response = await form({ name: 'broken', text: '  1. A commitment with no citation.\n' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/line 1: entry has no citation/);
    expect(html).toMatch(/<textarea id="text" name="text" required rows="16">\n {2}1\. A commitment with no citation\.\n<\/textarea>/);
  });

  it('refuses a post from another site', async () => {
    expect((await form({ name: 'x', text: health }, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  });
});

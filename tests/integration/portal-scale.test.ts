/**
 * The answering page at 2,000 mandates: every response of the state's routes stays within 1 MB, and
 * the page speaks the state's language where the catalogue does.
 *
 * The routes are served by the real gateway and handlers, in this process, over stores chosen per
 * test: DynamoDB Local (a table of this file's own) for the language checks and the paging of the API;
 * the in-memory stores for the 2,000 answers filled to their limits. DynamoDB Local pages through a
 * partition of 2,000 answers of 66 KB each in 50 to 120 seconds (its paging is quadratic), which would
 * measure the emulator, not the page: the sizes depend on the data only, and are the same on both.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGateway } from '../../infra/local/gateway';
import { memberStates, summits } from '../../seeds/registry';
import { LIMITS, STATUSES } from '../../shared/domain/answers';
import { foldForMatch, type Language } from '../../shared/domain/summits';
import { SESSION_COOKIE } from '../../shared/http/web';
import type { Stores, StoredMandate } from '../../shared/store/ports';
import { memoryStores } from '../../shared/store/memory';
import { hashToken, saveAnswer } from '../../shared/usecases/respond';
import { seededStores, TOKEN } from './helpers';

/** The stores the handlers of this file use: `stores()` of shared/store, pointed at what each test sets. */
const current = vi.hoisted(() => ({ stores: undefined as unknown }));
vi.mock('../../shared/store', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../shared/store')>()),
  stores: () => current.stores as Stores,
}));

const MANDATES = 2_000;
const ONE_MB = 1024 * 1024;
const THEMES = ['health', 'gender', 'labour', 'education'];
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const instruments = summits.flatMap((summit) => (summit.instruments ?? []).map((instrument) => ({ summit, instrument })));

/**
 * 2,000 mandates: a quarter in one group (migration, Plan of Action Québec), the rest spread over
 * four themes and every instrument of the registry; every one in English, two in three in Spanish too;
 * every tenth on a second theme.
 */
function generatedCatalogue(run: string): StoredMandate[] {
  const now = new Date().toISOString();
  const quebec = instruments.find((i) => i.instrument.id === 'plan-of-action-quebec-city')!;
  return Array.from({ length: MANDATES }, (_, i) => {
    const big = i < MANDATES / 4;
    const { summit, instrument } = big ? quebec : instruments[i % instruments.length]!;
    const theme = big ? 'migration' : THEMES[i % THEMES.length]!;
    const en = `Commitment ${i} of the generated catalogue: strengthen cooperation on topic ${i % 97} among the member states, with national policies, programmes and measures that protect the rights of every person and report on their progress.`;
    const es = `Compromiso ${i} del catálogo generado: fortalecer la cooperación sobre el tema ${i % 97} entre los Estados miembros, con políticas, programas y medidas nacionales que protejan los derechos de toda persona e informen sobre sus avances.`;
    const document = instrument.names.en[0]!;
    return {
      id: `scale-${run}-${String(i).padStart(4, '0')}`,
      label: String((i % 9) + 1),
      text: en,
      parentId: null,
      citation: `(${document}, ${summit.year})`,
      document,
      summit: { name: summit.name, city: summit.city, year: summit.year },
      summitId: summit.id,
      year: summit.year,
      notes: [],
      theme,
      themes: i % 10 === 5 ? [theme, 'summit-follow-up'] : [theme],
      position: i + 1,
      chapeau: false,
      line: i + 1,
      language: 'en',
      texts: i % 3 === 0 ? { en } : { en, es },
      revision: 1,
      contentHash: `hash-${i}`,
      updatedAt: now,
    };
  });
}

/**
 * An answer at every limit. Odd mandates get the characters that cost most once escaped: quotes and
 * angle brackets in HTML, control characters in JSON, ampersands in the addresses; even ones plain words.
 */
function answerAtLimits(i: number) {
  const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const hostile = i % 2 === 1;
  return {
    status: STATUSES[i % STATUSES.length]!,
    narrative: fill(hostile ? `"<'&>` : 'Measures taken by the ministries. ', LIMITS.narrative),
    difficulties: fill(hostile ? '\u0001\u0002"\\' : 'Funding and coordination. ', LIMITS.difficulties),
    evidence: Array.from({ length: LIMITS.evidence }, (_, k) => ({
      title: fill(hostile ? `"'<>&` : `Evidence ${k} `, LIMITS.evidenceTitle),
      url: `https://evidence.example.org/${k}?` + fill(hostile ? 'a=1&' : 'page', LIMITS.url - 33),
    })),
  };
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createGateway();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

/** A session for a state, as opening its link would make. */
async function sessionFor(stores: Stores, cycleId: string, code: string): Promise<string> {
  const assignment = (await stores.assignments.getAssignment(cycleId, code))!;
  const id = randomBytes(32).toString('base64url');
  await stores.sessions.putSession({
    sessionHash: hashToken(id),
    cycleId,
    stateCode: code,
    linkEpoch: assignment.linkEpoch,
    expiresAt: inDays(1),
    language: assignment.language,
  });
  return `${SESSION_COOKIE}=${id}`;
}

/** A cycle over the generated mandates, opened at once, through POST /api/cycles. */
async function createCycle(ids: string[], title: string, titles?: Partial<Record<Language, string>>): Promise<string> {
  const response = await fetch(`${base}/api/cycles`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title, titles, deadline: inDays(30), states: ['MEX', 'HTI'], mandates: { ids } }),
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.id as string;
}

interface Fetched {
  status: number;
  bytes: number;
  text: string;
  location: string | null;
}

async function get(cookie: string, path: string): Promise<Fetched> {
  const response = await fetch(`${base}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes: body.length, text: body.toString('utf8'), location: response.headers.get('location') };
}

const unescape = (value: string) => value.replace(/&amp;/g, '&');
/** The group links of a page's contents. */
const groupLinks = (page: string) =>
  new Set(
    [...page.matchAll(/href="(\/respond\?group=[^"#]*)(#[^"]*)?"/g)].map((m) =>
      new URL(unescape(m[1]!), 'http://x').searchParams.get('group')!,
    ),
  );
const articleOf = (page: string, id: string) => {
  const start = page.indexOf(`<article id="m-${id}"`);
  return start < 0 ? '' : page.slice(start, page.indexOf('</article>', start));
};

describe('the page in the state’s language, on DynamoDB Local', () => {
  let stores: Stores;
  let catalogue: StoredMandate[];
  let cycleId: string;
  let mexico: string;
  let haiti: string;

  beforeAll(async () => {
    ({ stores } = await seededStores('portal-scale'));
    current.stores = stores;
    catalogue = generatedCatalogue(randomUUID().slice(0, 8));
    await stores.mandates.saveMandates(catalogue);
    cycleId = await createCycle(
      catalogue.map((m) => m.id),
      'Scale 2027',
      { es: 'Escala 2027', fr: 'Échelle 2027' },
    );
    mexico = await sessionFor(stores, cycleId, 'MEX');
    haiti = await sessionFor(stores, cycleId, 'HTI');
  }, 180_000);

  it('shows Mexico the Spanish text where the catalogue has one, and English marked lang="en" with a note where not', async () => {
    const translated = catalogue[1]!;
    const english = catalogue[0]!;
    const page = await get(mexico, `/respond?at=${translated.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="es">');
    expect(page.text).toContain('<h2 id="cycle-title">Escala 2027</h2>');
    const spanish = articleOf(page.text, translated.id);
    expect(spanish).toContain(`<p class="text">${translated.texts!.es}</p>`);
    expect(spanish).toContain('Plan de Acción de Québec');
    expect(spanish).toContain('III Cumbre de las Américas, Québec City 2001');
    expect(spanish).not.toContain('lang-note');

    const fallback = articleOf((await get(mexico, `/respond?at=${english.id}`)).text, english.id);
    expect(fallback).toContain(`<p class="text" lang="en">${english.text}</p>`);
    expect(fallback).toContain('Este texto aún no está disponible en español: se muestra en inglés.');
  });

  it('shows Haiti English texts marked lang="en" with a note in French, the rest of the page in French', async () => {
    const mandate = catalogue[1]!;
    const page = await get(haiti, `/respond?at=${mandate.id}`);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('<h2 id="cycle-title">Échelle 2027</h2>');
    const article = articleOf(page.text, mandate.id);
    expect(article).toContain(`<p class="text" lang="en">${mandate.text}</p>`);
    expect(article).toContain('Ce texte n’est pas encore disponible en français : il est affiché en anglais.');
    expect(article).toContain('Plan d&#39;action de Québec');
    expect(article).toContain('IIIe Sommet des Amériques');
    // Switching the page to Spanish shows the Spanish texts.
    const spanish = articleOf((await get(haiti, `/respond?at=${mandate.id}&lang=es`)).text, mandate.id);
    expect(spanish).toContain(`<p class="text">${mandate.texts!.es}</p>`);
  });

  it('gives each mandate of GET /api/assignment its text in the state’s language and that language, a page at a time', async () => {
    const seen: { id: string; text: string; textLanguage: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await get(mexico, `/api/assignment?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.bytes).toBeLessThanOrEqual(ONE_MB);
      const body = JSON.parse(page.text);
      expect(body.progress).toEqual({ answered: 0, total: MANDATES });
      expect(body.cycle.title).toBe('Escala 2027');
      expect(body.count).toBe(body.mandates.length);
      seen.push(...body.mandates);
      cursor = body.cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen.map((m) => m.id).sort()).toEqual(catalogue.map((m) => m.id).sort());
    const byId = new Map(catalogue.map((m) => [m.id, m]));
    for (const m of seen) {
      const expected = byId.get(m.id)!.texts!.es
        ? { text: byId.get(m.id)!.texts!.es, textLanguage: 'es' }
        : { text: byId.get(m.id)!.text, textLanguage: 'en' };
      expect({ text: m.text, textLanguage: m.textLanguage }).toEqual(expected);
    }
    const first = JSON.parse((await get(mexico, '/api/assignment')).text);
    expect(first.count).toBe(100);
    expect(JSON.parse((await get(haiti, '/api/assignment?limit=1')).text).mandates[0].textLanguage).toBe('en');
    expect((await get(mexico, '/api/assignment?cursor=not-a-cursor')).status).toBe(400);
    expect((await get(mexico, '/api/assignment?limit=501')).status).toBe(400);
  });

  it('filters without JavaScript: unanswered only, a theme, words of the text (accents ignored)', async () => {
    const health = await get(mexico, '/respond?theme=health');
    const groups = groupLinks(health.text);
    expect(groups.size).toBeGreaterThan(0);
    expect([...groups].every((g) => g.startsWith('health.'))).toBe(true);
    const words = await get(mexico, `/respond?q=${encodeURIComponent('COMPROMISO 1234 catalogo')}`);
    expect(words.text).toContain('1 de 2000 mandatos coinciden.');
    expect(words.text).toContain(`id="m-${catalogue[1234]!.id}"`);
    const none = await get(mexico, '/respond?q=zzzz-nothing');
    expect(none.text).toContain('Ningún mandato coincide.');
    expect(none.bytes).toBeLessThanOrEqual(ONE_MB);
  });
});

describe('every route of a state at 2,000 mandates, every answer at its limits', () => {
  const sizes: Record<string, { path: string; bytes: number }> = {};
  const record = (route: string, path: string, fetched: Fetched) => {
    expect(fetched.status, path).toBe(200);
    expect(fetched.bytes, path).toBeLessThanOrEqual(ONE_MB);
    if (!sizes[route] || sizes[route]!.bytes < fetched.bytes) sizes[route] = { path, bytes: fetched.bytes };
  };
  let catalogue: StoredMandate[];
  let mexico: string;
  let haiti: string;

  beforeAll(async () => {
    const stores = memoryStores();
    current.stores = stores;
    const { seed } = await import('../../shared/usecases/seed');
    const { seedDocuments } = await import('../../seeds/registry');
    await seed({ documents: seedDocuments('seeds'), summits, states: memberStates }, stores);
    catalogue = generatedCatalogue('full');
    await stores.mandates.saveMandates(catalogue);
    const cycleId = await createCycle(
      catalogue.map((m) => m.id),
      'Scale at the limits',
    );
    mexico = await sessionFor(stores, cycleId, 'MEX');
    haiti = await sessionFor(stores, cycleId, 'HTI');
    const session = { cycleId, stateCode: 'MEX' };
    for (const [i, mandate] of catalogue.entries()) {
      await saveAnswer(session, mandate.id, { ...answerAtLimits(i), version: 0 }, { stores, now: new Date().toISOString() });
    }
  }, 180_000);

  afterAll(() => {
    const largest = Object.entries(sizes).sort((a, b) => b[1].bytes - a[1].bytes);
    console.log(
      `response sizes at ${MANDATES} mandates, every answer at its limits (largest per route):\n` +
        largest.map(([route, { path, bytes }]) => `  ${route.padEnd(28)} ${String(bytes).padStart(9)} B  ${path.slice(0, 90)}`).join('\n'),
    );
  });

  it('GET /respond: the landing page and every group stay within 1 MB', async () => {
    const landing = await get(mexico, '/respond');
    record('GET /respond', '/respond', landing);
    expect(landing.text).toContain('2000 de 2000 mandatos respondidos');
    const groups = groupLinks(landing.text);
    const expected = new Set(catalogue.map((m) => `${m.themes![0]}.${findInstrumentId(m)}`));
    expect(groups).toEqual(expected);
    for (const group of groups) {
      const path = `/respond?group=${encodeURIComponent(group)}`;
      const page = await get(mexico, path);
      record('GET /respond?group', path, page);
      expect(page.text).toContain(`<h2 id="g-${group}">`);
    }
  }, 300_000);

  it('GET /respond: the pages of the largest group (first, one asked by mandate, last) stay within 1 MB', async () => {
    const group = 'migration.plan-of-action-quebec-city';
    const first = await get(mexico, `/respond?group=${group}`);
    record('GET /respond?page', `/respond?group=${group}`, first);
    const parts = first.text.slice(
      first.text.indexOf('<ol class="parts"'),
      first.text.indexOf('</ol>', first.text.indexOf('<ol class="parts"')),
    );
    const pages = [...parts.matchAll(/\?page=(\d+)&amp;/g)].map((m) => Number(m[1]));
    const last = Math.max(...pages);
    expect(pages.length).toBeGreaterThan(10);
    const lastPart = await get(mexico, `/respond?page=${last}`);
    record('GET /respond?page', `/respond?page=${last}`, lastPart);
    expect(lastPart.text).toContain(`id="m-${catalogue[MANDATES / 4 - 1]!.id}"`);
    const middle = catalogue[MANDATES / 8]!;
    const atPath = `/respond?at=${middle.id}`;
    const at = await get(mexico, atPath);
    record('GET /respond?at', atPath, at);
    // the answer comes back in full in its form
    expect(articleOf(at.text, middle.id)).toContain('Measures taken by the ministries. '.repeat(3));
  }, 120_000);

  it('GET /respond with a filter, and the confirm page with 2,000 unanswered, stay within 1 MB; the confirm list is bounded', async () => {
    for (const path of ['/respond?filter=unanswered', '/respond?theme=summit-follow-up', '/respond?q=commitment', '/respond?lang=pt']) {
      record('GET /respond?filter', path, await get(mexico, path));
    }
    record('GET /respond?confirm=submit', '/respond?confirm=submit (MEX)', await get(mexico, '/respond?confirm=submit'));
    const confirm = await get(haiti, '/respond?confirm=submit');
    record('GET /respond?confirm=submit', '/respond?confirm=submit (HTI, none answered)', confirm);
    const listed = confirm.text.slice(
      confirm.text.indexOf('<ul class="unanswered">'),
      confirm.text.indexOf('</ul>', confirm.text.indexOf('<ul class="unanswered">')),
    );
    expect(listed.match(/<li>/g)).toHaveLength(100);
    expect(confirm.text).toContain('… et 1900 de plus.');
    expect(confirm.text).toContain('/respond?filter=unanswered&amp;lang=fr');
    // each entry is a link to the mandate with the beginning of its text, not "17. Plan of Action Québec"
    expect(listed).toMatch(
      /<a href="\/respond\?at=scale-full-\d{4}&amp;lang=fr#m-scale-full-\d{4}"\s*><span lang="en">Commitment \d+ of the generated/,
    );
    record('GET /respond', '/respond (HTI, none answered)', await get(haiti, '/respond'));
  }, 120_000);

  it('GET /api/assignment: every page stays within 1 MB, holds at most `limit` mandates, and the pages cover every mandate once', async () => {
    for (const limit of [100, 500]) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const path = `/api/assignment?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await get(mexico, path);
        record(`GET /api/assignment?limit=${limit}`, path, page);
        const body = JSON.parse(page.text);
        expect(body.progress).toEqual({ answered: MANDATES, total: MANDATES });
        expect(body.mandates.length).toBeGreaterThan(0);
        expect(body.mandates.length).toBeLessThanOrEqual(limit);
        ids.push(...body.mandates.map((m: { id: string }) => m.id));
        cursor = body.cursor;
      } while (cursor);
      expect(ids).toHaveLength(MANDATES);
      expect(new Set(ids).size).toBe(MANDATES);
    }
  }, 300_000);

  // Last: it submits Mexico's report.
  it('GET /respond?view=receipt: the printable report comes in parts within 1 MB, each with the hash, none repeating another', async () => {
    expect((await get(mexico, '/respond?view=receipt')).status).toBe(409);
    const submitted = await fetch(`${base}/api/assignment/submit`, { method: 'POST', headers: { Cookie: mexico } });
    expect(submitted.status).toBe(200);
    const { contentHash } = await submitted.json();
    // The first part names every part; the first, a middle and the last are each within 1 MB and carry the hash.
    const first = await get(mexico, '/respond?view=receipt');
    const parts = Math.max(...[...first.text.matchAll(/view=receipt&amp;part=(\d+)/g)].map((m) => Number(m[1])));
    expect(parts).toBeGreaterThan(1);
    const counted = new Set<string>();
    let listed = 0;
    for (const part of new Set([1, Math.ceil(parts / 2), parts])) {
      const path = `/respond?view=receipt&part=${part}`;
      const page = part === 1 ? first : await get(mexico, path);
      record('GET /respond?view=receipt', path, page);
      expect(page.text).toContain(contentHash);
      const ids = [...page.text.matchAll(/<article id="m-([^"]+)"/g)].map((m) => m[1]!);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) counted.add(id);
      listed += ids.length;
    }
    expect(counted.size).toBe(listed);
  }, 300_000);
});

/** The instrument id a generated mandate's group is named after. */
function findInstrumentId(mandate: StoredMandate): string {
  return instruments.find(
    (i) => i.summit.id === mandate.summitId && foldForMatch(i.instrument.names.en[0]!) === foldForMatch(mandate.document),
  )!.instrument.id;
}

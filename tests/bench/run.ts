/**
 * `npm run bench [-- --quick]`: speed and cost figures against the local services, each beside the
 * baseline it is compared with, measured in the same run. Prints a table and writes the figures to
 * tests/bench/figures.md (a Markdown table, linked from infra/docs/benchmarks.md, which explains each
 * row) and tests/bench/figures.json. The bundles it measures are built under tests/artifacts/.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { format as prettierFormat, resolveConfig as prettierConfig } from 'prettier';
import { ensureTable } from '../../infra/local/bootstrap';
import { startLocalSystem } from '../../infra/local/system';
import { memberStates, seedDocuments, summits } from '../../seeds/registry';
import { createDocumentClient } from '../../shared/store/client';
import { putAll } from '../../shared/store/batch';
import { runChild } from './child';
import { storesOn, type Stores } from '../../shared/store';
import { keys } from '../../shared/store/table';
import { assignmentItem } from '../../shared/store/assignments';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seed } from '../../shared/usecases/seed';
import { createCycle, openCycle } from '../../shared/usecases/cycles';
import { buildReport, reportSource } from '../../shared/usecases/reports';
import { sendDueEmails } from '../../shared/usecases/send-reminders';
import { composeMail } from '../../shared/render/team-email';
import { sesMailer } from '../../shared/email/mailer';
import type { Mailer } from '../../shared/email/ports';
import { routeFunctions } from '../../shared/http/routes';
import { schedules } from '../../shared/schedules';
import { hashToken, saveAnswer, submitReport } from '../../shared/usecases/respond';
import { importMandatePage } from '../../shared/usecases/import-mandates';
import { randomBytes } from 'node:crypto';
import { STATUSES } from '../../shared/domain/answers';
import type { MemberState } from '../../shared/domain/states';
import { EXPORT_PEAK_TARGET_MB, EXPORT_SIZES, exportBench } from './export';
import { CYCLE_VIEW_SIZES, cycleViewBench } from './cycle-view';

const quick = process.argv.includes('--quick');
const SIZES = quick
  ? {
      seedMandates: 2_000,
      states: 193,
      mandates: 400,
      aggStates: 35,
      aggMandates: 200,
      loadSeconds: 8,
      sessions: 20,
      sendRate: 50,
      sends: 120,
      importPages: 20,
      importMandates: 40,
    }
  : {
      seedMandates: 10_000,
      states: 193,
      mandates: 2_000,
      aggStates: 193,
      aggMandates: 2_000,
      loadSeconds: 30,
      sessions: 50,
      sendRate: 50,
      sends: 193,
      importPages: 50,
      importMandates: 40,
    };
const PRICES = { writeRequestUnit: 0.625 / 1e6, readRequestUnit: 0.125 / 1e6, email: 0.1 / 1000 };

/** The repository, whatever the working directory; the figures go beside this file. */
const ROOT = resolve(import.meta.dirname, '../..');
const FIGURES_MD = join(import.meta.dirname, 'figures.md');
const FIGURES_JSON = join(import.meta.dirname, 'figures.json');
const BUNDLES_DIR = join(ROOT, 'tests', 'artifacts', 'bench-bundles');

interface Row {
  what: string;
  measured: string;
  /** What the figure is compared with, measured in the same run (or a configured limit, or a price list). */
  baseline: string;
  ratio?: number;
  target: string;
  ok?: boolean;
}
const rows: Row[] = [];
const log = (message: string) => process.stdout.write(`  · ${message}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
};

/** The plain way, for comparison: BatchWriteItem of 25 after 25, one at a time, retrying what is left. */
async function rawBatchWrite(db: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

let tableCount = 0;
async function freshTable(raw: DynamoDBClient): Promise<string> {
  tableCount += 1;
  const name = `bench-${Date.now()}-${tableCount}`;
  await ensureTable(raw, name);
  return name;
}

/** A synthetic page in the site's format: `count` entries spread over the summits' instruments. */
function syntheticPage(count: number): string {
  const lines = ['Organization of American States Summits of the Americas', 'Follow-up and Implementation: Mandates', ''];
  for (let i = 0; i < count; i += 1) {
    const summit = summits[i % summits.length]!;
    lines.push(
      `  1. Commitment ${i} to strengthen cooperation on topic ${i % 97} with a text long enough to look like a real mandate of the Summits, including measures, policies and programs. (Plan of Action ${summit.city}, ${summit.year}).`,
      '',
    );
  }
  return lines.join('\n');
}

/** Extra member states, so that cycles can be as wide as the UN's 193. */
function syntheticStates(count: number): MemberState[] {
  const states: MemberState[] = [...memberStates];
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (let i = 0; states.length < count; i += 1) {
    const code = `Q${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`;
    states.push({
      code,
      name: `State ${code}`,
      localName: `State ${code}`,
      language: 'en',
      active: true,
      focalPoints: [`focal-point@${code.toLowerCase()}.example.org`],
    });
  }
  return states.slice(0, count).map((s) => ({ ...s, active: true }));
}

/** Sums the capacity DynamoDB reports as consumed by every call of a client, reads and writes apart. */
function meteredClient(endpoint: string) {
  const doc = createDocumentClient({ region: 'us-east-1', endpoint });
  const used = { read: 0, write: 0 };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = [(result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity ?? []].flat() as { CapacityUnits?: number }[];
      const units = consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (/Put|Update|Delete|BatchWrite|TransactWrite/.test(context.commandName ?? '')) used.write += units;
      else used.read += units;
      return result;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return { doc, used };
}

async function main() {
  console.log(`Benchmarks${quick ? ' (quick sizes)' : ''}: ${JSON.stringify(SIZES)}`);
  const system = await startLocalSystem({ port: 0, dynamodbPort: 0, sesPort: 0, s3Port: 0, secretariatToken: 'bench-token', seed: false });
  const endpoint = system.urls.dynamodb;
  const raw = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const db = createDocumentClient({ region: 'us-east-1', endpoint });
  const started = new Date();
  const results: Record<string, unknown> = {};
  try {
    // 1. Seeding, against a raw batch write of the same items.
    log(`seeding ${SIZES.seedMandates} synthetic mandates`);
    const page = syntheticPage(SIZES.seedMandates);
    // Warm DynamoDB Local's JVM first, so that neither side of a ratio pays for it.
    const warm = await freshTable(raw);
    await rawBatchWrite(
      db,
      warm,
      Array.from({ length: 5000 }, (_, i) => ({ pk: `W#${i}`, sk: 'W', gsi1pk: 'W', gsi1sk: String(i), padding: 'x'.repeat(400) })),
    );
    const seedTable = await freshTable(raw);
    const seedStores = storesOn(db, seedTable);
    const [, seedMs] = await time(() =>
      seed({ documents: [{ source: 'summits-mandates-bench.txt', text: page }], summits, states: memberStates }, seedStores),
    );
    const written = await seedStores.mandates.listMandates();
    const rawTable = await freshTable(raw);
    const rawItems = written.flatMap((m) => [
      { ...keys.mandateRevision(m.id, 1), type: 'mandate-revision', ...m },
      { ...keys.mandate(m.id), type: 'mandate', gsi1pk: keys.mandateList, gsi1sk: `${m.theme}#${m.position}#${m.id}`, ...m },
    ]);
    const [, rawSeedMs] = await time(() => rawBatchWrite(db, rawTable, rawItems));
    rows.push({
      what: `seeding ${SIZES.seedMandates} mandates`,
      measured: seconds(seedMs),
      baseline: `raw BatchWriteItem ${seconds(rawSeedMs)}`,
      ratio: seedMs / rawSeedMs,
      target: '≤ 1.3',
      ok: seedMs / rawSeedMs <= 1.3,
    });

    // 2. Opening a cycle for many states and mandates, against raw writes of as many assignment items.
    log(`opening a cycle for ${SIZES.states} states × ${SIZES.mandates} mandates`);
    const states = syntheticStates(SIZES.states);
    await seedStores.states.addStates(
      states.filter((s) => !memberStates.some((m) => m.code === s.code)).map((s) => ({ ...s, updatedAt: 'x' })),
    );
    for (const s of memberStates.filter((m) => !m.active)) await seedStores.states.putState({ ...s, active: true, updatedAt: 'x' });
    const ids = written.slice(0, SIZES.mandates).map((m) => m.id);
    const opensLater = '2030-01-01T00:00:00.000Z';
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const openTimes: number[] = [];
    const rawOpenTimes: number[] = [];
    // Three rounds after a warm-up round; each round opens a new cycle and writes the same items raw.
    for (let round = 0; round < 4; round += 1) {
      const { cycle: wide } = await createCycle(
        { title: `Wide cycle ${round}`, mandates: { ids }, states: states.map((s) => s.code), opensAt: opensLater, deadline: '2030-03-01' },
        { stores: seedStores, summits, actor: 'bench', now: '2029-12-01T00:00:00.000Z' },
      );
      const [, openMs] = await time(() => openCycle(wide.id, { stores: seedStores, now: opensLater, actor: 'bench' }));
      // The very items the opening wrote, under another cycle id: same size, same index entries.
      const opened = await seedStores.assignments.listAssignments(wide.id);
      const assignmentItems = opened.map((a) => assignmentItem({ ...a, cycleId: `raw-${round}` }, opensLater));
      const [, rawOpenMs] = await time(() => rawBatchWrite(db, rawTable, assignmentItems));
      if (round > 0) {
        openTimes.push(openMs);
        rawOpenTimes.push(rawOpenMs);
      }
    }
    const openMs = median(openTimes);
    const rawOpenMs = median(rawOpenTimes);
    rows.push({
      what: `opening a cycle, ${SIZES.states} states × ${SIZES.mandates} mandates`,
      measured: seconds(openMs),
      baseline: `raw writes of ${SIZES.states} assignments ${seconds(rawOpenMs)}`,
      ratio: openMs / rawOpenMs,
      target: '≤ 1.3',
      ok: openMs / rawOpenMs <= 1.3,
    });

    // 3. Aggregation, against a raw paginated Query of the same answers; and its peak memory.
    const answerCount = SIZES.aggStates * SIZES.aggMandates;
    log(`writing ${answerCount} answers for the aggregation`);
    const aggStates = states.slice(0, SIZES.aggStates);
    const aggIds = ids.slice(0, SIZES.aggMandates);
    const { cycle: big } = await createCycle(
      { title: 'Aggregation', mandates: { ids: aggIds }, states: aggStates.map((s) => s.code), deadline: '2030-03-01' },
      { stores: seedStores, summits, actor: 'bench', now: '2029-12-01T00:00:00.000Z' },
    );
    // Written a state at a time, so that the bench's own items are not what the process's memory holds when measured.
    let k = 0;
    for (const [i, s] of aggStates.entries()) {
      const answers = aggIds.map((mandateId) => ({
        ...keys.answer(big.id, s.code, mandateId),
        type: 'answer',
        cycleId: big.id,
        stateCode: s.code,
        mandateId,
        status: STATUSES[(k += 1) % STATUSES.length],
        narrative: 'Measures were taken by the ministry, with a national plan and a budget line.',
        difficulties: '',
        evidence: [],
        version: 1,
        updatedAt: '2030-01-15T00:00:00.000Z',
      }));
      await putAll(db, seedTable, answers);
      if ((i + 1) % 25 === 0) log(`  ${(i + 1) * aggIds.length}/${answerCount}`);
    }
    // In a process of its own, as a report function runs it: this one holds the bench's data.
    const aggregation = await runChild<{ aggMs: number; queryMs: number; counted: number; startRssMb: number; peakRssMb: number }>(
      join(import.meta.dirname, 'aggregate-child.ts'),
      [big.id, '2030-01-20T00:00:00.000Z'],
      { env: { ...system.env, TABLE_NAME: seedTable } },
    );
    rows.push({
      what: `aggregating ${answerCount} answers`,
      measured: seconds(aggregation.aggMs),
      baseline: `raw paginated Query ${seconds(aggregation.queryMs)}`,
      ratio: aggregation.aggMs / aggregation.queryMs,
      target: '≤ 1.5',
      ok: aggregation.aggMs / aggregation.queryMs <= 1.5 && aggregation.counted === answerCount,
    });
    rows.push({
      what: 'aggregation peak memory (its process RSS)',
      measured: `${aggregation.peakRssMb.toFixed(0)} MB`,
      baseline: `${aggregation.startRssMb.toFixed(0)} MB before`,
      target: '≤ 512 MB',
      ok: aggregation.peakRssMb <= 512,
    });

    // 4. The reminder send rate, against the configured maximum.
    log(`sending ${SIZES.sends} invitations at most ${SIZES.sendRate} a second`);
    const rateTable = await freshTable(raw);
    const rateStores = storesOn(db, rateTable);
    await rateStores.states.addStates(states.slice(0, SIZES.sends).map((s) => ({ ...s, updatedAt: 'x' })));
    await seed({ documents: seedDocuments(join(ROOT, 'seeds')), summits, states: [] }, rateStores);
    await createCycle(
      { title: 'Rate', states: states.slice(0, SIZES.sends).map((s) => s.code), deadline: '2030-03-01' },
      { stores: rateStores, summits, actor: 'bench', now: '2029-12-01T00:00:00.000Z' },
    );
    const ses = sesMailer({ region: 'us-east-1', endpoint: system.env.SES_ENDPOINT, sender: 'bench@example.org' });
    const stamps: number[] = [];
    const timed: Mailer = {
      send: async (email) => {
        stamps.push(performance.now());
        return ses.send(email);
      },
    };
    await sendDueEmails({
      stores: rateStores,
      mailer: timed,
      now: '2029-12-01T00:00:00.000Z',
      settings: { publicUrl: 'http://x', compose: composeMail, maxSendRate: SIZES.sendRate },
    });
    const span = (stamps.at(-1)! - stamps[0]!) / 1000;
    const achieved = (stamps.length - 1) / span;
    let busiest = 0;
    for (let i = 0, j = 0; i < stamps.length; i += 1) {
      while (stamps[i]! - stamps[j]! >= 1000) j += 1;
      busiest = Math.max(busiest, i - j + 1);
    }
    rows.push({
      what: `reminder send rate (${stamps.length} emails)`,
      measured: `${achieved.toFixed(1)}/s, busiest second ${busiest}`,
      baseline: `maximum ${SIZES.sendRate}/s`,
      ratio: achieved / SIZES.sendRate,
      target: '≥ 90%, never above',
      ok: achieved >= 0.9 * SIZES.sendRate && busiest <= SIZES.sendRate,
    });

    // 5. The API under load: concurrent state sessions saving answers.
    results.load = await apiLoad(system, states);

    // 6. The catalogue: importing many theme pages, against raw writes of the same items; the answering
    //    page at 37 and at 2,000 mandates, through the gateway, and loaded in a browser.
    results.catalogue = await catalogueRows(db, raw);
    results.answeringPage = await answeringPageRows(system, db);

    // 7. Bundle size and load time of each function, against a minimal handler.
    results.bundles = await bundles(system.env);

    // 8. One cycle of 35 states × 37 mandates: capacity and emails, priced.
    results.cost = await cycleCost(endpoint, raw, system.env.SES_ENDPOINT!);

    // 9. A full-size export (193 × 2,000 = 386,000 answers; quick: 35 × 400) as XLSX streamed to S3, against a raw
    //    paginated Query of the same answers; and its peak memory, in a process of its own (tests/bench/export.ts).
    results.export = await exportRows(system.env);

    // 10. The cycle view at 193 states × 2,000 mandates (quick: × 400), from the kept counts, against a raw read of the
    //     same items; and an answer save's write units, against the save as it was (tests/bench/cycle-view.ts).
    results.cycleView = await cycleViewRows(endpoint);
  } finally {
    await system.stop();
  }

  const finishedAt = new Date();
  const width = Math.max(...rows.map((r) => r.what.length));
  console.log(`\n${'what'.padEnd(width)} | measured | baseline | ratio | target | ok`);
  for (const r of rows) {
    console.log(
      `${r.what.padEnd(width)} | ${r.measured} | ${r.baseline} | ${ratioText(r)} | ${r.target} | ${r.ok === undefined ? '–' : r.ok ? 'yes' : 'NO'}`,
    );
  }
  const run: RunInfo = {
    date: finishedAt.toISOString(),
    mode: quick ? 'quick' : 'full',
    durationSeconds: Math.round((finishedAt.getTime() - started.getTime()) / 1000),
    machine: machine(),
    commit: commit(),
    sizes: SIZES,
  };
  await writeFigures(run, results);
  console.log(`\nwritten ${relative(process.cwd(), FIGURES_MD)} and ${relative(process.cwd(), FIGURES_JSON)}`);
  if (rows.some((r) => r.ok === false)) console.log('Some figures miss their target: see the rows marked NO.');
}

interface RunInfo {
  date: string;
  mode: 'quick' | 'full';
  durationSeconds: number;
  machine: {
    cores: number;
    cpu: string;
    memoryGiB: number;
    node: string;
    platform: string;
    java: string;
    /** The 1-minute load average when the bench started and when it ended: other work on the machine skews the figures. */
    loadAverage: { start: number; end: number };
  };
  commit: string;
  sizes: typeof SIZES;
}

/** Taken when the bench starts, before it adds its own load. */
const loadAtStart = Math.round(loadavg()[0]! * 100) / 100;

const ratioText = (r: Row) => (r.ratio === undefined ? '–' : r.ratio.toFixed(2));

/** The machine the figures were measured on: DynamoDB Local runs on it too, so absolute times are this machine's. */
function machine(): RunInfo['machine'] {
  // `java -version` writes to stderr; its first line names the version.
  const javaVersion = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const java = `${javaVersion.stderr ?? ''}${javaVersion.stdout ?? ''}`.split('\n')[0]!.trim() || 'unknown';
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    java,
    loadAverage: { start: loadAtStart, end: Math.round(loadavg()[0]! * 100) / 100 },
  };
}

/** The commit measured, "+ changes" when the working tree differed from it. */
function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return changed ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** tests/bench/figures.md (what infra/docs/benchmarks.md links to) and tests/bench/figures.json. */
async function writeFigures(run: RunInfo, details: Record<string, unknown>) {
  const m = run.machine;
  const markdown = [
    '# Benchmark figures',
    '',
    `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` (tests/bench/run.ts); do not edit by hand. What each row measures and what it`,
    'proves: [infra/docs/benchmarks.md](../../infra/docs/benchmarks.md).',
    '',
    `- **Date**: ${run.date}`,
    `- **Sizes**: ${run.mode}${quick ? ' (`--quick`: smaller sizes)' : ''}: ${Object.entries(run.sizes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `- **Machine**: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB memory, Node.js ${m.node}, ${m.platform}; DynamoDB Local on ${m.java}`,
    `- **Load average** (1 minute): ${m.loadAverage.start} when the bench started, ${m.loadAverage.end} when it ended (above ${m.cores}, other work competed with the bench for the cores)`,
    `- **Commit**: ${run.commit}`,
    `- **Run time**: ${run.durationSeconds} s`,
    '',
    'Every baseline is measured in the same run, on the same local services. DynamoDB Local is not DynamoDB: absolute times are',
    "this machine's, not AWS's; the ratios are what the targets are about. ✔ meets the target, ✘ misses it.",
    '',
    '| what | measured | baseline | ratio | target |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${cell(r.what.trim())} | ${cell(r.measured)} | ${cell(r.baseline)} | ${ratioText(r)} | ${cell(r.target)}${r.ok === undefined ? '' : r.ok ? ' ✔' : ' ✘'} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(FIGURES_MD, markdown);
  const json = JSON.stringify(
    {
      ...run,
      rows: rows.map((r) => ({
        what: r.what.trim(),
        measured: r.measured,
        baseline: r.baseline,
        ratio: r.ratio === undefined ? null : Math.round(r.ratio * 1000) / 1000,
        target: r.target,
        ok: r.ok ?? null,
      })),
      details,
    },
    null,
    2,
  );
  // Formatted as `npm run lint:format` wants it, so that a bench run leaves the tree clean.
  writeFileSync(FIGURES_JSON, await prettierFormat(json, { ...(await prettierConfig(FIGURES_JSON)), filepath: FIGURES_JSON }));
}

async function apiLoad(system: Awaited<ReturnType<typeof startLocalSystem>>, states: MemberState[]) {
  log(`API under load: ${SIZES.sessions} state sessions saving answers for ${SIZES.loadSeconds} s`);
  const mainDb = createDocumentClient({ region: 'us-east-1', endpoint: system.urls.dynamodb });
  const main = storesOn(mainDb, system.env.TABLE_NAME!);
  await seed({ documents: seedDocuments(join(ROOT, 'seeds')), summits, states: states.slice(0, SIZES.sessions) }, main);
  const auth = { Authorization: 'Bearer bench-token', 'Content-Type': 'application/json' };
  const title = `Load ${Date.now()}`;
  const cycle = await (
    await fetch(`${system.urls.api}/api/cycles`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title, deadline: '2030-03-01', states: states.slice(0, SIZES.sessions).map((s) => s.code) }),
    })
  ).json();
  await sendDueEmails({
    stores: main,
    mailer: sesMailer({ region: 'us-east-1', endpoint: system.env.SES_ENDPOINT, sender: 'bench@example.org' }),
    now: new Date().toISOString(),
    settings: { publicUrl: system.urls.api, compose: composeMail, maxSendRate: 1000 },
  });
  const { emails } = (await (await fetch(`${system.urls.mailbox}store`)).json()) as {
    emails: { subject: string; body: { text: string } }[];
  };
  const links = emails
    .filter((e) => e.subject.includes(title))
    .map((e) => /(http:\/\/\S+\/respond\/[A-Za-z0-9_-]+)/.exec(e.body.text)![1]!);
  const cookies = await Promise.all(links.map(async (link) => (await fetch(link)).headers.get('set-cookie')!.split(';')[0]!));
  const latencies: number[] = [];
  let errors = 0;
  const saved = new Map<string, number>();
  const end = Date.now() + SIZES.loadSeconds * 1000;
  await Promise.all(
    cookies.map(async (cookie, i) => {
      const mandateIds = (await (await fetch(`${system.urls.api}/api/assignment`, { headers: { Cookie: cookie } })).json()).mandates.map(
        (m: { id: string }) => m.id,
      ) as string[];
      const versions = new Map<string, number>();
      for (let n = 0; Date.now() < end; n += 1) {
        const mandateId = mandateIds[n % mandateIds.length]!;
        const version = versions.get(mandateId) ?? 0;
        const start = performance.now();
        const response = await fetch(`${system.urls.api}/api/assignment/answers/${mandateId}`, {
          method: 'PUT',
          headers: { Cookie: cookie, 'Content-Type': 'application/json' },
          body: JSON.stringify({ status: STATUSES[n % STATUSES.length], narrative: `save ${n} of session ${i}`, version }),
        });
        latencies.push(performance.now() - start);
        if (response.status === 200) {
          versions.set(mandateId, version + 1);
          saved.set(`${i}|${mandateId}`, version + 1);
        } else {
          errors += 1;
        }
        await response.arrayBuffer();
      }
      return versions;
    }),
  );
  // Lost updates: a stored version lower than the number of saves that were answered 200.
  let lost = 0;
  for (const [i, cookie] of cookies.entries()) {
    const view = await (await fetch(`${system.urls.api}/api/assignment`, { headers: { Cookie: cookie } })).json();
    for (const m of view.mandates as { id: string; answer: { version: number } | null }[]) {
      const expected = saved.get(`${i}|${m.id}`) ?? 0;
      if ((m.answer?.version ?? 0) !== expected) lost += 1;
    }
  }
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const result = {
    requests: latencies.length,
    perSecond: latencies.length / SIZES.loadSeconds,
    p50: pick(0.5),
    p99: pick(0.99),
    errors,
    lost,
    cycleId: cycle.id,
  };
  rows.push({
    what: `API: ${SIZES.sessions} sessions saving for ${SIZES.loadSeconds} s`,
    measured: `${result.requests} saves, ${result.perSecond.toFixed(0)}/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`,
    baseline: '–',
    target: '0 errors, 0 lost updates',
    ok: errors === 0 && lost === 0,
  });
  rows.push({
    what: '  errors / lost updates',
    measured: `${errors} / ${lost}`,
    baseline: '–',
    target: '0 / 0',
    ok: errors === 0 && lost === 0,
  });
  return result;
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;

async function bundles(env: Record<string, string>) {
  log('bundling every function and timing its load in a fresh Node process');
  const out = BUNDLES_DIR;
  mkdirSync(out, { recursive: true });
  // A JavaScript entry, so that `tsc -p .` (which covers tests/) does not pick it up.
  writeFileSync(
    join(out, 'minimal-entry.mjs'),
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst client = new DynamoDBClient({});\nexport const handler = async () => client.config.region;\n",
  );
  const entries = [
    ['minimal', join(out, 'minimal-entry.mjs')],
    ...[...routeFunctions, ...schedules.map((s) => s.fn), 'ses-events', 'seed'].map((fn) => [
      fn,
      join(ROOT, 'functions', fn, 'handler.ts'),
    ]),
  ];
  const measured: { fn: string; bytes: number; loadMs: number }[] = [];
  for (const [fn, entry] of entries) {
    const file = join(out, `${fn}.mjs`);
    await build({
      entryPoints: [entry!],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      external: ['@aws-sdk/*'],
      outfile: file,
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    const loads: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const output = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`,
        ],
        {
          env: { ...process.env, ...env, POWERTOOLS_LOG_LEVEL: 'ERROR' },
          encoding: 'utf8',
        },
      );
      loads.push(Number(output.trim().split('\n').at(-1)));
    }
    measured.push({ fn: fn!, bytes: statSync(file).size, loadMs: loads.sort((a, b) => a - b)[1]! });
  }
  const minimal = measured[0]!;
  for (const m of measured.slice(1)) {
    rows.push({
      what: `bundle functions/${m.fn}`,
      measured: `${kilobytes(m.bytes)}, load ${m.loadMs.toFixed(0)} ms`,
      baseline: `minimal handler ${kilobytes(minimal.bytes)}, ${minimal.loadMs.toFixed(0)} ms`,
      ratio: m.loadMs / minimal.loadMs,
      target: '–',
    });
  }
  return measured;
}

/** A theme page of the site's format, in its own words: `count` entries, each its own commitment. */
function themePage(theme: number, count: number): string {
  const lines = [
    'Organization of American States Summits of the Americas',
    'Follow-up and Implementation: Mandates',
    '',
    `THEME ${theme}: Bench`,
    'MANDATES',
    '',
  ];
  for (let i = 0; i < count; i += 1) {
    const summit = summits[(theme + i) % summits.length]!;
    lines.push(
      `  1. Commitment ${theme}-${i} to strengthen cooperation with measures, policies and programs on topic ${i}. (Plan of Action ${summit.city}, ${summit.year}).`,
      '',
    );
  }
  return lines.join('\n');
}

async function catalogueRows(db: DynamoDBDocumentClient, raw: DynamoDBClient) {
  const pages = SIZES.importPages;
  log(`importing ${pages} theme pages of ${SIZES.importMandates} mandates`);
  const table = await freshTable(raw);
  const stores = storesOn(db, table);
  const [, importMs] = await time(async () => {
    for (let p = 0; p < pages; p += 1) {
      await importMandatePage(
        { name: `theme-${p}`, text: themePage(p, SIZES.importMandates), apply: true },
        { store: stores.mandates, summits, now: new Date().toISOString() },
      );
    }
  });
  const written = await stores.mandates.listMandates();
  const rawTable = await freshTable(raw);
  const items = written.flatMap((m) => [
    { ...keys.mandateRevision(m.id, 1), type: 'mandate-revision', ...m },
    { ...keys.mandate(m.id), type: 'mandate', gsi1pk: keys.mandateList, gsi1sk: `${m.theme}#${m.position}#${m.id}`, ...m },
  ]);
  const [, rawMs] = await time(() => rawBatchWrite(db, rawTable, items));
  rows.push({
    what: `importing ${pages} pages of ${SIZES.importMandates} mandates, one after the other`,
    measured: `${seconds(importMs)} (${written.length} mandates)`,
    baseline: `raw BatchWriteItem of the same items ${seconds(rawMs)}`,
    ratio: importMs / rawMs,
    target: '≤ 5 (each import rebuilds the catalogue from every stored page)',
    ok: importMs / rawMs <= 5,
  });
  return { pages, mandates: written.length, importMs, rawMs };
}

/** The answering page of one state at `size` mandates, every answer filled with a realistic narrative. */
async function answeringPageRows(system: Awaited<ReturnType<typeof startLocalSystem>>, db: DynamoDBDocumentClient) {
  const stores = storesOn(db, system.env.TABLE_NAME!);
  await seed({ documents: [{ source: 'summits-mandates-bench.txt', text: syntheticPage(2_000) }], summits, states: memberStates }, stores);
  const answerable = (await stores.mandates.listMandates()).filter((m) => !m.chapeau);
  const measured: Record<string, { bytes: number; largest: number; serverMs: number; browserMs?: number }> = {};
  for (const size of [37, 2_000]) {
    log(`the answering page at ${size} mandates`);
    const now = new Date().toISOString();
    const ids = answerable.slice(0, size).map((m) => m.id);
    const { cycle } = await createCycle(
      { title: `Page ${size}`, deadline: '2030-03-01', states: ['HTI'], mandates: { ids } },
      { stores, summits, actor: 'bench', now },
    );
    const session = { cycleId: cycle.id, stateCode: 'HTI' };
    for (let i = 0; i < ids.length; i += 25) {
      await Promise.all(
        ids.slice(i, i + 25).map((id, k) =>
          saveAnswer(
            session,
            id,
            {
              status: STATUSES[(i + k) % STATUSES.length],
              narrative: `Mesures prises ${i + k}. `.repeat(40),
              difficulties: 'Budget.',
              evidence: [{ title: 'Décret', url: 'https://example.gov/decree.pdf' }],
              version: 0,
            },
            { stores, now },
          ),
        ),
      );
    }
    const id = randomBytes(32).toString('base64url');
    await stores.sessions.putSession({
      sessionHash: hashToken(id),
      cycleId: cycle.id,
      stateCode: 'HTI',
      linkEpoch: 1,
      expiresAt: '2031-01-01T00:00:00.000Z',
      language: 'fr',
    });
    const headers = { Cookie: `mf_session=${id}` };
    const timings: number[] = [];
    let bytes = 0;
    for (let n = 0; n < 5; n += 1) {
      const [body, ms] = await time(async () => (await fetch(`${system.urls.api}/respond`, { headers })).text());
      timings.push(ms);
      bytes = Buffer.byteLength(body);
    }
    let largest = bytes;
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await (
        await fetch(`${system.urls.api}/api/assignment?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers })
      ).text();
      largest = Math.max(largest, Buffer.byteLength(page));
      cursor = (JSON.parse(page) as { cursor?: string }).cursor ?? undefined;
    }
    const serverMs = timings.sort((a, b) => a - b)[2]!;
    measured[size] = { bytes, largest, serverMs };
    if (size === 2_000) {
      const { launchBrowser } = await import('../e2e/browser');
      const browser = await launchBrowser();
      try {
        const context = await browser.newContext();
        await context.addCookies([{ name: 'mf_session', value: id, url: system.urls.api }]);
        const page = await context.newPage();
        const [, browserMs] = await time(() => page.goto(`${system.urls.api}/respond`, { waitUntil: 'load' }));
        measured[size]!.browserMs = browserMs;
      } finally {
        await browser.close();
      }
    }
  }
  const small = measured[37]!;
  const big = measured[2_000]!;
  rows.push({
    what: 'the answering page at 37 and at 2,000 mandates (every answer filled)',
    measured: `2,000: ${kilobytes(big.bytes)} in ${big.serverMs.toFixed(0)} ms; largest state response ${kilobytes(big.largest)}`,
    baseline: `37: ${kilobytes(small.bytes)} in ${small.serverMs.toFixed(0)} ms`,
    ratio: big.serverMs / small.serverMs,
    target: 'every state response ≤ 1 MB',
    ok: big.largest <= 1024 * 1024,
  });
  rows.push({
    what: 'the answering page at 2,000 mandates, loaded in Chromium',
    measured: `${(big.browserMs ?? 0).toFixed(0)} ms to the load event`,
    baseline: '–',
    target: '≤ 3 s',
    ok: (big.browserMs ?? Infinity) <= 3_000,
  });
  return measured;
}

async function cycleCost(endpoint: string, raw: DynamoDBClient, sesEndpoint: string) {
  log('one cycle of every member state and every seeded mandate, metered');
  const table = await freshTable(raw);
  const { doc, used } = meteredClient(endpoint);
  const stores: Stores = storesOn(doc, table);
  await seed(
    { documents: seedDocuments(join(ROOT, 'seeds')), summits, states: memberStates.map((s) => ({ ...s, active: true })) },
    storesOn(doc as DynamoDBDocumentClient, table),
  );
  used.read = 0;
  used.write = 0;
  let emails = 0;
  const ses = sesMailer({ region: 'us-east-1', endpoint: sesEndpoint, sender: 'bench@example.org' });
  const mailer: Mailer = { send: (email) => ((emails += 1), ses.send(email)) };
  const settings = { publicUrl: 'http://x', compose: composeMail, maxSendRate: 1000 };
  const opensAt = '2030-01-01T09:00:00.000Z';
  const { cycle } = await createCycle(
    { title: 'Cost', opensAt, deadline: '2030-02-10' },
    { stores, summits, actor: 'bench', now: opensAt },
  );
  await sendDueEmails({ stores, mailer, now: opensAt, settings });
  // Each state saves every answer twice (a draft, then the final text) and submits; a third never does.
  for (const [i, code] of cycle.stateCodes.entries()) {
    if (i % 3 === 2) continue;
    for (const [n, mandateId] of cycle.mandateIds.entries()) {
      await saveAnswer(
        { cycleId: cycle.id, stateCode: code },
        mandateId,
        { status: 'in_progress', narrative: 'draft', version: 0 },
        { stores, now: '2030-01-20T00:00:00.000Z' },
      );
      await saveAnswer(
        { cycleId: cycle.id, stateCode: code },
        mandateId,
        { status: STATUSES[n % 5], narrative: 'final text of the answer', version: 1 },
        { stores, now: '2030-01-21T00:00:00.000Z' },
      );
    }
    await submitReport({ cycleId: cycle.id, stateCode: code }, { stores, now: '2030-01-25T00:00:00.000Z' });
  }
  for (const day of ['2030-01-25T00:00:00.000Z', '2030-02-03T09:00:00.000Z', '2030-02-09T09:00:00.000Z', '2030-02-18T09:00:00.000Z']) {
    await sendDueEmails({ stores, mailer, now: day, settings });
  }
  await buildReport(stores, await reportSource(stores, cycle.id), { now: '2030-02-20T00:00:00.000Z' });
  const dollars = used.write * PRICES.writeRequestUnit + used.read * PRICES.readRequestUnit + emails * PRICES.email;
  rows.push({
    what: `one cycle, ${cycle.stateCodes.length} states × ${cycle.mandateIds.length} mandates`,
    measured: `${used.write.toFixed(0)} write units, ${used.read.toFixed(0)} read units, ${emails} emails: $${dollars.toFixed(4)}`,
    baseline: `us-east-1 on-demand list prices: $${PRICES.writeRequestUnit * 1e6} per million write units, $${PRICES.readRequestUnit * 1e6} per million read units, $${(PRICES.email * 1000).toFixed(2)} per 1,000 emails`,
    target: 'under $0.10 (DynamoDB and SES)',
    ok: dollars < 0.1,
  });
  return { writeUnits: used.write, readUnits: used.read, emails, dollars };
}

async function exportRows(env: Record<string, string>) {
  const size = quick ? EXPORT_SIZES.quick : EXPORT_SIZES.full;
  const figures = await exportBench(env, size, log);
  rows.push({
    what: `exporting ${figures.answers} answers as XLSX, streamed to S3 (${size.states} states × ${size.mandates} mandates)`,
    measured: `${seconds(figures.exportMs)}, ${figures.rows} rows, ${(figures.bytes / 1024 / 1024).toFixed(1)} MB`,
    baseline: `raw paginated Query ${seconds(figures.queryMs)}`,
    ratio: figures.exportMs / figures.queryMs,
    target: 'every answer written (the job reads twice and builds the workbook: the ratio is watched, not capped)',
    ok: figures.rows === figures.answers,
  });
  rows.push({
    what: 'export peak memory (the export job’s process RSS)',
    measured: `${figures.peakRssMb.toFixed(0)} MB`,
    baseline: `${figures.startRssMb.toFixed(0)} MB before`,
    target: `≤ ${EXPORT_PEAK_TARGET_MB} MB`,
    ok: figures.peakRssMb <= EXPORT_PEAK_TARGET_MB,
  });
  return figures;
}

async function cycleViewRows(endpoint: string) {
  const figures = await cycleViewBench(endpoint, quick ? CYCLE_VIEW_SIZES.quick : CYCLE_VIEW_SIZES.full, log);
  rows.push({
    what: `the cycle view, ${figures.states} states × ${figures.mandates} mandates (counts kept, no answer read)`,
    measured: `${figures.viewMs.toFixed(0)} ms`,
    baseline: `raw reads of the cycle, its assignments and counts, the register ${figures.rawMs.toFixed(0)} ms`,
    ratio: figures.viewMs / figures.rawMs,
    target: '≤ 1.5',
    ok: figures.viewMs / figures.rawMs <= 1.5,
  });
  const { save, saveBefore } = figures;
  rows.push({
    what: 'write units of an answer save (a new answer / saved again)',
    measured: `${save.first.toFixed(1)} / ${save.again.toFixed(1)}`,
    baseline: `before the counts and narrow indexes ${saveBefore.first.toFixed(1)} / ${saveBefore.again.toFixed(1)}`,
    ratio: (save.first + save.again) / (saveBefore.first + saveBefore.again),
    target: 'fewer than before, both',
    ok: save.first < saveBefore.first && save.again < saveBefore.again,
  });
  return figures;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * The full-size export bench: 193 states × 2,000 mandates (386,000 answers; `--quick`: 35 × 400) exported as XLSX by the
 * export job, streamed to the local S3, against a raw paginated Query of the same answers; and the export's peak
 * memory, measured in a child process that does nothing else (tests/bench/export-child.ts).
 *
 * Part of `npm run bench`; runs alone too: `npx tsx tests/bench/export.ts [--quick | --states S --mandates M]`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { resolve } from 'node:path';
import { EXPORT_JOB_NODE_OPTIONS } from '../../infra/aws/constructs/jobs';
import { ensureTable } from '../../infra/local/bootstrap';
import { startLocalSystem } from '../../infra/local/system';
import { summits } from '../../seeds/registry';
import { STATUSES } from '../../shared/domain/answers';
import type { MemberState } from '../../shared/domain/states';
import { putAll } from '../../shared/store/batch';
import { createDocumentClient } from '../../shared/store/client';
import { storesOn } from '../../shared/store';
import { keys } from '../../shared/store/table';
import { createCycle } from '../../shared/usecases/cycles';
import { requestExport } from '../../shared/usecases/export';
import { seed } from '../../shared/usecases/seed';
import { runChild } from './child';

export const EXPORT_SIZES = { quick: { states: 35, mandates: 400 }, full: { states: 193, mandates: 2_000 } };
/** The most the export job may take, in resident memory (the function has 1,024 MB). */
export const EXPORT_PEAK_TARGET_MB = 256;

export interface ExportFigures {
  answers: number;
  exportMs: number;
  queryMs: number;
  rows: number;
  bytes: number;
  startRssMb: number;
  peakRssMb: number;
}

function page(count: number): string {
  const lines = ['Organization of American States Summits of the Americas', 'Follow-up and Implementation: Mandates', ''];
  for (let i = 0; i < count; i += 1) {
    const summit = summits[i % summits.length]!;
    lines.push(
      `  1. Export commitment ${i} to strengthen cooperation on topic ${i % 89}, with a text as long as a real mandate of the Summits, on measures, policies and programs. (Plan of Action ${summit.city}, ${summit.year}).`,
      '',
    );
  }
  return lines.join('\n');
}

function states(count: number): MemberState[] {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from({ length: count }, (_, i) => {
    const code = `X${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}`;
    return {
      code,
      name: `State ${code}`,
      localName: `State ${code}`,
      language: 'en',
      active: true,
      focalPoints: [`fp@${code.toLowerCase()}.example.org`],
    };
  });
}

/**
 * Writes a cycle of `size` with every answer filled, asks for an XLSX export, and runs the export job in a child
 * process, which reports its time, its peak RSS and the time of a raw paginated Query of the same answers.
 */
export async function exportBench(
  env: Record<string, string>,
  size: { states: number; mandates: number },
  log: (message: string) => void,
): Promise<ExportFigures> {
  const endpoint = env.DYNAMODB_ENDPOINT!;
  const raw = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const db = createDocumentClient({ region: 'us-east-1', endpoint });
  const tableName = `bench-export-${Date.now()}`;
  await ensureTable(raw, tableName);
  const stores = storesOn(db, tableName);
  const register = states(size.states);
  await seed(
    { documents: [{ source: 'summits-mandates-export-bench.txt', text: page(size.mandates) }], summits, states: register },
    stores,
  );
  const mandateIds = (await stores.mandates.listMandates()).slice(0, size.mandates).map((m) => m.id);
  const { cycle } = await createCycle(
    { title: 'Export bench', mandates: { ids: mandateIds }, states: register.map((s) => s.code), deadline: '2030-03-01' },
    { stores, summits, actor: 'bench', now: '2029-12-01T00:00:00.000Z' },
  );
  const answers = size.states * mandateIds.length;
  log(`writing ${answers} answers for the export`);
  let k = 0;
  for (const state of register) {
    const items = mandateIds.map((mandateId) => ({
      ...keys.answer(cycle.id, state.code, mandateId),
      type: 'answer',
      cycleId: cycle.id,
      stateCode: state.code,
      mandateId,
      status: STATUSES[(k += 1) % STATUSES.length],
      narrative: 'Measures were taken by the ministry.\n\n- a national plan\n- a budget line for the next three years',
      difficulties: 'Staff turnover.',
      evidence: [{ title: 'Decree', url: 'https://example.org/decree' }],
      version: 1,
      updatedAt: '2030-01-15T00:00:00.000Z',
    }));
    await putAll(db, tableName, items);
  }
  const record = await requestExport(
    stores,
    cycle.id,
    { format: 'xlsx', language: 'en', scope: 'all' },
    { now: new Date().toISOString(), actor: 'bench', start: async () => {} },
  );
  log(`exporting ${answers} answers as XLSX in a child process`);
  const figures = await runChild<Omit<ExportFigures, 'answers'>>(resolve(import.meta.dirname, 'export-child.ts'), [record.id], {
    env: { ...env, TABLE_NAME: tableName },
    nodeFlags: EXPORT_JOB_NODE_OPTIONS.split(' '),
  });
  raw.destroy();
  return { answers, ...figures };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const quick = process.argv.includes('--quick');
  const sizeArg = (name: string) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]);
  const size = process.argv.includes('--states')
    ? { states: sizeArg('states'), mandates: sizeArg('mandates') }
    : quick
      ? EXPORT_SIZES.quick
      : EXPORT_SIZES.full;
  const system = await startLocalSystem({ port: 0, dynamodbPort: 0, sesPort: 0, s3Port: 0, secretariatToken: 'bench-token', seed: false });
  try {
    const figures = await exportBench(system.env, size, (m) => console.log(`  · ${m}`));
    console.log(JSON.stringify({ ...figures, ratio: figures.exportMs / figures.queryMs, peakTargetMb: EXPORT_PEAK_TARGET_MB }, null, 2));
  } finally {
    await system.stop();
  }
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { ensureTable } from './bootstrap';
import { createGateway } from './gateway';
import { BUCKET_NAME, DATA_DIR, functionEnv, persistentToken, TABLE_NAME, type LocalSettings } from './settings';
import { claimPort, startDynamoDb, startS3, startSes, type RunningService } from './services';
import { startAsyncJobs, startJobTimer } from './jobs';

export interface LocalSystemOptions extends LocalSettings {
  /** Where data is kept; undefined keeps DynamoDB in memory and S3 in a throw-away folder (tests). */
  dataDir?: string;
  fresh?: boolean;
  seed?: boolean;
  /** Run the scheduled jobs on a timer with the real clock, every this many ms (npm start); off in tests. */
  jobIntervalMs?: number;
  log?: (message: string) => void;
  /** Hears when a service died and could not be started again (npm start then stops); unset, the service stays down. */
  onServiceDown?: (message: string) => void;
}

export interface LocalSystem {
  urls: { api: string; console: string; mailbox: string; dynamodb: string; s3: string };
  env: Record<string, string>;
  secretariatToken: string;
  stop(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

/**
 * Starts the whole system on this machine.
 *
 * Primary course:
 * 1. Claim the ports (a busy one stops here with the setting to change).
 * 2. Start DynamoDB Local, the local SES and the local S3.
 * 3. Point the functions at them (process env, read by shared/config.ts).
 * 4. Create the table from the shared definition, then seed.
 * 5. Serve the gateway over the route table.
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const log = options.log ?? (() => {});
  const started: RunningService[] = [];
  const stopAll = async () => {
    for (const service of started.reverse()) await service.stop().catch(() => {});
  };
  try {
    const port = await claimPort(options.port, 'PORT');
    const dynamodbPort = await claimPort(options.dynamodbPort, 'DYNAMODB_PORT');
    const sesPort = await claimPort(options.sesPort, 'SES_PORT');
    const s3Port = await claimPort(options.s3Port, 'S3_PORT');

    if (options.fresh && options.dataDir) {
      rmSync(options.dataDir, { recursive: true, force: true });
      log(`wiped ${options.dataDir}`);
    }
    const s3Dir = options.dataDir ? join(options.dataDir, 's3') : join(DATA_DIR, `s3-test-${process.pid}-${s3Port}`);

    log('starting DynamoDB Local, SES and S3 ...');
    started.push(
      await startDynamoDb({
        port: dynamodbPort,
        dataDir: options.dataDir && join(options.dataDir, 'dynamodb'),
        log,
        onDown: options.onServiceDown,
      }),
    );
    started.push(await startSes({ port: sesPort }));
    started.push(await startS3({ port: s3Port, dataDir: s3Dir, bucket: BUCKET_NAME }));
    if (!options.dataDir) started.push({ name: 's3 folder', url: '', stop: async () => rmSync(s3Dir, { recursive: true, force: true }) });

    const secretariatToken = options.secretariatToken ?? persistentToken(options.dataDir ?? DATA_DIR);
    const urls = {
      api: `http://127.0.0.1:${port}`,
      dynamodb: `http://127.0.0.1:${dynamodbPort}`,
      ses: `http://127.0.0.1:${sesPort}`,
      s3: `http://127.0.0.1:${s3Port}`,
    };
    const env = functionEnv(urls, secretariatToken);
    Object.assign(process.env, env);

    const dynamo = new DynamoDBClient({
      region: env.AWS_REGION,
      endpoint: urls.dynamodb,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const created = await ensureTable(dynamo, TABLE_NAME);
    dynamo.destroy();
    log(created ? `created table ${TABLE_NAME}` : `table ${TABLE_NAME} is there`);

    if (options.seed !== false) {
      const { seedFromFiles } = await import('../../functions/seed/seed-files');
      await seedFromFiles((message) => log(`seed: ${message}`));
    }

    started.push(startAsyncJobs(log));
    const gateway = createGateway();
    const apiPort = await listen(gateway, port);
    started.push({ name: 'gateway', url: '', stop: () => new Promise((resolve) => gateway.close(() => resolve())) });
    gateway.closeIdleConnections?.();

    const api = `http://127.0.0.1:${apiPort}`;
    if (options.jobIntervalMs) started.push(startJobTimer(options.jobIntervalMs, log));
    return {
      urls: { api, console: `${api}/`, mailbox: `${urls.ses}/`, dynamodb: urls.dynamodb, s3: urls.s3 },
      env,
      secretariatToken,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SetupError } from './services';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DATA_DIR = process.env.LOCAL_DATA_DIR ? resolve(process.env.LOCAL_DATA_DIR) : join(ROOT, '.local-data');
export const TABLE_NAME = 'mandates-followup';
export const BUCKET_NAME = 'mandates-followup-reports';
export const SENDER = 'summits-secretariat@example.org';

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new SetupError(`${name}=${raw} is not a port number (0 to 65535).`);
  }
  return value;
}

export interface LocalSettings {
  port: number;
  dynamodbPort: number;
  sesPort: number;
  s3Port: number;
  secretariatToken?: string;
}

/** The local settings, from the environment with the defaults of the README. */
export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  return {
    port: port(env, 'PORT', 3000),
    dynamodbPort: port(env, 'DYNAMODB_PORT', 8000),
    sesPort: port(env, 'SES_PORT', 8005),
    s3Port: port(env, 'S3_PORT', 4569),
    secretariatToken: env.SECRETARIAT_TOKEN || undefined,
  };
}

/** A token made on first start and kept with the data, so it stays the same across restarts. */
export function persistentToken(dataDir: string): string {
  const file = join(dataDir, 'secretariat-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/** The environment the functions read (shared/config.ts), pointing at the local services. */
export function functionEnv(
  urls: { api: string; dynamodb: string; ses: string; s3: string },
  secretariatToken: string,
): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME,
    BUCKET_NAME,
    SENDER_EMAIL: SENDER,
    CONTACT_EMAIL: process.env.CONTACT_EMAIL ?? SENDER,
    DYNAMODB_ENDPOINT: urls.dynamodb,
    SES_ENDPOINT: urls.ses,
    S3_ENDPOINT: urls.s3,
    SECRETARIAT_TOKEN: secretariatToken,
    PUBLIC_URL: urls.api,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
    // aws-ses-v2-local takes any rate; 20 a second keeps a local run of 35 states under two seconds.
    MAX_SEND_RATE: process.env.MAX_SEND_RATE ?? '20',
    SEEDS_DIR: join(ROOT, 'seeds'),
  };
}

/** Points this process's functions at the local system that `npm start` runs (for the CLIs). */
export function useRunningSystem(): LocalSettings {
  const settings = localSettings();
  const host = (port: number) => `http://127.0.0.1:${port}`;
  Object.assign(
    process.env,
    functionEnv(
      { api: host(settings.port), dynamodb: host(settings.dynamodbPort), ses: host(settings.sesPort), s3: host(settings.s3Port) },
      settings.secretariatToken ?? persistentToken(DATA_DIR),
    ),
  );
  return settings;
}

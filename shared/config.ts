/**
 * Settings from the environment, read once when a function loads.
 * A missing required variable stops the process at once, naming the variable.
 */
function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name] || undefined;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`Environment variable ${name} must be a positive number, got "${raw}"`);
  return value;
}

export interface Config {
  region: string;
  tableName: string;
  /** Set locally (DynamoDB Local); unset on AWS. */
  dynamodbEndpoint?: string;
  /** The shared secret of the secretariat locally; unset on AWS, where Cognito signs the secretariat in. */
  secretariatToken?: string;
  /** Where the seeder finds the seed documents. */
  seedsDir?: string;
  sesEndpoint?: string;
  senderEmail?: string;
  sesConfigurationSet?: string;
  /** The public base URL of the API, for the links in emails. */
  publicUrl?: string;
  /** Emails per second at most (the SES account's send rate). */
  maxSendRate: number;
  /** Failed link attempts one client may make in 15 minutes before it gets 429. */
  linkFailureLimit: number;
  bucketName?: string;
  /** Set locally (s3rver); unset on AWS. */
  s3Endpoint?: string;
  /** The secretariat's Cognito user pool app client: set on AWS, where the console signs in through it. */
  cognitoClientId?: string;
  cognitoEndpoint?: string;
  /** Cookies marked Secure (HTTPS only): on AWS, and wherever the public URL is https. */
  secureCookies: boolean;
  /** Refuse a cycle while any of its states has only placeholder addresses: on AWS (no local DynamoDB), or when REQUIRE_REAL_ADDRESSES=true. */
  requireRealAddresses: boolean;
  /** The secretariat's contact address: on every page, and the Reply-To of every email. */
  contactEmail?: string;
}

/** A setting only some functions need: they call this at load, so a missing one still fails fast. */
export function requireSetting<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === '') throw new Error(`Missing environment variable ${name}`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    region: optional(env, 'AWS_REGION') ?? 'us-east-1',
    tableName: required(env, 'TABLE_NAME'),
    dynamodbEndpoint: optional(env, 'DYNAMODB_ENDPOINT'),
    secretariatToken: optional(env, 'SECRETARIAT_TOKEN'),
    seedsDir: optional(env, 'SEEDS_DIR'),
    sesEndpoint: optional(env, 'SES_ENDPOINT'),
    senderEmail: optional(env, 'SENDER_EMAIL'),
    sesConfigurationSet: optional(env, 'SES_CONFIGURATION_SET'),
    publicUrl: optional(env, 'PUBLIC_URL')?.replace(/\/+$/, ''),
    maxSendRate: positiveNumber(env, 'MAX_SEND_RATE', 10),
    linkFailureLimit: positiveNumber(env, 'LINK_FAILURE_LIMIT', 10),
    bucketName: optional(env, 'BUCKET_NAME'),
    s3Endpoint: optional(env, 'S3_ENDPOINT'),
    cognitoClientId: optional(env, 'COGNITO_CLIENT_ID'),
    cognitoEndpoint: optional(env, 'COGNITO_ENDPOINT'),
    secureCookies: optional(env, 'SECURE_COOKIES') === 'true' || Boolean(optional(env, 'PUBLIC_URL')?.startsWith('https://')),
    requireRealAddresses: optional(env, 'REQUIRE_REAL_ADDRESSES') === 'true' || !optional(env, 'DYNAMODB_ENDPOINT'),
    contactEmail: optional(env, 'CONTACT_EMAIL') ?? optional(env, 'SENDER_EMAIL'),
  };
}

let loaded: Config | undefined;

/** The process's configuration, read on first use and kept. */
export function config(): Config {
  loaded ??= readConfig();
  return loaded;
}

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

export interface Config {
  region: string;
  tableName: string;
  /** Set locally (DynamoDB Local); unset on AWS. */
  dynamodbEndpoint?: string;
  /** The shared secret of the secretariat locally; unset on AWS, where Cognito signs the secretariat in. */
  secretariatToken?: string;
  /** Where the seeder finds the seed documents. */
  seedsDir?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    region: optional(env, 'AWS_REGION') ?? 'us-east-1',
    tableName: required(env, 'TABLE_NAME'),
    dynamodbEndpoint: optional(env, 'DYNAMODB_ENDPOINT'),
    secretariatToken: optional(env, 'SECRETARIAT_TOKEN'),
    seedsDir: optional(env, 'SEEDS_DIR'),
  };
}

let loaded: Config | undefined;

/** The process's configuration, read on first use and kept. */
export function config(): Config {
  loaded ??= readConfig();
  return loaded;
}

import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { config } from './config';

/** The functions started asynchronously from a request, and the variable that names each on AWS. */
const ASYNC_JOBS = { 'export-job': 'EXPORT_JOB_FUNCTION' } as const;
export type AsyncJob = keyof typeof ASYNC_JOBS;

/** Runs a job in this process without waiting for it: the local runtime's stand-in for Lambda's asynchronous invocation. */
export type LocalJobStarter = (fn: AsyncJob, event: object) => Promise<void>;

// On globalThis: the local runtime and the functions it loads may hold separate copies of this module.
const LOCAL_STARTER = Symbol.for('mandates-followup.local-job-starter');
type WithStarter = { [LOCAL_STARTER]?: LocalJobStarter };

/** Locally (infra/local), jobs run in-process: the runtime registers how. Unset on AWS. */
export function useLocalJobStarter(starter: LocalJobStarter | undefined): void {
  (globalThis as WithStarter)[LOCAL_STARTER] = starter;
}

const bytes = (data: string | ArrayBuffer | ArrayBufferView | undefined): string | Uint8Array | undefined =>
  data === undefined || typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** SHA-256 (and its HMAC) as the request signer wants it, from node:crypto. */
class Sha256 {
  private hash: Hash | Hmac;
  private readonly secret?: string | Uint8Array;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret = bytes(secret);
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret ? createHmac('sha256', this.secret) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(bytes(data) ?? '');
  }
  reset() {
    this.hash = this.fresh();
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

let signer: SignatureV4 | undefined;

/**
 * Starts functions/<fn> with `event` and returns at once (Lambda's asynchronous invocation, `InvocationType: Event`:
 * Lambda queues the event, retries a failed run twice, then hands it to the function's dead-letter queue). The
 * Invoke API is called with a signed request: the Lambda SDK client is not among the dependencies, and this is
 * its one call.
 */
export async function startJob(fn: AsyncJob, event: object): Promise<void> {
  const local = (globalThis as WithStarter)[LOCAL_STARTER];
  if (local) return local(fn, event);
  const variable = ASYNC_JOBS[fn];
  const functionName = process.env[variable];
  if (!functionName) throw new Error(`Missing environment variable ${variable}`);
  const region = config().region;
  signer ??= new SignatureV4({ credentials: defaultProvider(), region, service: 'lambda', sha256: Sha256 });
  const hostname = `lambda.${region}.amazonaws.com`;
  const path = `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
  const body = JSON.stringify(event);
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'https:',
    hostname,
    path,
    query: {},
    headers: { host: hostname, 'content-type': 'application/json', 'x-amz-invocation-type': 'Event' },
    body,
  });
  const response = await fetch(`https://${hostname}${path}`, { method: 'POST', headers: signed.headers, body });
  if (response.status !== 202) throw new Error(`Lambda refused to start ${functionName}: ${response.status} ${await response.text()}`);
}

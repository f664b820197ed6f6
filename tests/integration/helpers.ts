import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '../../infra/local/bootstrap';
import { createDocumentClient } from '../../shared/store/client';

export const TOKEN = 'integration-test-token';

// Test assertions read response bodies loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const jsonOf = (response: Response): Promise<any> => response.json();

export function api(path: string, init: RequestInit & { token?: string | null } = {}) {
  const { token = TOKEN, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return fetch(`${inject('apiUrl')}${path}`, { ...rest, headers });
}

/** A client on DynamoDB Local; refuses to run without it rather than fall back to anything else. */
export function localDynamo() {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('DYNAMODB_ENDPOINT is not set: the integration tests need DynamoDB Local');
  return {
    raw: new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    doc: createDocumentClient({ region: 'us-east-1', endpoint }),
  };
}

let tableCounter = 0;

/** A fresh table of the system's shape, so a test file owns its data. */
export async function freshTable(prefix: string): Promise<string> {
  tableCounter += 1;
  const name = `${prefix}-${process.pid}-${tableCounter}-${Date.now()}`;
  const { raw } = localDynamo();
  await ensureTable(raw, name);
  return name;
}

export async function countItems(tableName: string): Promise<number> {
  const { raw } = localDynamo();
  let count = 0;
  let ExclusiveStartKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const page: import('@aws-sdk/client-dynamodb').ScanCommandOutput = await raw.send(
      new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

export interface MailboxEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** What the local SES received, optionally only the emails whose subject contains `subjectPart`. */
export async function mailbox(subjectPart?: string): Promise<MailboxEmail[]> {
  const response = await fetch(`${inject('mailboxUrl')}store`);
  const { emails } = (await response.json()) as { emails: MailboxEmail[] };
  return subjectPart ? emails.filter((e) => e.subject.includes(subjectPart)) : emails;
}

/** A fresh table with the seed in it, and the stores on it. */
export async function seededStores(prefix: string) {
  const { storesOn } = await import('../../shared/store');
  const { seed } = await import('../../shared/usecases/seed');
  const { memberStates, summits, seedDocuments } = await import('../../seeds/registry');
  const tableName = await freshTable(prefix);
  const stores = storesOn(localDynamo().doc, tableName);
  await seed({ documents: seedDocuments('seeds'), summits, states: memberStates }, stores);
  return { tableName, stores };
}

/** A cycle's whole audit trail, oldest first. */
export async function auditOf(stores: import('../../shared/store').Stores, cycleId: string) {
  const entries: import('../../shared/domain/records').AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await stores.audit.listAudit(cycleId, { limit: 500, cursor });
    if (page === 'bad_cursor') throw new Error('bad cursor');
    entries.push(...page.entries);
    cursor = page.cursor;
  } while (cursor);
  return entries.reverse();
}

/** A person's browser on the answering side: keeps the session cookie of the link it opened; never follows redirects. */
export class StateBrowser {
  cookie = '';
  async open(link: string) {
    const response = await fetch(link, { redirect: 'manual' });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return response;
  }
  fetch(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('Cookie', this.cookie);
    return fetch(`${inject('apiUrl')}${path}`, { ...init, headers, redirect: 'manual' });
  }
  /** A JSON call of the API. */
  send(method: string, path: string, body?: unknown) {
    return this.fetch(path, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  save(mandateId: string, body: unknown) {
    return this.send('PUT', `/api/assignment/answers/${encodeURIComponent(mandateId)}`, body);
  }
  /** A form posted as a page without JavaScript posts it. */
  post(path: string, fields: [string, string][]) {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
  async page(path: string) {
    return (await this.fetch(path)).text();
  }
  async assignment() {
    return jsonOf(await this.fetch('/api/assignment?limit=500'));
  }
}

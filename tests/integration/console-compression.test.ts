import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Context } from 'aws-lambda';
import { acceptedEncodings, httpHandler, type HttpEvent } from '../../shared/http/handler';
import { api, jsonOf, TOKEN } from './helpers';

/** A raw GET (fetch would decode the body itself): the status, the headers and the bytes as sent. */
function rawGet(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(new URL(path, inject('apiUrl')), { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

let cycleId: string;

beforeAll(async () => {
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const created = await api('/api/cycles', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: `Compressed ${randomUUID().slice(0, 8)}`, deadline, states: ['JAM'] }),
  });
  cycleId = (await jsonOf(created)).id;
});

describe('compressed responses', () => {
  it('gzips a console page for a client that accepts gzip, and the body gunzips to the page', async () => {
    const response = await rawGet('/console', { 'Accept-Encoding': 'gzip' });
    expect(response.status).toBe(401);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['vary']).toContain('Accept-Encoding');
    const page = gunzipSync(response.body).toString('utf8');
    expect(page).toContain('<h2 id="sign-in">Sign in</h2>');
    expect(response.body.length).toBeLessThan(Buffer.byteLength(page));
  });

  it('sends brotli when the client prefers it, for the JSON API too', async () => {
    const response = await rawGet(`/api/cycles/${cycleId}`, { 'Accept-Encoding': 'gzip;q=0.5, br', Authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(response.body).toString('utf8')).cycle.id).toBe(cycleId);
  });

  it('sends the page plain to a client that does not say it accepts an encoding', async () => {
    const response = await rawGet('/console', {});
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.toString('utf8')).toContain('<h2 id="sign-in">Sign in</h2>');
  });

  it('leaves an XLSX download a valid file, whatever the client accepts', async () => {
    let response = await rawGet(`/api/cycles/${cycleId}/report?format=xlsx`, {
      'Accept-Encoding': 'gzip, br',
      Authorization: `Bearer ${TOKEN}`,
    });
    // A large report may be handed over as a signed download link.
    if (response.status === 303) response = await rawGet(String(response.headers.location), { 'Accept-Encoding': 'gzip, br' });
    expect(response.status).toBe(200);
    const file = response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.body) : response.body;
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('passes a binary body (base64) through untouched', async () => {
    const bytes = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4096, 7)]);
    const handler = httpHandler('public', async () => ({ statusCode: 200, isBase64Encoded: true, body: bytes.toString('base64') }));
    const event = {
      headers: { 'accept-encoding': 'gzip' },
      requestContext: { http: { method: 'GET', sourceIp: '127.0.0.1' } },
      routeKey: 'GET /test',
    } as unknown as HttpEvent;
    const result = await handler(event, { getRemainingTimeInMillis: () => 10_000 } as unknown as Context);
    expect(result.headers?.['Content-Encoding']).toBeUndefined();
    expect(Buffer.from(result.body!, 'base64').equals(bytes)).toBe(true);
  });

  it('reads Accept-Encoding with its weights: q=0 refuses, * stands for the rest', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip', 'deflate']);
    expect(acceptedEncodings('br;q=0, gzip;q=0.8')).toEqual(['gzip']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings('*;q=0.1, gzip')).toEqual(['gzip', 'br', 'deflate']);
    expect(acceptedEncodings(undefined)).toEqual([]);
  });
});

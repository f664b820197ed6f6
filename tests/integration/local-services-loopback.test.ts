import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { downloadLink, putReportFile } from '../../shared/storage';

const LISTEN = '0A';
const LOOPBACK = new Set(['0100007F', '00000000000000000000000001000000', '0000000000000000FFFF00000100007F']);

/** The local addresses of the listening TCP sockets on `port`, as /proc/net/tcp{,6} writes them (what `ss -ltn` reads). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter(([, local, , state]) => state === LISTEN && local!.endsWith(`:${hexPort}`))
      .map(([, local]) => local!.split(':')[0]!),
  );
}

const portOf = (url: string) => Number(new URL(url).port);

describe('the local services of the tests', () => {
  it('listen on the loopback address only', () => {
    const services = {
      gateway: process.env.PUBLIC_URL!,
      'DynamoDB Local': process.env.DYNAMODB_ENDPOINT!,
      'local SES': process.env.SES_ENDPOINT!,
      'local S3': process.env.S3_ENDPOINT!,
    };
    for (const [name, url] of Object.entries(services)) {
      const addresses = listeners(portOf(url));
      expect(addresses.length, `${name} listens on ${url}`).toBeGreaterThan(0);
      expect(
        addresses.filter((address) => !LOOPBACK.has(address)),
        `${name} listens beyond loopback`,
      ).toEqual([]);
    }
  });
});

describe('the local S3', () => {
  const s3 = process.env.S3_ENDPOINT!;
  const bucket = process.env.BUCKET_NAME!;
  const key = `loopback-test/${Date.now()}.csv`;

  it('refuses anonymous requests, and serves signed calls and presigned links', async () => {
    await putReportFile(key, 'csv', 'a,b\n1,2\n', 'report.csv');
    for (const path of ['/', `/${bucket}`, `/${bucket}?list-type=2`, `/${bucket}/${key}`]) {
      const response = await fetch(`${s3}${path}`);
      expect(response.status, `anonymous GET ${path}`).toBe(403);
    }
    expect((await fetch(`${s3}/${bucket}/${key}`, { method: 'PUT', body: 'x' })).status).toBe(403);

    const link = await downloadLink(key);
    const download = await fetch(link);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('a,b\n1,2\n');

    const client = new S3Client({
      region: 'us-east-1',
      endpoint: s3,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'loopback-test/' }));
    expect(listed.Contents?.map((object) => object.Key)).toContain(key);
    client.destroy();
  });
});

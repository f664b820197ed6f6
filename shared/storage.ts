import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Transform } from 'node:stream';
import { config, requireSetting } from './config';
import { traced } from './log';

let client: S3Client | undefined;

/** The process's one S3 client: the reports bucket on AWS, s3rver locally. */
export function s3(): S3Client {
  const settings = config();
  client ??= traced(
    new S3Client({
      region: settings.region,
      endpoint: settings.s3Endpoint,
      forcePathStyle: Boolean(settings.s3Endpoint),
      credentials: settings.s3Endpoint ? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } : undefined,
    }),
  );
  return client;
}

export const bucket = () => requireSetting(config().bucketName, 'BUCKET_NAME');

export type ReportFormat = 'json' | 'csv' | 'xlsx' | 'html';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

export async function putReportFile(key: string, format: ReportFormat, body: string | Buffer, downloadName: string) {
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: key,
      Body: body,
      ContentType: CONTENT_TYPES[format],
      ContentDisposition: `${format === 'html' ? 'inline' : 'attachment'}; filename="${downloadName}"`,
    }),
  );
}

/** A link that downloads the file for 15 minutes, without credentials. */
export function downloadLink(key: string, expiresInSeconds = 900): Promise<string> {
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket(), Key: key }), { expiresIn: expiresInSeconds });
}

/** The reports bucket as the use cases see it. */
export const reportFiles = { downloadLink: (key: string) => downloadLink(key), put: putReportFile };

/** A link that downloads the file as an attachment (never shown inline by the browser), for 15 minutes. */
export function attachmentLink(key: string, expiresInSeconds = 900): Promise<string> {
  const name = key
    .split('/')
    .at(-1)!
    .replace(/[^\w.-]/g, '_');
  return getSignedUrl(
    s3(),
    new GetObjectCommand({ Bucket: bucket(), Key: key, ResponseContentDisposition: `attachment; filename="${name}"` }),
    { expiresIn: expiresInSeconds },
  );
}

/** Parts of 5 MB (S3's least), one in flight while the next fills: about 10 MB of the file held at a time; files up to 50 GB. */
const PART_SIZE = 5 * 1024 * 1024;

/**
 * A report file written as it is made: what is written to `stream` goes to S3 in parts (a multipart upload; a small
 * file goes in one PutObject). `done` resolves once S3 has the whole file; `abort` discards the parts sent so far.
 */
export function uploadReportStream(key: string, format: ReportFormat, downloadName: string) {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  const upload = new Upload({
    client: s3(),
    params: {
      Bucket: bucket(),
      Key: key,
      Body: counter,
      ContentType: CONTENT_TYPES[format],
      ContentDisposition: `attachment; filename="${downloadName}"`,
    },
    partSize: PART_SIZE,
    queueSize: 1,
    leavePartsOnError: false,
  });
  const done = upload.done().then(() => ({ bytes }));
  done.catch(() => {}); // the caller awaits it; an early failure must not be an unhandled rejection meanwhile
  return {
    stream: counter as NodeJS.WritableStream,
    done,
    abort: async () => {
      counter.destroy();
      await upload.abort().catch(() => {});
    },
  };
}

/** The reports bucket as the export job sees it. */
export const exportFiles = { upload: uploadReportStream, downloadLink: (key: string) => attachmentLink(key) };

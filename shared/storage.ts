import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { config, requireSetting } from './config';
import { traced } from './log';

let client: S3Client | undefined;

/** The process's one S3 client: the reports bucket on AWS, s3rver locally. */
function s3(): S3Client {
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

const bucket = () => requireSetting(config().bucketName, 'BUCKET_NAME');

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

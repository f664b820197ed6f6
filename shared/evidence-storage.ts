import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { bucket, s3 } from './storage';
import type { EvidenceStorage } from './store/ports';

/** A file name safe in a Content-Disposition header: the name as given in UTF-8 (RFC 5987), and an ASCII fallback. */
function disposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\w.() -]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Evidence files in the reports bucket, under evidence/<cycle>/<state>/. */
export const evidenceStorage: EvidenceStorage = {
  async uploadLink(key, type, size, expiresIn) {
    const url = await getSignedUrl(s3(), new PutObjectCommand({ Bucket: bucket(), Key: key, ContentType: type, ContentLength: size }), {
      expiresIn,
      signableHeaders: new Set(['content-type']),
    });
    return { url, headers: { 'Content-Type': type } };
  },
  downloadLink(key, name, expiresIn) {
    return getSignedUrl(s3(), new GetObjectCommand({ Bucket: bucket(), Key: key, ResponseContentDisposition: disposition(name) }), {
      expiresIn,
    });
  },
  async inspect(key) {
    try {
      const object = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
      const hash = createHash('sha256');
      let size = 0;
      const head: Buffer[] = [];
      let headBytes = 0;
      for await (const chunk of object.Body as Readable) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        size += bytes.length;
        if (headBytes < 4096) {
          head.push(bytes.subarray(0, 4096 - headBytes));
          headBytes += Math.min(bytes.length, 4096 - headBytes);
        }
      }
      return { size, head: Buffer.concat(head), sha256: hash.digest('hex') };
    } catch (error) {
      if (
        (error as { name?: string }).name === 'NoSuchKey' ||
        (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
      ) {
        return undefined;
      }
      throw error;
    }
  },
  async remove(key) {
    await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
  },
};

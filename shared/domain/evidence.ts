/** Evidence files on an answer: decrees, reports, scans. The rules on them; no I/O. */
import * as z from 'zod';
import { oneLine } from './cycles';

export const FILE_LIMITS = { bytes: 20 * 1024 * 1024, perAnswer: 20, uploadSeconds: 900, downloadSeconds: 300 } as const;

/** The types an evidence file may have, and the first bytes each must start with (checked once it is uploaded). */
export const FILE_TYPES: Record<string, { label: string; magic: 'pdf' | 'zip' | 'ole' | 'png' | 'jpeg' | 'text' }> = {
  'application/pdf': { label: 'PDF', magic: 'pdf' },
  'application/msword': { label: 'Word', magic: 'ole' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word', magic: 'zip' },
  'application/vnd.ms-excel': { label: 'Excel', magic: 'ole' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel', magic: 'zip' },
  'application/vnd.oasis.opendocument.text': { label: 'OpenDocument', magic: 'zip' },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'OpenDocument', magic: 'zip' },
  'text/csv': { label: 'CSV', magic: 'text' },
  'image/png': { label: 'PNG', magic: 'png' },
  'image/jpeg': { label: 'JPEG', magic: 'jpeg' },
};

export interface EvidenceFile {
  cycleId: string;
  stateCode: string;
  mandateId: string;
  id: string;
  name: string;
  /** Its MIME type, one of FILE_TYPES. */
  contentType: string;
  size: number;
  /** Where it is kept: under the state's own prefix, so no link for one state can name another's. */
  key: string;
  /** pending until the upload is checked; ready once its size, type and SHA-256 are; removed ones are kept. */
  status: 'pending' | 'ready' | 'rejected' | 'removed';
  /** SHA-256 of the stored bytes, in hex, recorded when the upload is checked. */
  sha256?: string;
  uploadedBy: string;
  createdAt: string;
  readyAt?: string;
  problem?: string;
}

export const fileInputSchema = z
  .object({
    name: oneLine(200).pipe(z.string().min(1, 'is required')),
    type: z
      .string()
      .refine(
        (t) => t in FILE_TYPES,
        `must be one of: PDF, Word, Excel, OpenDocument, CSV, PNG, JPEG (${Object.keys(FILE_TYPES).join(', ')})`,
      ),
    size: z
      .int('must be a whole number of bytes')
      .min(1, 'must be more than 0 bytes')
      .max(FILE_LIMITS.bytes, `must be at most ${FILE_LIMITS.bytes / 1024 / 1024} MB`),
  })
  .strict();

export const fileCompleteSchema = z
  .object({
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the file, in lowercase hex')
      .optional(),
  })
  .strict();

/** Whether the first bytes of a file fit its declared type. */
export function startsLike(type: string, head: Buffer): boolean {
  const magic = FILE_TYPES[type]?.magic;
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  switch (magic) {
    case 'pdf':
      return head.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'zip':
      return starts(0x50, 0x4b, 0x03, 0x04);
    case 'ole':
      return starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
    case 'png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'text':
      return !head.includes(0);
    default:
      return false;
  }
}

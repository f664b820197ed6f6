import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Mandate } from '../domain/mandates';
import { putAll, queryPartition, type BatchOptions } from './batch';
import { GSI1, keys } from './table';

export interface StoredMandate extends Mandate {
  revision: number;
  contentHash: string;
  updatedAt: string;
}

export interface MandateStore {
  listMandates(): Promise<StoredMandate[]>;
  /** Writes the revision items first, then the current items, so a crash half-way is repaired by a re-run. */
  saveMandates(mandates: StoredMandate[], options?: BatchOptions): Promise<void>;
}

const STORE_ONLY = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'type'] as const;

function withoutKeys(item: Record<string, unknown>): StoredMandate {
  const copy = { ...item };
  for (const name of STORE_ONLY) delete copy[name];
  return copy as unknown as StoredMandate;
}

export function dynamoMandateStore(db: DynamoDBDocumentClient, tableName: string): MandateStore {
  const gsi1 = GSI1;
  return {
    async listMandates() {
      const mandates: StoredMandate[] = [];
      for await (const item of queryPartition(db, tableName, gsi1, keys.mandateList)) mandates.push(withoutKeys(item));
      return mandates;
    },

    async saveMandates(mandates, options = {}) {
      const revisions = mandates.map((m) => ({ ...keys.mandateRevision(m.id, m.revision), type: 'mandate-revision', ...m }));
      const current = mandates.map((m) => ({
        ...keys.mandate(m.id),
        type: 'mandate',
        gsi1pk: keys.mandateList,
        gsi1sk: `${m.theme}#${String(m.position).padStart(6, '0')}#${m.id}`,
        ...m,
      }));
      const total = revisions.length + current.length;
      await putAll(db, tableName, revisions, {
        ...options,
        onProgress: (written) => options.onProgress?.(written, total),
      });
      await putAll(db, tableName, current, {
        ...options,
        onProgress: (written) => options.onProgress?.(revisions.length + written, total),
      });
    },
  };
}

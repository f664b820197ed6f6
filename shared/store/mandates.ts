import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromItem } from './item';
import type { MandateStore, StoredMandate } from './ports';
import { putAll, queryPartition } from './batch';
import { GSI1, keys } from './table';

export function dynamoMandateStore(db: DynamoDBDocumentClient, tableName: string): MandateStore {
  const gsi1 = GSI1;
  return {
    async listMandates() {
      const mandates: StoredMandate[] = [];
      for await (const item of queryPartition(db, tableName, gsi1, keys.mandateList)) mandates.push(fromItem<StoredMandate>(item));
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

import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromItem } from './item';
import type { MandateStore, StoredMandate, StoredMandatePage } from './ports';
import { putAll, queryAll, queryPartition } from './batch';
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

    async listPages() {
      const pages: StoredMandatePage[] = [];
      const query = {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.mandatePages },
      };
      for await (const item of queryAll(db, query)) pages.push(fromItem<StoredMandatePage>(item));
      return pages;
    },

    async savePages(pages, remove) {
      // One page can be close to 200 KB: one request each, never a batch that could pass 16 MB.
      for (const page of pages) {
        await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.mandatePage(page.name), type: 'mandate-page', ...page } }));
      }
      for (const name of remove) {
        if (!pages.some((p) => p.name === name)) await db.send(new DeleteCommand({ TableName: tableName, Key: keys.mandatePage(name) }));
      }
    },
  };
}

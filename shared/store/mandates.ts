import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fromItem } from './item';
import type { MandateStore, StoredMandate, StoredMandatePage } from './ports';
import type { MandateLink } from '../domain/lineage';
import { putAll, queryAll, queryPartition } from './batch';
import { GSI1, keys } from './table';

/** Characters per item: at most 3 bytes each in UTF-8, so a part stays well under DynamoDB's 400 KB. */
const PAGE_PART_CHARS = 100_000;

function splitText(text: string): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + PAGE_PART_CHARS, text.length);
    if (/[\uDC00-\uDFFF]/.test(text.charAt(end))) end -= 1; // never split a surrogate pair
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts.length ? parts : [''];
}

export function dynamoMandateStore(db: DynamoDBDocumentClient, tableName: string): MandateStore {
  const gsi1 = GSI1;

  /** Deletes the parts of a page beyond the first `keep`. */
  async function deleteParts(name: string, keep: number) {
    const query = {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk and begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.mandatePages, ':prefix': keys.mandatePagePartPrefix(name) },
      ProjectionExpression: 'pk, sk',
    };
    const stale: Record<string, unknown>[] = [];
    for await (const item of queryAll(db, query)) stale.push(item);
    for (const key of stale.slice(keep)) await db.send(new DeleteCommand({ TableName: tableName, Key: { pk: key.pk, sk: key.sk } }));
  }

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

    async listLinks() {
      const links: MandateLink[] = [];
      const query = { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.mandateLinks } };
      for await (const item of queryAll(db, query)) links.push(fromItem<MandateLink>(item));
      return links;
    },

    async putLink(link) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.mandateLink(link.from, link.kind, link.to), type: 'mandate-link', ...link },
        }),
      );
    },

    async listPages() {
      const heads: (StoredMandatePage & { parts?: number })[] = [];
      const parts = new Map<string, string[]>();
      const query = {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.mandatePages },
      };
      // Sort keys come back in order: every PAGE# head, then every PART# of each page in order.
      for await (const item of queryAll(db, query)) {
        if (item.type === 'mandate-page-part') {
          const name = String(item.page);
          parts.set(name, [...(parts.get(name) ?? []), String(item.text)]);
        } else heads.push(fromItem<StoredMandatePage & { parts?: number }>(item));
      }
      return heads.map(({ parts: count, ...page }) =>
        count ? { ...page, text: page.text + (parts.get(page.name) ?? []).join('') } : page,
      );
    },

    async savePages(pages, remove) {
      // One request per item, never a batch: a page can run to megabytes, cut into parts under the 400 KB item limit.
      for (const page of pages) {
        const [head, ...rest] = splitText(page.text);
        for (const [i, text] of rest.entries()) {
          await db.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...keys.mandatePagePart(page.name, i + 1), type: 'mandate-page-part', page: page.name, text },
            }),
          );
        }
        await deleteParts(page.name, rest.length);
        const item = {
          ...keys.mandatePage(page.name),
          type: 'mandate-page',
          ...page,
          text: head,
          ...(rest.length ? { parts: rest.length } : {}),
        };
        await db.send(new PutCommand({ TableName: tableName, Item: item }));
      }
      for (const name of remove) {
        if (pages.some((p) => p.name === name)) continue;
        await db.send(new DeleteCommand({ TableName: tableName, Key: keys.mandatePage(name) }));
        await deleteParts(name, 0);
      }
    },
  };
}

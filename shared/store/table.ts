/**
 * The one table of the system. The CDK stack and the local bootstrap both build it from here.
 *
 * Items (pk / sk):
 *   MANDATE#<id> / CURRENT          the current text of a mandate   (gsi1: MANDATES / <theme>#<position>#<id>)
 *   MANDATE#<id> / REV#<000001>     every revision, kept
 *   STATE#<code> / STATE            a member state                 (gsi1: STATES / <code>)
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
} as const;

export const keys = {
  mandate: (id: string) => ({ pk: `MANDATE#${id}`, sk: 'CURRENT' }),
  mandateRevision: (id: string, revision: number) => ({
    pk: `MANDATE#${id}`,
    sk: `REV#${String(revision).padStart(6, '0')}`,
  }),
  mandateList: 'MANDATES',
  state: (code: string) => ({ pk: `STATE#${code}`, sk: 'STATE' }),
  stateList: 'STATES',
};

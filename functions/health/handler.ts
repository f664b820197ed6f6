import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { config } from '../../shared/config';
import { HttpError } from '../../shared/http/errors';
import { httpHandler, json } from '../../shared/http/handler';
import { documentClient } from '../../shared/store/client';

/** Ready when the table answers. */
export const handler = httpHandler('public', async () => {
  try {
    const table = await documentClient().send(new DescribeTableCommand({ TableName: config().tableName }));
    if (table.Table?.TableStatus !== 'ACTIVE') throw new Error(`table is ${table.Table?.TableStatus}`);
  } catch (error) {
    throw new HttpError(503, 'not_ready', `The database is not ready: ${(error as Error).name}`);
  }
  return json(200, { status: 'ok' });
});

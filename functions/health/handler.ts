import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { config } from '../../shared/config';
import { DomainError } from '../../shared/domain/errors';
import { json } from '../../shared/http/handler';
import { documentClient } from '../../shared/store/client';
import { routeHandlers } from '../../shared/http/router';

/** Ready when the table answers. */
export const handler = routeHandlers('health', {
  'GET /health': async () => {
    try {
      const table = await documentClient().send(new DescribeTableCommand({ TableName: config().tableName }));
      if (table.Table?.TableStatus !== 'ACTIVE') throw new Error(`table is ${table.Table?.TableStatus}`);
    } catch (error) {
      throw new DomainError('unavailable', 'not_ready', `The database is not ready: ${(error as Error).name}`);
    }
    return json(200, { status: 'ok' });
  },
});

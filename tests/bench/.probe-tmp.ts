import { DynamoDBClient, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '/work/main/shared/store/client';
import { PutCommand, UpdateCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalSystem } from '/work/main/infra/local/system';
const system = await startLocalSystem({ port: 0, dynamodbPort: 0, sesPort: 0, s3Port: 0, secretariatToken: 't', seed: false });
try {
  const endpoint = system.urls.dynamodb;
  const raw = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  const doc = createDocumentClient({ region: 'us-east-1', endpoint });
  for (const proj of ['ALL', 'KEYS_ONLY'] as const) {
    const TableName = `probe-${proj}`;
    await raw.send(new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{AttributeName:'pk',AttributeType:'S'},{AttributeName:'sk',AttributeType:'S'},{AttributeName:'g',AttributeType:'S'}],
      KeySchema: [{AttributeName:'pk',KeyType:'HASH'},{AttributeName:'sk',KeyType:'RANGE'}],
      GlobalSecondaryIndexes: [{IndexName:'i', KeySchema:[{AttributeName:'g',KeyType:'HASH'}], Projection:{ProjectionType: proj}}]}));
    const put = await doc.send(new PutCommand({ TableName, Item: { pk: 'a', sk: 'b', g: 'x', n: 1, pad: 'x'.repeat(1500) }, ReturnConsumedCapacity: 'INDEXES' }));
    const upd = await doc.send(new UpdateCommand({ TableName, Key: { pk: 'a', sk: 'b' }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: {':one': 1}, ReturnConsumedCapacity: 'INDEXES' }));
    const tx = await doc.send(new TransactWriteCommand({ TransactItems: [{ Update: { TableName, Key: { pk: 'a', sk: 'b' }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: {':one': 1} } }], ReturnConsumedCapacity: 'INDEXES' }));
    console.log(proj, JSON.stringify(put.ConsumedCapacity), JSON.stringify(upd.ConsumedCapacity), JSON.stringify(tx.ConsumedCapacity));
  }
} finally { await system.stop(); }

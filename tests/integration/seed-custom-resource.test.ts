import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/seed/handler';

let server: Server;
let responseUrl: string;
const received: Record<string, unknown>[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ method: request.method, ...JSON.parse(body) });
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/response`;
});
afterAll(() => server.close());

const event = (type: 'Create' | 'Update' | 'Delete') =>
  ({
    RequestType: type,
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/test/1',
    RequestId: `req-${type}`,
    LogicalResourceId: 'SeedData',
    ResourceType: 'Custom::Seed',
    ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:seed',
    ResourceProperties: { ServiceToken: 'x' },
    ...(type === 'Create' ? {} : { PhysicalResourceId: 'mandates-seed', OldResourceProperties: {} }),
  }) as CloudFormationCustomResourceEvent;
const context = { logStreamName: 'test-stream' } as Context;

describe('the seeder as a CloudFormation custom resource', () => {
  it('seeds on Create and reports SUCCESS with the counts to the response URL', async () => {
    await handler(event('Create'), context);
    expect(received.at(-1)).toMatchObject({
      method: 'PUT',
      Status: 'SUCCESS',
      RequestId: 'req-Create',
      PhysicalResourceId: 'mandates-seed',
      Data: { MandatesParsed: 38 },
    });
  });

  it('answers Delete with SUCCESS and keeps the data', async () => {
    await handler(event('Delete'), context);
    expect(received.at(-1)).toMatchObject({ Status: 'SUCCESS', RequestId: 'req-Delete' });
  });

  it('reports FAILED with the reason when the seed folder is missing', async () => {
    const folder = process.env.SEEDS_DIR;
    const { config, readConfig } = await import('../../shared/config');
    // config() was read at load; point it at a missing folder for this one call.
    Object.assign(config(), readConfig({ ...process.env, SEEDS_DIR: '/nonexistent-seeds' }));
    try {
      await handler(event('Update'), context);
    } finally {
      Object.assign(config(), readConfig({ ...process.env, SEEDS_DIR: folder }));
    }
    expect(received.at(-1)).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/nonexistent-seeds/) });
  });
});

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { config } from './config';
import { logger, tracer } from './log';

/** A scheduled job's handler: the Lambda context in every log line, its trace captured (a job that counts things publishes its metrics itself). */
export function jobHandler<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  config(); // fail at load, naming the missing variable
  const wrapped = middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .handler(handler);
  // The local job runner calls with the event alone.
  return (event: E, context?: Context) => wrapped(event, context ?? localContext());
}

function localContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'local-job',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:local-job',
    memoryLimitInMB: '512',
    awsRequestId: 'local',
    logGroupName: '/aws/lambda/local-job',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 15 * 60_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

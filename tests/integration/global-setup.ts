import type { TestProject } from 'vitest/node';
import { startLocalSystem } from '../../infra/local/system';

declare module 'vitest' {
  export interface ProvidedContext {
    env: Record<string, string>;
    apiUrl: string;
    mailboxUrl: string;
  }
}

/** One local system for the integration tests: real DynamoDB Local (in memory), SES and S3 on free ports. */
export default async function setup(project: TestProject) {
  const system = await startLocalSystem({
    port: 0,
    dynamodbPort: 0,
    sesPort: 0,
    s3Port: 0,
    secretariatToken: 'integration-test-token',
  });
  project.provide('env', system.env);
  project.provide('apiUrl', system.urls.api);
  project.provide('mailboxUrl', system.urls.mailbox);
  return () => system.stop();
}

import { App } from 'aws-cdk-lib';
import { stageConfig } from './stage';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

/** Builds the two stacks of a stage. Exported so the infra tests synthesise exactly what deploys. */
export function buildApp(app = new App()) {
  const config = stageConfig(app.node);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const prefix = `MandatesFollowup-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, { env, config });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    config,
    table: stateful.table,
    reportsBucket: stateful.reportsBucket,
    emailIdentity: stateful.emailIdentity,
    configurationSet: stateful.configurationSet,
    emailEvents: stateful.emailEvents,
  });
  return { app, stateful, stateless };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/infra\//, '/infra/'))) {
  buildApp().app.synth();
}

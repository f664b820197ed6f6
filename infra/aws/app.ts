import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { stageConfig } from './stage';
import { reportsBucketNameOf, StatefulStack, tableNameOf } from './stateful-stack';
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
    tableName: tableNameOf(config),
    reportsBucketName: reportsBucketNameOf(config),
    emailIdentity: stateful.emailIdentity,
    configurationSet: stateful.configurationSet,
    emailEvents: stateful.emailEvents,
  });
  stateless.addStackDependency(stateful);
  // Synthesis stops on any finding of these packs that is not acknowledged, with its reason, where it arises.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stateful, stateless };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/infra\//, '/infra/'))) {
  buildApp().app.synth();
}

import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ConfigError, stageConfig } from './stage';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

/** Builds the two stacks of a stage. Exported so the infra tests synthesise exactly what deploys. Throws ConfigError on a bad setting. */
export function buildApp(app = new App()) {
  const config = stageConfig(app.node);
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const prefix = `MandatesFollowup-${config.stage}`;
  // In production the stateful stack cannot be deleted by mistake (`cdk destroy --all` stops at it).
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, { env, config, terminationProtection: config.production });
  // Nothing of the stateful stack is passed in: the stateless stack finds it by name (names.ts), so no export ties the two.
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, { env, config });
  // Deployment order only (the table, the pool and the parameters exist first); not a reference between templates.
  stateless.addStackDependency(stateful);
  // Synthesis stops on any finding of these packs that is not acknowledged, with its reason, where it arises.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, config, stateful, stateless };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/infra\//, '/infra/'))) {
  try {
    buildApp().app.synth();
  } catch (error) {
    // A setting the operator must give: one line that says which, not a stack trace.
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

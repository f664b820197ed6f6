import { Duration, Validations } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/** The construct id of functions/<fn>: `list-mandates` becomes `ListMandates`. */
export function fnId(fn: string): string {
  return fn.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}

export interface AppFunctionProps extends Partial<NodejsFunctionProps> {
  /** The folder under functions/ that holds handler.ts. */
  fn: string;
  logRetentionDays: number;
}

/**
 * Every function of the system, with one set of defaults:
 * - nodejs22.x on arm64 (Graviton: about 20% cheaper per GB-second than x86 for the same work);
 * - 512 MB: Lambda gives CPU in proportion to memory, and 512 MB keeps cold starts of the SDK
 *   bundles near 300 ms while costing the same as 256 MB for these short, I/O-bound handlers;
 * - 10 s timeout by default (API Gateway gives up at 30 s; a handler that needs more is a bug);
 * - an ESM bundle by esbuild, minified, with source maps, the AWS SDK v3 taken from the runtime;
 * - its own log group with a retention, JSON logs;
 * - its own role, which may write to that log group and nothing else by default (no AWS managed policy:
 *   AWSLambdaBasicExecutionRole would let it create and write any log group of the account); X-Ray tracing.
 */
export class AppFunction extends NodejsFunction {
  /** The function's role (a sibling of the function): acknowledgements about its policy go here. */
  readonly serviceRole: Role;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const { fn, logRetentionDays, environment, bundling, ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}ServiceRole`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `functions/${fn}`,
    });
    super(scope, id, {
      role,
      description: `functions/${fn}`,
      entry: join(ROOT, 'functions', fn, 'handler.ts'),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'mandates-followup',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        target: 'node22',
        mainFields: ['module', 'main'],
        // Some dependencies still call require(); give ESM bundles one.
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        ...bundling,
      },
      ...rest,
    });
    this.serviceRole = role;
    // The log group's ARN ends in ":*": its log streams, and no other group.
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    // Active tracing put the X-Ray statement in the role's default policy: the one statement with a "*" resource.
    Validations.of(role.node.findChild('DefaultPolicy') as Policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray statement (xray:PutTraceSegments, xray:PutTelemetryRecords) names "*": those actions support no resource-level permissions; tests/infra checks that no other statement does',
    });
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason: 'The project runs and tests on Node.js 22 (nodejs22.x); moving runtime is a deliberate change, not a default',
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason: 'The project runs and tests on Node.js 22 (nodejs22.x); moving runtime is a deliberate change, not a default',
      },
    );
    if (!props.deadLetterQueue) {
      Validations.of(this).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: 'Invoked synchronously by API Gateway: a failure is returned to the caller as a 5xx and logged, there is no event to keep',
      });
    }
  }
}

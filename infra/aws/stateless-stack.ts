import { CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, AdvancedSecurityMode, Mfa, UserPool, FeaturePlan } from 'aws-cdk-lib/aws-cognito';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeFunctions, routes } from '../../shared/http/routes';
import { AppFunction, ROOT } from './app-function';
import type { StageConfig } from './stage';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  table: TableV2;
  reportsBucket: Bucket;
}

/** What each function may do with the table: least privilege, decided here for every function. */
const tableAccess: Record<string, 'describe' | 'read' | 'readwrite'> = {
  health: 'describe',
  'list-mandates': 'read',
  'list-states': 'read',
};

/** A digest of the seed folder: a change to any seed file re-runs the seeder on deploy. */
function seedsDigest(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(join(ROOT, 'seeds')).sort()) hash.update(name).update(readFileSync(join(ROOT, 'seeds', name)));
  return hash.digest('hex');
}

/** The code: functions, the HTTP API built from the route table, sign-in, and seeding at deploy time. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table } = props;
    const environment = { TABLE_NAME: table.tableName, STAGE: config.stage };

    const userPool = new UserPool(this, 'Secretariat', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      advancedSecurityMode: AdvancedSecurityMode.ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const client = userPool.addClient('Console', {
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
    });
    const authorizer = new HttpUserPoolAuthorizer('SecretariatAuthorizer', userPool, { userPoolClients: [client] });

    this.api = new HttpApi(this, 'Api', { createDefaultStage: false });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: config.logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });

    for (const fn of routeFunctions) {
      const access = tableAccess[fn];
      if (!access) throw new Error(`functions/${fn}: decide its table access in tableAccess`);
      const handler = new AppFunction(this, fnId(fn), { fn, environment, logRetentionDays: config.logRetentionDays });
      if (access === 'read') table.grantReadData(handler);
      else if (access === 'readwrite') table.grantReadWriteData(handler);
      else handler.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }));

      const integration = new HttpLambdaIntegration(`${fnId(fn)}Integration`, handler);
      for (const route of routes.filter((r) => r.fn === fn)) {
        this.api.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          authorizer: route.access === 'secretariat' ? authorizer : undefined,
        });
      }
    }

    const seeder = new AppFunction(this, 'Seed', {
      fn: 'seed',
      environment: { ...environment, SEEDS_DIR: '/var/task/seeds' },
      logRetentionDays: config.logRetentionDays,
      timeout: Duration.minutes(10),
      memorySize: 1024,
      bundling: {
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [`mkdir -p "${outputDir}/seeds"`, `cp "${inputDir}"/seeds/*.txt "${outputDir}/seeds/"`],
        },
      },
    });
    table.grantReadWriteData(seeder);
    new CustomResource(this, 'SeedData', {
      serviceToken: seeder.functionArn,
      properties: { seedsDigest: seedsDigest() },
      resourceType: 'Custom::Seed',
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
  }
}

function fnId(fn: string): string {
  return fn.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}

import { CfnElement, CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarms } from './alarms';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, Mfa, UserPool, FeaturePlan, StandardThreatProtectionMode } from 'aws-cdk-lib/aws-cognito';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { TABLE } from '../../shared/store/table';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeFunctions, routes } from '../../shared/http/routes';
import { schedules } from '../../shared/schedules';
import { Schedule, ScheduleExpression, ScheduleTargetInput, ContextAttribute } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { ConfigurationSet, EmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { AppFunction, ROOT } from './app-function';
import type { StageConfig } from './stage';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  /** The table's name: the stateless stack imports it by name, so the two stacks share no CloudFormation export. */
  tableName: string;
  /** Imported by name, like the table: no CloudFormation export between the stacks. */
  reportsBucketName: string;
  emailIdentity: EmailIdentity;
  configurationSet: ConfigurationSet;
  emailEvents: Topic;
}

/** What each function may do with the table: least privilege, decided here for every function. */
const tableAccess: Record<string, 'describe' | 'read' | 'readwrite'> = {
  health: 'describe',
  'list-mandates': 'read',
  'list-states': 'read',
  'update-state': 'readwrite',
  'create-cycle': 'readwrite',
  'list-cycles': 'read',
  'get-cycle': 'read',
  'assignment-actions': 'readwrite',
  'open-cycles': 'readwrite',
  reminders: 'readwrite',
  'respond-page': 'readwrite',
  assignment: 'readwrite',
  'ses-events': 'readwrite',
  seed: 'readwrite',
  'cycle-report': 'read',
  'list-reports': 'read',
  trends: 'read',
  snapshots: 'readwrite',
  console: 'readwrite',
};

/** The functions that read or write report files in the bucket, and under which prefixes. */
const bucketAccess: Record<string, { read: string[]; write: string[] }> = {
  'cycle-report': { read: ['exports/*'], write: ['exports/*'] },
  'list-reports': { read: ['snapshots/*'], write: [] },
  snapshots: { read: ['snapshots/*'], write: ['snapshots/*'] },
  console: { read: ['exports/*', 'snapshots/*'], write: ['exports/*'] },
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
    const { config } = props;
    const reportsBucket = Bucket.fromBucketName(this, 'Reports', props.reportsBucketName);
    const table = TableV2.fromTableAttributes(this, 'Table', {
      tableName: props.tableName,
      globalIndexes: TABLE.indexes.map((index) => index.name),
    });
    const environment = { TABLE_NAME: table.tableName, STAGE: config.stage, BUCKET_NAME: reportsBucket.bucketName, SECURE_COOKIES: 'true' };

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
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const client = userPool.addClient('Console', {
      // The console signs in server-side (USER_PASSWORD_AUTH over TLS, then the MFA challenge); SRP for other clients.
      authFlows: { userSrp: true, userPassword: true },
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

    const grantTable = (fn: string, handler: IFunction) => {
      const access = tableAccess[fn];
      if (!access) throw new Error(`functions/${fn}: decide its table access in tableAccess`);
      if (access !== 'describe') {
        Validations.of(handler).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:${shown(this.region, 'AWS::Region')}:${shown(this.account, 'AWS::AccountId')}:table/${props.tableName}/index/*]`,
          reason: 'The function queries the indexes of our one table (gsi1, due); index ARNs are only expressible as <table>/index/*',
        });
      }
      const files = bucketAccess[fn];
      if (files) {
        for (const [actions, prefixes] of [[['s3:GetObject'], files.read], [['s3:PutObject'], files.write]] as const) {
          if (prefixes.length === 0) continue;
          handler.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: prefixes.map((p) => reportsBucket.arnForObjects(p)) }));
        }
        for (const prefix of new Set([...files.read, ...files.write])) {
          Validations.of(handler).acknowledge({
            id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::mandates-followup-${config.stage}-reports-<AWS::AccountId>-<AWS::Region>/${prefix}]`,
            reason: 'Report files are objects under a prefix of the one reports bucket; object ARNs are only expressible with a wildcard',
          });
        }
      }
      if (access === 'read') table.grantReadData(handler);
      else if (access === 'readwrite') table.grantReadWriteData(handler);
      else handler.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }));
    };

    const routeHandlers: AppFunction[] = [];
    for (const fn of routeFunctions) {
      const handler = new AppFunction(this, fnId(fn), {
        fn,
        environment: fn === 'console' ? { ...environment, COGNITO_CLIENT_ID: client.userPoolClientId } : environment,
        logRetentionDays: config.logRetentionDays,
      });
      grantTable(fn, handler);
      routeHandlers.push(handler);

      const integration = new HttpLambdaIntegration(`${fnId(fn)}Integration`, handler);
      for (const route of routes.filter((r) => r.fn === fn)) {
        const added = this.api.addRoutes({
          path: route.path,
          methods: [HttpMethod[route.method]],
          integration,
          authorizer: route.access === 'secretariat' ? authorizer : undefined,
        });
        if (route.access !== 'secretariat') {
          for (const r of added) {
            Validations.of(r).acknowledge({
              id: 'AwsSolutions-APIG4',
              reason: {
                public: 'Public by design: the health check, the emailed link whose token the function checks (hash lookup, expiry, revocation, rate limit), the console sign-in',
                state: 'State routes are authorised by the function: an HttpOnly session cookie made from the emailed link, scoped to one assignment',
                console: 'Console pages are authorised by the function: an HttpOnly, SameSite=Strict secretariat session cookie from the console sign-in',
              }[route.access],
            });
          }
        }
      }
    }

    // Failed asynchronous invocations (schedules, SNS) land here, and the alarms watch it.
    const failures = new Queue(this, 'FailedInvocations', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(failures).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the functions, schedules and subscription; an alarm watches its depth' },
      { id: 'Serverless-SQSRedrivePolicy', reason: 'This queue is itself the dead-letter queue of the functions, schedules and subscription; an alarm watches its depth' },
    );
    const asyncFunctions: AppFunction[] = [];
    const mailEnvironment = {
      ...environment,
      PUBLIC_URL: this.api.apiEndpoint,
      SENDER_EMAIL: config.senderEmail,
      SES_CONFIGURATION_SET: props.configurationSet.configurationSetName,
      MAX_SEND_RATE: String(config.maxSendRate),
    };
    for (const job of schedules) {
      const handler = new AppFunction(this, fnId(job.fn), {
        fn: job.fn,
        environment: mailEnvironment,
        logRetentionDays: config.logRetentionDays,
        // A run sends at most a few hundred emails at the SES rate; overlapping runs are safe anyway.
        timeout: Duration.minutes(5),
        // Lambda retries a failed run twice, then it lands in the dead-letter queue; runs are idempotent.
        deadLetterQueue: failures,
      });
      grantTable(job.fn, handler);
      if (job.fn === 'reminders') {
        handler.addToRolePolicy(
          new PolicyStatement({
            actions: ['ses:SendEmail'],
            resources: [
              this.formatArn({ service: 'ses', resource: 'identity', resourceName: props.emailIdentity.emailIdentityName }),
              this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSet.configurationSetName }),
            ],
          }),
        );
      }
      const schedule = new Schedule(this, `${fnId(job.name)}Schedule`, {
        description: job.description,
        schedule: ScheduleExpression.rate(Duration.minutes(job.everyMinutes)),
        target: new LambdaInvoke(handler, {
          input: ScheduleTargetInput.fromObject({ now: ContextAttribute.scheduledTime }),
          retryAttempts: 2,
          maxEventAge: Duration.minutes(30),
          deadLetterQueue: failures,
        }),
      });
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(handler.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: `The scheduler role may invoke functions/${job.fn} and its versions (<function arn>:*), nothing else`,
      });
      asyncFunctions.push(handler);
    }

    const sesEvents = new AppFunction(this, 'SesEvents', {
      fn: 'ses-events',
      environment,
      logRetentionDays: config.logRetentionDays,
      deadLetterQueue: failures,
    });
    grantTable('ses-events', sesEvents);
    asyncFunctions.push(sesEvents);
    props.emailEvents.addSubscription(new LambdaSubscription(sesEvents, { deadLetterQueue: failures }));

    const seeder = new AppFunction(this, 'Seed', {
      fn: 'seed',
      environment: { ...environment, SEEDS_DIR: '/var/task/seeds' },
      logRetentionDays: config.logRetentionDays,
      timeout: Duration.minutes(10),
      memorySize: 1024,
      deadLetterQueue: failures,
      bundling: {
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [`mkdir -p "${outputDir}/seeds"`, `cp "${inputDir}"/seeds/*.txt "${outputDir}/seeds/"`],
        },
      },
    });
    grantTable('seed', seeder);
    asyncFunctions.push(seeder);

    new Alarms(this, 'Alarms', {
      alarmEmail: config.alarmEmail,
      functions: [...routeHandlers, ...asyncFunctions],
      deadLetterQueue: failures,
      api: this.api,
      configurationSet: props.configurationSet,
    });
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

/** A value as cdk-nag writes it in a finding: itself, or <Pseudo::Parameter> while unresolved. */
function shown(value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<${pseudo}>` : value;
}

function fnId(fn: string): string {
  return fn.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}

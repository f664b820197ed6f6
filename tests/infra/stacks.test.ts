import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/app';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { Validations } from 'aws-cdk-lib';
import { routes } from '../../shared/http/routes';
import { TABLE } from '../../shared/store/table';

const cdkJson = JSON.parse(readFileSync('cdk.json', 'utf8'));
let stateful: Template;
let stateless: Template;
let outdir: string;
let app: App;
let built: ReturnType<typeof buildApp>;

beforeAll(() => {
  app = new App({ context: cdkJson.context });
  built = buildApp(app);
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
  outdir = app.outdir;
});

describe('the stateful stack', () => {
  it('keeps the table: point-in-time recovery, deletion protection, retained on delete, on demand', () => {
    stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE.indexes.map((index) => Match.objectLike({ IndexName: index.name })),
      }),
    });
  });

  it('blocks public access to every bucket, encrypts it and refuses plain HTTP', () => {
    const buckets = stateful.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets).length).toBeGreaterThan(0);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
      expect(bucket.Properties.LifecycleConfiguration).toBeDefined();
    }
    const policies = Object.values(stateful.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(Object.keys(buckets).length);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });
});

describe('the stateless stack', () => {
  it('runs every function on nodejs22.x, arm64', () => {
    const functions = Object.values(stateless.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThanOrEqual(new Set(routes.map((r) => r.fn)).size + 1);
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
    }
  });

  it('has every route of the route table, with the JWT authorizer on exactly the secretariat routes', () => {
    const apiRoutes = Object.values(stateless.findResources('AWS::ApiGatewayV2::Route'));
    expect(apiRoutes).toHaveLength(routes.length);
    for (const route of routes) {
      const found = apiRoutes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`);
      expect(found, `${route.method} ${route.path}`).toBeDefined();
      expect(found!.Properties.AuthorizationType).toBe(route.access === 'secretariat' ? 'JWT' : 'NONE');
    }
  });

  it('throttles the API and writes access logs', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('signs the secretariat in through Cognito with a strong password policy and MFA', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true }) },
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
    });
  });

  it('lets the console sign in through the user pool client, with Secure cookies everywhere', () => {
    const functions = Object.values(stateless.findResources('AWS::Lambda::Function'));
    const consoleFn = functions.find((fn) => fn.Properties.Description === 'functions/console')!;
    expect(consoleFn.Properties.Environment.Variables.COGNITO_CLIENT_ID).toBeDefined();
    for (const fn of functions) expect(fn.Properties.Environment.Variables.SECURE_COOKIES).toBe('true');
    stateless.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('grants no wildcard action', () => {
    for (const policy of Object.values(stateless.findResources('AWS::IAM::Policy'))) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        const actions = [statement.Action].flat();
        for (const action of actions) expect(action).not.toMatch(/^\*$|:\*$/);
      }
    }
  });

  it('runs every scheduled job through EventBridge Scheduler with the scheduled time, retries and a dead-letter queue', async () => {
    const { schedules } = await import('../../shared/schedules');
    const found = Object.values(stateless.findResources('AWS::Scheduler::Schedule'));
    expect(found).toHaveLength(schedules.length);
    for (const schedule of found) {
      expect(schedule.Properties.ScheduleExpression).toMatch(/^rate\(\d+ (minutes|hours?)\)$/);
      expect(schedule.Properties.Target.Input).toContain('<aws.scheduler.scheduled-time>');
      expect(schedule.Properties.Target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 2 });
      expect(schedule.Properties.Target.DeadLetterConfig.Arn).toBeDefined();
    }
  });

  it('lets only the reminder function send email, through the identity and configuration set', () => {
    const senders = Object.values(stateless.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('ses:SendEmail'),
    );
    expect(senders).toHaveLength(1);
    expect(JSON.stringify(senders[0]!.Properties.PolicyDocument)).toContain('configuration-set');
  });

  it('counts every assignment the reminder job could not handle, and alarms on it', () => {
    stateless.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "reminder failed for one assignment" }',
      MetricTransformations: [Match.objectLike({ MetricName: 'ReminderAssignmentFailures', MetricValue: '1' })],
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ReminderAssignmentFailures', Threshold: 1 });
  });

  it('sends bounce and complaint events to the function that acts on them', () => {
    stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: Match.anyValue() }),
    });
    stateless.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
  });

  it('keeps the logical ids of what a replacement would lose: the user pool and its client, the API (its URL is in emailed links), the dead-letter queue', () => {
    const ids = (type: string) => Object.keys(stateless.findResources(type));
    expect(ids('AWS::Cognito::UserPool')).toEqual(['Secretariat265B80D7']);
    expect(ids('AWS::Cognito::UserPoolClient')).toEqual(['SecretariatConsoleF85E295F']);
    expect(ids('AWS::ApiGatewayV2::Api')).toEqual(['ApiF70053CD']);
    expect(ids('AWS::SQS::Queue')).toEqual(['FailedInvocationsED025904']);
  });

  it('seeds at deploy time with the seed files bundled beside the seeder', () => {
    stateless.hasResourceProperties('Custom::Seed', { seedsDigest: Match.stringLikeRegexp('^[0-9a-f]{64}$') });
    const seeder = Object.values(stateless.findResources('AWS::Lambda::Function')).find(
      (fn) => fn.Properties.Environment?.Variables?.SEEDS_DIR === '/var/task/seeds',
    );
    const assetPath = `asset.${String(seeder!.Properties.Code.S3Key).replace(/\.zip$/, '')}`;
    expect(existsSync(join(outdir, assetPath, 'seeds', 'summits-mandates-migration.txt'))).toBe(true);
    expect(existsSync(join(outdir, assetPath, 'index.mjs'))).toBe(true);
  });
});

describe('cdk-nag', () => {
  it('leaves no unacknowledged finding of the AwsSolutions and Serverless packs', () => {
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      for (const stack of [built.stateful, built.stateless]) {
        expect(pack.validateScope(stack).violations.map((v) => v.ruleName)).toEqual([]);
      }
    }
  });

  it('gives a reason with every acknowledgement', () => {
    const acknowledged = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })));
    expect(acknowledged.filter((rule) => /AwsSolutions|Serverless/.test(rule.id)).length).toBeGreaterThan(10);
    for (const rule of acknowledged) expect(rule.reason.length, rule.id).toBeGreaterThan(30);
  });
});

describe('monitoring', () => {
  it('alarms on every function’s errors and throttles, the dead-letter queue, API 5xx and the SES bounce rate, to one topic', () => {
    const functions = Object.keys(stateless.findResources('AWS::Lambda::Function')).length;
    const alarms = Object.values(stateless.findResources('AWS::CloudWatch::Alarm'));
    const named = (metric: string) => alarms.filter((a) => a.Properties.MetricName === metric);
    expect(named('Errors')).toHaveLength(functions);
    expect(named('Throttles')).toHaveLength(functions);
    expect(named('ApproximateNumberOfMessagesVisible')).toHaveLength(1);
    expect(named('5xx')).toHaveLength(1);
    const bounce = alarms.find((a) => JSON.stringify(a.Properties.Metrics ?? []).includes('AWS/SES'));
    expect(bounce).toBeDefined();
    const topics = new Set(alarms.map((a) => JSON.stringify(a.Properties.AlarmActions)));
    expect(topics.size).toBe(1);
  });

  it('logs in JSON through the Powertools logger, with a retention on every log group', () => {
    for (const fn of Object.values(stateless.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('mandates-followup');
    }
    for (const group of Object.values(stateless.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('gives every asynchronous function a dead-letter queue', async () => {
    const { schedules } = await import('../../shared/schedules');
    const withDlq = Object.values(stateless.findResources('AWS::Lambda::Function')).filter((fn) => fn.Properties.DeadLetterConfig);
    const asyncNames = [...schedules.map((s) => `functions/${s.fn}`), 'functions/ses-events', 'functions/seed'];
    expect(withDlq.map((fn) => fn.Properties.Description).sort()).toEqual(asyncNames.sort());
  });
});

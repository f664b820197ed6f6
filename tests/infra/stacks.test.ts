import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LOG_FIELDS, DEFAULT_THROTTLE, routeThrottle } from '../../infra/aws/constructs/api';
import { CONSOLE_SESSIONS, MANDATE_PAGES, tableNeeds } from '../../infra/aws/constructs/data';
import { buildApp } from '../../infra/aws/app';
import { ConfigError, isPlaceholderDomain } from '../../infra/aws/stage';
import { EMAIL_REFUSED } from '../../shared/log-messages';
import { routes } from '../../shared/http/routes';
import { schedules } from '../../shared/schedules';
import { dynamoMandateStore } from '../../shared/store/mandates';
import { dynamoSessionStore } from '../../shared/store/sessions';
import { TABLE } from '../../shared/store/table';

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, string[]>> };

const cdkJson = JSON.parse(readFileSync('cdk.json', 'utf8'));
/** No esbuild for the apps that only look at the templates: their functions get a placeholder asset. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/** What an operator passes on the command line for production (infra/docs/deploying.md). */
const PROD = {
  stage: 'prod',
  senderEmail: 'followup@summits.oas.org',
  sesDomain: 'summits.oas.org',
  mailFromDomain: 'bounce.summits.oas.org',
  domainName: 'followup.summits.oas.org',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  alarmEmail: 'operations@summits.oas.org',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'summits.oas.org',
};

const build = (context: Record<string, unknown>) => buildApp(new App({ context: { ...cdkJson.context, ...context } }));

let stateful: Template;
let stateless: Template;
let outdir: string;
let app: App;
let built: ReturnType<typeof buildApp>;
let prod: ReturnType<typeof buildApp>;
let prodStateful: Template;
let prodStateless: Template;

beforeAll(() => {
  app = new App({ context: cdkJson.context });
  built = buildApp(app);
  stateful = Template.fromStack(built.stateful);
  stateless = Template.fromStack(built.stateless);
  outdir = app.outdir;
  prod = build({ ...PROD, ...NO_BUNDLING });
  prodStateful = Template.fromStack(prod.stateful);
  prodStateless = Template.fromStack(prod.stateless);
});

const resources = (template: Template, type: string) => template.findResources(type) as Record<string, Resource>;
const functionsOf = (template: Template) => Object.values(resources(template, 'AWS::Lambda::Function'));

/** The statements of every policy attached to the role of functions/<fn>. */
function statementsOf(template: Template, fn: string): Statement[] {
  const found = Object.values(resources(template, 'AWS::Lambda::Function')).find((f) => f.Properties.Description === `functions/${fn}`);
  expect(found, `functions/${fn}`).toBeDefined();
  const role = found!.Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (statement: Statement) => [statement.Action].flat();

describe('configuration from the command line', () => {
  it('keeps only safe defaults in cdk.json: no real address, domain or certificate', () => {
    for (const [stage, settings] of Object.entries<Record<string, unknown>>(cdkJson.context.stages)) {
      for (const key of ['alarmEmail', 'sesDomain', 'mailFromDomain', 'domainName', 'certificateArn', 'hostedZoneId', 'tableName']) {
        expect(settings[key] ?? '', `${stage}.${key}`).toBe('');
      }
      if (settings.senderEmail) expect(isPlaceholderDomain(String(settings.senderEmail).split('@')[1]!), `${stage}.senderEmail`).toBe(true);
    }
    expect(cdkJson.context.stages.prod.senderEmail).toBeUndefined();
  });

  it('refuses a production synth without alarmEmail, in one line that says what to pass', () => {
    const { alarmEmail: _alarmEmail, ...rest } = PROD;
    expect(() => build(rest)).toThrow(ConfigError);
    expect(() => build(rest)).toThrow(/^stage prod: alarmEmail is required .*-c alarmEmail=/);
  });

  it('refuses a production synth whose sender is a placeholder', () => {
    for (const senderEmail of [
      'summits-secretariat@example.org',
      'x@mail.example.com',
      'x@oas.test',
      'x@oas.invalid',
      'x@oas.example',
      'x@localhost.localhost',
    ]) {
      expect(() => build({ ...PROD, senderEmail, sesDomain: '', mailFromDomain: '' }), senderEmail).toThrow(
        /senderEmail .* is a placeholder/,
      );
    }
    // The stage's defaults give no sender at all for production.
    expect(() => build({ stage: 'prod', alarmEmail: PROD.alarmEmail })).toThrow(/senderEmail is required/);
  });

  it('refuses settings that cannot work together', () => {
    expect(() => build({ ...PROD, certificateArn: '' })).toThrow(/domainName and certificateArn go together/);
    expect(() => build({ ...PROD, senderEmail: 'followup@oas.org' })).toThrow(/is not at sesDomain/);
    expect(() => build({ ...PROD, mailFromDomain: 'bounce.oas.org' })).toThrow(/must be a subdomain of sesDomain/);
    expect(() => build({ ...PROD, hostedZoneName: '' })).toThrow(/hostedZoneId and hostedZoneName go together/);
    expect(() => build({ ...PROD, sesDomain: '', mailFromDomain: '' })).toThrow(/sesDomain is required in production/);
  });

  it('prints only that line when cdk runs the app, and exits 1', () => {
    const { alarmEmail: _alarmEmail, ...rest } = PROD;
    const run = spawnSync('npx', ['tsx', 'infra/aws/app.ts'], {
      encoding: 'utf8',
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, ...rest }) },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^stage prod: alarmEmail is required/)]);
  });
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

  it('projects into the indexes assignments are in only what their queries read; gsi1, of whole rarely-written records, ALL', () => {
    const indexesOf = (template: Template) =>
      Object.values(resources(template, 'AWS::DynamoDB::GlobalTable'))[0]!.Properties.GlobalSecondaryIndexes as {
        IndexName: string;
        Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
      }[];
    for (const template of [stateful, prodStateful]) {
      const indexes = indexesOf(template);
      expect(indexes.map((i) => i.IndexName)).toEqual(['gsi1', 'due', 'byState']);
      expect(indexes[0]!.Projection).toEqual({ ProjectionType: 'ALL' });
      for (const index of indexes.slice(1)) {
        expect(index.Projection.ProjectionType, index.IndexName).toBe('INCLUDE');
        expect(index.Projection.NonKeyAttributes).toEqual([...TABLE.indexes.find((i) => i.name === index.IndexName)!.projection]);
        // DynamoDB takes at most 20 attributes in an INCLUDE projection.
        expect(index.Projection.NonKeyAttributes!.length).toBeLessThanOrEqual(20);
        // What an answer save, an email claim or a reminder changes on an assignment is in neither, so those writes touch no index.
        for (const changedBySaves of ['answeredCount', 'lastAnswerAt', 'version', 'lastEmail', 'sentSlots', 'queued', 'nextReminderAt']) {
          expect(index.Projection.NonKeyAttributes).not.toContain(changedBySaves);
        }
      }
    }
    // A table deployed before: `due` kept ALL, or left out for the deploy before the one that makes it again.
    const kept = indexesOf(Template.fromStack(build({ indexProjection: 'all', ...NO_BUNDLING }).stateful));
    expect(kept.map((i) => [i.IndexName, i.Projection.ProjectionType])).toEqual([
      ['gsi1', 'ALL'],
      ['due', 'ALL'],
      ['byState', 'INCLUDE'],
    ]);
    const without = indexesOf(Template.fromStack(build({ withoutIndex: 'due', ...NO_BUNDLING }).stateful));
    expect(without.map((i) => i.IndexName)).toEqual(['gsi1', 'byState']);
  });

  it("lets the answering page PUT evidence files to the reports bucket from the API's origin only (CORS)", () => {
    const rules = (template: Template) =>
      Object.values(template.findResources('AWS::S3::Bucket'))
        .map((b) => b.Properties.CorsConfiguration?.CorsRules)
        .filter(Boolean);
    expect(rules(prodStateful)).toEqual([
      [{ AllowedMethods: ['PUT'], AllowedOrigins: ['https://followup.summits.oas.org'], AllowedHeaders: ['content-type'], MaxAge: 600 }],
    ]);
    expect(JSON.stringify(rules(stateful))).toContain('.execute-api.');
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

  it('holds the user pool and its client, so that a new stateless stack keeps the accounts, and hands their ids over in SSM', () => {
    stateful.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 14, RequireSymbols: true }) },
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      }),
    });
    stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
    stateless.resourceCountIs('AWS::Cognito::UserPool', 0);
    stateless.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
    stateful.hasResourceProperties('AWS::SSM::Parameter', { Name: '/mandates-followup/dev/user-pool-id' });
    stateful.hasResourceProperties('AWS::SSM::Parameter', { Name: '/mandates-followup/dev/user-pool-client-id' });
    expect(Object.values(stateless.toJSON().Parameters).map((p) => (p as { Default: string }).Default)).toEqual(
      expect.arrayContaining(['/mandates-followup/dev/user-pool-id', '/mandates-followup/dev/user-pool-client-id']),
    );
  });

  it('holds the custom domain with its certificate; the stateless stack maps the API to it, and links use it', () => {
    prodStateful.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: PROD.domainName,
      DomainNameConfigurations: [
        Match.objectLike({ CertificateArn: PROD.certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }),
      ],
    });
    prodStateless.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    prodStateless.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { DomainName: PROD.domainName, Stage: '$default' });
    prodStateful.hasResourceProperties('AWS::Route53::RecordSet', { Name: `${PROD.domainName}.`, Type: 'A' });
    const reminders = functionsOf(prodStateless).find((f) => f.Properties.Description === 'functions/reminders')!;
    expect(reminders.Properties.Environment.Variables.PUBLIC_URL).toBe(`https://${PROD.domainName}`);
    // Without a domain, the API's own endpoint.
    stateless.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    const devReminders = functionsOf(stateless).find((f) => f.Properties.Description === 'functions/reminders')!;
    expect(devReminders.Properties.Environment.Variables.PUBLIC_URL).toEqual({ 'Fn::GetAtt': ['ApiF70053CD', 'ApiEndpoint'] });
  });

  it('verifies the sending domain with Easy DKIM and a custom MAIL FROM, and gives the DNS records as outputs', () => {
    prodStateful.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: PROD.sesDomain,
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      MailFromAttributes: { MailFromDomain: PROD.mailFromDomain, BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
    const outputs = prodStateful.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const i of [1, 2, 3]) expect(JSON.stringify(outputs[`DkimRecord${i}`]?.Value)).toContain(`DkimDNSTokenName${i}`);
    expect(JSON.stringify(outputs.MailFromMxRecord?.Value)).toContain('feedback-smtp.');
    expect(outputs.MailFromSpfRecord?.Value).toBe(`${PROD.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`);
    // In the hosted zone, the records themselves.
    expect(Object.values(resources(prodStateful, 'AWS::Route53::RecordSet')).filter((r) => r.Properties.Type === 'CNAME')).toHaveLength(3);
    prodStateful.hasResourceProperties('AWS::Route53::RecordSet', { Name: `${PROD.mailFromDomain}.`, Type: 'MX' });
  });

  it('publishes every sending event to CloudWatch by configuration set, and bounces and complaints to the topic', () => {
    stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        MatchingEventTypes: ['send', 'delivery', 'bounce', 'complaint', 'reject', 'renderingFailure'],
        CloudWatchDestination: {
          DimensionConfigurations: [
            { DimensionName: 'ses:configuration-set', DimensionValueSource: 'messageTag', DefaultDimensionValue: 'mandates-followup-dev' },
          ],
        },
      }),
    });
    stateful.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'mandates-followup-dev' });
    stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: ['bounce', 'complaint'], SnsDestination: Match.anyValue() }),
    });
  });

  it('encrypts every SNS topic with the customer-managed key that CloudWatch and SES may use', () => {
    for (const template of [stateful, stateless]) {
      const topics = Object.values(resources(template, 'AWS::SNS::Topic'));
      expect(topics.length).toBeGreaterThan(0);
      for (const topic of topics) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    }
    expect(JSON.stringify(Object.values(resources(stateless, 'AWS::SNS::Topic'))[0]!.Properties.KmsMasterKeyId)).toContain(
      'alias/mandates-followup-dev-notifications',
    );
    stateful.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/mandates-followup-dev-notifications' });
    const [key] = Object.values(resources(stateful, 'AWS::KMS::Key'));
    expect(key!.Properties.EnableKeyRotation).toBe(true);
    const publishers = (key!.Properties.KeyPolicy.Statement as { Principal?: { Service?: string[] }; Action: string[] }[]).find(
      (s) => s.Principal?.Service,
    );
    expect(publishers!.Principal!.Service).toEqual(expect.arrayContaining(['cloudwatch.amazonaws.com', 'ses.amazonaws.com']));
    expect(publishers!.Action).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']));
  });

  it('cannot be deleted by mistake in production (termination protection)', () => {
    expect(prod.stateful.terminationProtection).toBe(true);
    expect(prod.stateless.terminationProtection).toBe(false);
  });

  it('shares nothing through CloudFormation exports: the stateless stack finds the stateful resources by name', () => {
    for (const template of [stateful, stateless, prodStateful, prodStateless]) {
      const json = template.toJSON();
      for (const output of Object.values<{ Export?: unknown }>(json.Outputs ?? {})) expect(output.Export).toBeUndefined();
      expect(JSON.stringify(json)).not.toContain('Fn::ImportValue');
    }
  });
});

describe('the stateless stack', () => {
  it('runs every function on nodejs22.x, arm64', () => {
    const functions = functionsOf(stateless);
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
    // The authorizer trusts the pool of the stateful stack, read from SSM at deploy time.
    const [authorizer] = Object.values(resources(stateless, 'AWS::ApiGatewayV2::Authorizer'));
    expect(JSON.stringify(authorizer!.Properties.JwtConfiguration)).toContain('SsmParameterValuemandatesfollowupdevuserpool');
  });

  it('throttles the API, and the link exchange and the state routes more strictly than the secretariat routes', () => {
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const [stage] = Object.values(resources(stateless, 'AWS::ApiGatewayV2::Stage'));
    const settings = stage!.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const stricter = (key: string) => {
      expect(settings[key], key).toBeDefined();
      expect(settings[key]!.ThrottlingRateLimit).toBeLessThan(DEFAULT_THROTTLE.rateLimit);
      expect(settings[key]!.ThrottlingBurstLimit).toBeLessThan(DEFAULT_THROTTLE.burstLimit);
    };
    stricter('GET /respond/{token}');
    for (const route of routes.filter((r) => r.path.startsWith('/api/assignment'))) stricter(`${route.method} ${route.path}`);
    expect(settings['GET /respond/{token}']!.ThrottlingRateLimit).toBeLessThan(settings['GET /api/assignment']!.ThrottlingRateLimit);
    for (const route of routes.filter((r) => r.access === 'secretariat')) expect(settings[`${route.method} ${route.path}`]).toBeUndefined();
    // Route settings name existing routes: the stage waits for them.
    const routeIds = Object.entries(resources(stateless, 'AWS::ApiGatewayV2::Route'))
      .filter(([, r]) => routeThrottle(routes.find((x) => `${x.method} ${x.path}` === r.Properties.RouteKey)!))
      .map(([id]) => id);
    expect(stage!.DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it('writes access logs in JSON with HTTP API variables only, and never the path (it holds link tokens)', () => {
    const [stage] = Object.values(resources(stateless, 'AWS::ApiGatewayV2::Stage'));
    const format = stage!.Properties.AccessLogSettings.Format as string;
    expect(JSON.parse(format)).toEqual(ACCESS_LOG_FIELDS);
    for (const variable of ['$context.requestId', '$context.routeKey', '$context.status', '$context.integrationErrorMessage']) {
      expect(format).toContain(variable);
    }
    expect(format).not.toContain('$context.resourcePath');
    expect(format).not.toContain('$context.path');
  });

  it('lets the console sign in through the user pool client, with Secure cookies everywhere', () => {
    const functions = functionsOf(stateless);
    const consoleFn = functions.find((fn) => fn.Properties.Description === 'functions/console')!;
    expect(JSON.stringify(consoleFn.Properties.Environment.Variables.COGNITO_CLIENT_ID)).toContain('userpoolclientid');
    for (const fn of functions) expect(fn.Properties.Environment.Variables.SECURE_COOKIES).toBe('true');
  });

  it('grants no wildcard action', () => {
    for (const policy of Object.values(stateless.findResources('AWS::IAM::Policy'))) {
      for (const statement of policy.Properties.PolicyDocument.Statement) {
        const actions = [statement.Action].flat();
        for (const action of actions) expect(action).not.toMatch(/^\*$|:\*$/);
      }
    }
  });

  it('names "*" as a resource in the X-Ray statement only (the one the acknowledgement covers)', () => {
    for (const policy of Object.values(resources(stateless, 'AWS::IAM::Policy'))) {
      for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
        if ([statement.Resource].flat().includes('*'))
          expect(actionsOf(statement).sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      }
    }
  });

  it('gives no function an AWS managed policy: each writes its own log group only', () => {
    for (const role of Object.values(resources(stateless, 'AWS::IAM::Role'))) {
      if (JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('lambda.amazonaws.com'))
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
    for (const fn of routes.map((r) => r.fn)) {
      const logs = statementsOf(stateless, fn).find((s) => actionsOf(s).includes('logs:PutLogEvents'));
      expect(logs?.Resource, fn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] });
    }
  });

  it('gives each function only the DynamoDB actions of its row in tableNeeds, and never Scan', () => {
    const functions = functionsOf(stateless).map((f) => String(f.Properties.Description).replace('functions/', ''));
    expect(Object.keys(tableNeeds).sort()).toEqual([...new Set(functions)].sort());
    for (const fn of functions) {
      const granted = statementsOf(stateless, fn)
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('dynamodb:'));
      expect(new Set(granted), fn).toEqual(new Set(tableNeeds[fn]!.actions.map((a) => `dynamodb:${a}`)));
      expect(granted, fn).not.toContain('dynamodb:Scan');
    }
  });

  it('lets no public-facing function Scan or delete, except the console its own sessions and the pages it replaces', () => {
    const publicFacing = [...new Set(routes.filter((r) => r.access !== 'secretariat').map((r) => r.fn))];
    expect(publicFacing.sort()).toEqual(['assignment', 'console', 'health', 'respond-page']);
    for (const fn of publicFacing) {
      for (const statement of statementsOf(stateless, fn)) {
        const actions = actionsOf(statement);
        expect(actions, fn).not.toContain('dynamodb:Scan');
        if (!actions.includes('dynamodb:DeleteItem')) continue;
        expect(fn).toBe('console');
        expect(actions).toEqual(['dynamodb:DeleteItem']);
        expect(statement.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [CONSOLE_SESSIONS, MANDATE_PAGES] } });
      }
    }
  });

  it('names in the LeadingKeys conditions the partition keys the stores really delete under', async () => {
    const deleted: string[] = [];
    const db = {
      send: async (command: { input: { Key?: { pk: string }; TransactItems?: { Delete?: { Key: { pk: string } } }[] } }) => {
        if (command.constructor.name === 'DeleteCommand') deleted.push(command.input.Key!.pk);
        return {};
      },
    } as never;
    await dynamoSessionStore(db, 't').deleteConsoleSession('a'.repeat(64));
    await dynamoMandateStore(db, 't').savePages?.([], ['some-page']);
    expect(deleted).toHaveLength(2);
    const like = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    for (const pk of deleted)
      expect(
        [CONSOLE_SESSIONS, MANDATE_PAGES].some((p) => like(p).test(pk)),
        pk,
      ).toBe(true);
  });

  it('runs every scheduled job through EventBridge Scheduler with the scheduled time, retries and a dead-letter queue', () => {
    const found = Object.values(stateless.findResources('AWS::Scheduler::Schedule'));
    expect(found).toHaveLength(schedules.length);
    for (const schedule of found) {
      expect(schedule.Properties.ScheduleExpression).toMatch(/^rate\(\d+ (minutes|hours?)\)$/);
      expect(schedule.Properties.Target.Input).toContain('<aws.scheduler.scheduled-time>');
      expect(schedule.Properties.Target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 2 });
      expect(schedule.Properties.Target.DeadLetterConfig.Arn).toBeDefined();
    }
  });

  it('runs every job one at a time (reserved concurrency 1), the export job too, which only the exports function may start', () => {
    const jobs = [...schedules.map((s) => s.fn), 'export-job'];
    for (const fn of jobs) {
      const found = functionsOf(stateless).find((f) => f.Properties.Description === `functions/${fn}`);
      expect(found?.Properties.ReservedConcurrentExecutions, fn).toBe(1);
    }
    const exportJob = functionsOf(stateless).find((f) => f.Properties.Description === 'functions/export-job')!;
    expect(exportJob.Properties).toMatchObject({ Timeout: 900, FunctionName: 'mandates-followup-dev-export-job' });
    expect(exportJob.Properties.Environment.Variables.NODE_OPTIONS).toContain('--max-semi-space-size=2');
    expect(exportJob.Properties.Environment.Variables.NODE_OPTIONS).toContain('--max-old-space-size=256');
    const invokers = functionsOf(stateless)
      .map((f) => String(f.Properties.Description))
      .filter((d) => d.startsWith('functions/'))
      .filter((d) => statementsOf(stateless, d.slice('functions/'.length)).some((st) => actionsOf(st).includes('lambda:InvokeFunction')));
    expect(invokers).toEqual(['functions/exports']);
    const invoke = statementsOf(stateless, 'exports').find((st) => actionsOf(st).includes('lambda:InvokeFunction'))!;
    expect(JSON.stringify(invoke.Resource)).toContain(':function:mandates-followup-dev-export-job');
    const exportsFn = functionsOf(stateless).find((f) => f.Properties.Description === 'functions/exports')!;
    expect(exportsFn.Properties.Environment.Variables.EXPORT_JOB_FUNCTION).toBe('mandates-followup-dev-export-job');
  });

  it('lets only the reminder function send email, through the identity and configuration set', () => {
    const senders = Object.values(stateless.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('ses:SendEmail'),
    );
    expect(senders).toHaveLength(1);
    expect(JSON.stringify(senders[0]!.Properties.PolicyDocument)).toContain('configuration-set/mandates-followup-dev');
    const prodSender = statementsOf(prodStateless, 'reminders').filter((s) => actionsOf(s).includes('ses:SendEmail'));
    expect(prodSender).toHaveLength(1);
    expect(JSON.stringify(prodSender[0]!.Resource)).toContain(`identity/${PROD.sesDomain}`);
    // In the SES sandbox (dev), any verified recipient identity, from the sender address only.
    const sandbox = statementsOf(stateless, 'reminders').find((s) => JSON.stringify(s.Resource).includes(':identity/*'))!;
    expect(actionsOf(sandbox)).toEqual(['ses:SendEmail']);
    expect(sandbox.Condition).toEqual({ StringEquals: { 'ses:FromAddress': cdkJson.context.stages.dev.senderEmail } });
  });

  it('sends bounce and complaint events to the function that acts on them, from the stateful stack’s topic', () => {
    stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { 'Fn::Join': ['', Match.arrayWith([':mandates-followup-dev-email-events'])] },
    });
  });

  it('keeps the logical ids of what a replacement would lose: the API (its URL is in emailed links), the dead-letter queue; the user pool and its client keep theirs in the stateful stack', () => {
    const ids = (template: Template, type: string) => Object.keys(template.findResources(type));
    expect(ids(stateless, 'AWS::ApiGatewayV2::Api')).toEqual(['ApiF70053CD']);
    expect(ids(stateless, 'AWS::SQS::Queue')).toEqual(['FailedInvocationsED025904']);
    expect(ids(stateful, 'AWS::Cognito::UserPool')).toEqual(['Secretariat265B80D7']);
    expect(ids(stateful, 'AWS::Cognito::UserPoolClient')).toEqual(['SecretariatConsoleF85E295F']);
  });

  it('points the functions at a restored table with -c tableName=, leaving the stateful table as it is', () => {
    const restored = 'mandates-followup-dev-restored-20260301';
    const { stateful: kept, stateless: code } = build({ tableName: restored, ...NO_BUNDLING });
    Template.fromStack(kept).hasResourceProperties('AWS::DynamoDB::GlobalTable', { TableName: 'mandates-followup-dev' });
    const template = Template.fromStack(code);
    for (const fn of functionsOf(template)) expect(fn.Properties.Environment.Variables.TABLE_NAME).toBe(restored);
    expect(JSON.stringify(statementsOf(template, 'assignment'))).toContain(`:table/${restored}`);
  });

  it('seeds at deploy time with the seed files bundled beside the seeder', () => {
    stateless.hasResourceProperties('Custom::Seed', { seedsDigest: Match.stringLikeRegexp('^[0-9a-f]{64}$') });
    const seeder = functionsOf(stateless).find((fn) => fn.Properties.Environment?.Variables?.SEEDS_DIR === '/var/task/seeds');
    const assetPath = `asset.${String(seeder!.Properties.Code.S3Key).replace(/\.zip$/, '')}`;
    expect(existsSync(join(outdir, assetPath, 'seeds', 'summits-mandates-migration.txt'))).toBe(true);
    expect(existsSync(join(outdir, assetPath, 'index.mjs'))).toBe(true);
  });
});

describe('cdk-nag', () => {
  it('leaves no unacknowledged finding of the AwsSolutions and Serverless packs, in dev and in production', () => {
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      for (const stack of [built.stateful, built.stateless, prod.stateful, prod.stateless]) {
        expect(pack.validateScope(stack).violations.map((v) => v.ruleName)).toEqual([]);
      }
    }
  });

  it('gives a reason with every acknowledgement, and acknowledges no AWS managed policy', () => {
    const acknowledged = app.node
      .findAll()
      .flatMap((construct) => construct.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })));
    expect(acknowledged.filter((rule) => /AwsSolutions|Serverless/.test(rule.id)).length).toBeGreaterThan(10);
    for (const rule of acknowledged) expect(rule.reason.length, rule.id).toBeGreaterThan(30);
    expect(acknowledged.filter((rule) => rule.id.includes('IAM4'))).toEqual([]);
  });

  it('acknowledges X-Ray’s "*" on the functions’ role policies, not on whole functions or the stack', () => {
    const holders = app.node
      .findAll()
      .filter((c) =>
        c.node.metadata.some(
          (m) =>
            m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY &&
            Object.keys(m.data as object).some((id) => id.endsWith('AwsSolutions-IAM5[Resource::*]')),
        ),
      );
    expect(holders.length).toBe(functionsOf(stateless).length);
    for (const holder of holders) expect(holder.node.id).toBe('DefaultPolicy');
  });
});

describe('monitoring', () => {
  const alarmsOf = (template: Template) => Object.values(resources(template, 'AWS::CloudWatch::Alarm'));
  const named = (metric: string) => alarmsOf(stateless).filter((a) => a.Properties.MetricName === metric);

  it('alarms on every function’s errors and throttles (not the jobs’, throttled by design), the dead-letter queue, API 5xx and the SES bounce rate, to one topic', () => {
    const functions = functionsOf(stateless).length;
    const jobs = functionsOf(stateless).filter((f) => f.Properties.ReservedConcurrentExecutions === 1).length;
    expect(jobs).toBeGreaterThanOrEqual(3);
    expect(named('Errors')).toHaveLength(functions);
    expect(named('Throttles')).toHaveLength(functions - jobs);
    expect(named('ApproximateNumberOfMessagesVisible')).toHaveLength(1);
    expect(named('5xx')).toHaveLength(1);
    const bounce = alarmsOf(stateless).find((a) => JSON.stringify(a.Properties.Metrics ?? []).includes('ses:configuration-set'));
    expect(bounce).toBeDefined();
    const topics = new Set(alarmsOf(stateless).map((a) => JSON.stringify(a.Properties.AlarmActions)));
    expect(topics.size).toBe(1);
  });

  it('alarms on the account’s SES reputation: bounce rate from 4%, complaint rate from 0.1%', () => {
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.04,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.001,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('counts every assignment the reminder job could not handle and every email the provider refused, and alarms on each', () => {
    stateless.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "reminder failed for one assignment" }',
      MetricTransformations: [Match.objectLike({ MetricName: 'ReminderAssignmentFailures', MetricValue: '1' })],
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ReminderAssignmentFailures', Threshold: 1 });
    stateless.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: `{ $.message = "${EMAIL_REFUSED}" }`,
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'MandatesFollowup', MetricName: 'EmailsRefused', MetricValue: '1' })],
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'MandatesFollowup',
      MetricName: 'EmailsRefused',
      Threshold: 1,
      Period: 900,
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    const refused = Object.values(resources(stateless, 'AWS::Logs::MetricFilter')).find((f) =>
      String(f.Properties.FilterPattern).includes(EMAIL_REFUSED),
    )!;
    const reminders = functionsOf(stateless).find((f) => f.Properties.Description === 'functions/reminders')!;
    expect(refused.Properties.LogGroupName).toEqual(reminders.Properties.LoggingConfig.LogGroup);
  });

  it('alarms on a burst of 429s counted in the access log', () => {
    const [stage] = Object.values(resources(stateless, 'AWS::ApiGatewayV2::Stage'));
    stateless.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.status = "429" }',
      LogGroupName: { Ref: stage!.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0] },
      MetricTransformations: [Match.objectLike({ MetricName: 'ApiTooManyRequests' })],
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApiTooManyRequests', Threshold: 50, Period: 300 });
  });

  it('alarms on DynamoDB throttling of the table and on DynamoDB user errors', () => {
    const throttled = alarmsOf(stateless).find((a) => JSON.stringify(a.Properties.Metrics ?? []).includes('ThrottledRequests'));
    expect(JSON.stringify(throttled!.Properties.Metrics)).toContain('mandates-followup-dev');
    for (const operation of ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'TransactWriteItems']) {
      expect(JSON.stringify(throttled!.Properties.Metrics)).toContain(operation);
    }
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/DynamoDB', MetricName: 'UserErrors' });
  });

  it('alarms when a scheduled job’s slowest runs take more than 80% of its timeout', () => {
    const durations = named('Duration');
    // The scheduled jobs (5 minutes), and the export job (15 minutes).
    expect(durations).toHaveLength(schedules.length + 1);
    for (const alarm of durations) {
      expect(alarm.Properties.ExtendedStatistic).toBe('p99');
      expect([0.8 * 5 * 60 * 1000, 0.8 * 15 * 60 * 1000]).toContain(alarm.Properties.Threshold);
      expect(alarm.Properties.ComparisonOperator).toBe('GreaterThanThreshold');
    }
  });

  it('sends the alarms to the alarm email (required in production)', () => {
    prodStateless.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: PROD.alarmEmail });
  });

  it('logs in JSON through the Powertools logger, with a retention on every log group', () => {
    for (const fn of functionsOf(stateless)) {
      expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe('mandates-followup');
    }
    for (const group of Object.values(stateless.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('gives every asynchronous function a dead-letter queue', () => {
    const withDlq = functionsOf(stateless).filter((fn) => fn.Properties.DeadLetterConfig);
    const asyncNames = [...schedules.map((s) => `functions/${s.fn}`), 'functions/export-job', 'functions/ses-events', 'functions/seed'];
    expect(withDlq.map((fn) => fn.Properties.Description).sort()).toEqual(asyncNames.sort());
  });
});

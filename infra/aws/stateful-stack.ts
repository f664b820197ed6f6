import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { DomainName, EndpointType, SecurityPolicy } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { AccountRecovery, FeaturePlan, Mfa, StandardThreatProtectionMode, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  ARecord,
  AaaaRecord,
  CfnRecordSet,
  HostedZone,
  MxRecord,
  RecordTarget,
  TxtRecord,
  type IHostedZone,
} from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, StorageClass } from 'aws-cdk-lib/aws-s3';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  MailFromBehaviorOnMxFailure,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { DUE, TABLE } from '../../shared/store/table';
import { namesOf } from './names';
import type { StageConfig } from './stage';

/**
 * What must outlive any deployment of the code, so that the stateless stack can be destroyed and created again
 * without losing anything: the table and the buckets (data), the secretariat's user pool and its client (the
 * accounts, their passwords and MFA devices), the API's custom domain (the host name in every emailed link) and
 * the email identity, configuration set and events topic (DKIM records published in DNS, sending reputation).
 *
 * The stateless stack finds each of these by a name from names.ts, or through an SSM parameter written here,
 * never through a CloudFormation export.
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly reportsBucket: Bucket;
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly emailIdentity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  /** Bounce and complaint events of every email the system sends. */
  readonly emailEvents: Topic;
  /** The customer-managed key of the SNS topics (this stack's and the alarm topic of the stateless stack). */
  readonly notificationsKey: Key;
  readonly apiDomain?: DomainName;

  constructor(scope: Construct, id: string, props: StackProps & { config: StageConfig }) {
    super(scope, id, props);
    const { config } = props;
    const names = namesOf(config);
    const zone = config.hostedZoneId
      ? HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: config.hostedZoneId, zoneName: config.hostedZoneName })
      : undefined;
    const inZone = (name: string) => zone !== undefined && (name === config.hostedZoneName || name.endsWith(`.${config.hostedZoneName}`));

    // --- Data ---
    const string = (name: string) => ({ name, type: AttributeType.STRING });
    // `due` and `byState` carry only what their queries read (shared/store/projections.ts). A table deployed
    // before projected `due` as ALL, and DynamoDB cannot change a projection in place: `-c indexProjection=all`
    // keeps it so (the code reads the same attributes either way), and `-c withoutIndex=due` removes it for
    // the deploy that precedes the one creating it narrow (infra/docs/deploying.md, "Index projections").
    const keepDueAll = this.node.tryGetContext('indexProjection') === 'all';
    const leftOut: unknown = this.node.tryGetContext('withoutIndex');
    this.table = new TableV2(this, 'Table', {
      tableName: names.table,
      partitionKey: string(TABLE.partitionKey),
      sortKey: string(TABLE.sortKey),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: TABLE.indexes
        .filter((index) => index.name !== leftOut)
        .map((index) => ({
          indexName: index.name,
          partitionKey: string(index.partitionKey),
          sortKey: string(index.sortKey),
          ...(index.projection === 'ALL' || (keepDueAll && index.name === DUE.name)
            ? { projectionType: ProjectionType.ALL }
            : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }),
        })),
    });

    const accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.reportsBucket = new Bucket(this, 'Reports', {
      bucketName: names.reportsBucket,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'reports/',
      // The answering page PUTs evidence files straight to their signed upload links: from the custom domain,
      // else from the API's own execute-api domain (the links are signed; CORS only lets the page read the answer).
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: [config.domainName ? `https://${config.domainName}` : `https://*.execute-api.${this.region}.amazonaws.com`],
          allowedHeaders: ['content-type'],
          maxAge: 600,
        },
      ],
      lifecycleRules: [
        { noncurrentVersionExpiration: Duration.days(90) },
        { transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }] },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // --- The secretariat's sign-in: a Cognito user pool (MFA, strong passwords, no self sign-up) and the console's client ---
    // Here rather than in the stateless stack: re-creating the code must not lose the accounts. (It was in the
    // stateless stack before, so its logical id there is gone: infra/docs/deploying.md says how to upgrade.)
    this.userPool = new UserPool(this, 'Secretariat', {
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
    this.client = this.userPool.addClient('Console', {
      // The console signs in server-side (USER_PASSWORD_AUTH over TLS, then the MFA challenge); SRP for other clients.
      authFlows: { userSrp: true, userPassword: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
    });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId });
    // Generated ids: the stateless stack reads them from these parameters at deploy time.
    new StringParameter(this, 'UserPoolIdParameter', {
      parameterName: names.parameters.userPoolId,
      stringValue: this.userPool.userPoolId,
      description: 'The secretariat user pool, for the API authorizer (read by the stateless stack)',
    });
    new StringParameter(this, 'UserPoolClientIdParameter', {
      parameterName: names.parameters.userPoolClientId,
      stringValue: this.client.userPoolClientId,
      description: "The console's user pool client, for the authorizer and the console function (read by the stateless stack)",
    });

    // --- The API's custom domain: the host of every emailed link, so it outlives the API behind it ---
    if (config.domainName) {
      this.apiDomain = new DomainName(this, 'ApiDomain', {
        domainName: config.domainName,
        certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', config.certificateArn),
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new CfnOutput(this, 'ApiDomainTarget', {
        description: `DNS: ${config.domainName} as an alias (or CNAME) of this regional name`,
        value: this.apiDomain.regionalDomainName,
      });
      if (inZone(config.domainName)) {
        const target = RecordTarget.fromAlias(
          new ApiGatewayv2DomainProperties(this.apiDomain.regionalDomainName, this.apiDomain.regionalHostedZoneId),
        );
        new ARecord(this, 'ApiDomainA', { zone: zone!, recordName: config.domainName, target });
        new AaaaRecord(this, 'ApiDomainAaaa', { zone: zone!, recordName: config.domainName, target });
      }
    }

    // --- Notifications: one customer-managed key for the SNS topics ---
    // CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed key alias/aws/sns (its policy
    // cannot be changed to let cloudwatch.amazonaws.com use it), and neither can SES: this key lets both.
    this.notificationsKey = new Key(this, 'NotificationsKey', {
      alias: names.notificationsKeyAlias,
      description: 'Encrypts the SNS topics of the alarms and of the email events (CloudWatch and SES publish to them)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.notificationsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AlarmsAndEmailEventsPublishToEncryptedTopics',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com'), new ServicePrincipal('ses.amazonaws.com')],
        // What a publisher needs on an encrypted topic. Who may publish to which topic is the topics' own policies' say.
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    // --- Email: the configuration set, its event destinations, the identity ---
    this.configurationSet = new ConfigurationSet(this, 'Emails', {
      configurationSetName: names.configurationSet,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    // The AWS/SES metrics per configuration set (sends, deliveries, bounces, ...) exist only through this destination.
    this.configurationSet.addEventDestination('Metrics', {
      destination: EventDestination.cloudWatchDimensions([
        { name: 'ses:configuration-set', source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: names.configurationSet },
      ]),
      events: [
        EmailSendingEvent.SEND,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.RENDERING_FAILURE,
      ],
    });
    this.emailEvents = new Topic(this, 'EmailEvents', {
      topicName: names.emailEventsTopic,
      enforceSSL: true,
      masterKey: this.notificationsKey,
    });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.emailEvents),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    this.emailIdentity = new EmailIdentity(this, 'Sender', {
      identity: config.sesDomain ? Identity.domain(config.sesDomain) : Identity.email(config.senderEmail),
      // Every email from the identity goes through the configuration set, even one sent without naming it.
      configurationSet: this.configurationSet,
      ...(config.sesDomain ? { dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT) } : {}),
      ...(config.mailFromDomain
        ? { mailFromDomain: config.mailFromDomain, mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE }
        : {}),
    });
    if (config.sesDomain) this.publishEmailRecords(config, zone, inZone);
  }

  /** The DNS records SES needs, as outputs (to publish by hand) and, in the hosted zone when one is given, as records. */
  private publishEmailRecords(config: StageConfig, zone: IHostedZone | undefined, inZone: (name: string) => boolean) {
    this.emailIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, {
        description: `DNS for Easy DKIM of ${config.sesDomain}: name CNAME value`,
        value: Fn.join(' ', [record.name, 'CNAME', record.value]),
      });
      if (inZone(config.sesDomain)) {
        new CfnRecordSet(this, `DkimCname${i + 1}`, {
          hostedZoneId: zone!.hostedZoneId,
          name: record.name,
          type: 'CNAME',
          resourceRecords: [record.value],
          ttl: '1800',
        });
      }
    });
    if (!config.mailFromDomain) return;
    const mx = `10 feedback-smtp.${this.region}.amazonses.com`;
    const spf = 'v=spf1 include:amazonses.com ~all';
    new CfnOutput(this, 'MailFromMxRecord', {
      description: 'DNS for the custom MAIL FROM domain: name MX value',
      value: Fn.join(' ', [config.mailFromDomain, 'MX', mx]),
    });
    new CfnOutput(this, 'MailFromSpfRecord', {
      description: 'DNS for the custom MAIL FROM domain: name TXT value',
      value: `${config.mailFromDomain} TXT "${spf}"`,
    });
    if (inZone(config.mailFromDomain)) {
      new MxRecord(this, 'MailFromMx', {
        zone: zone!,
        recordName: config.mailFromDomain,
        values: [{ priority: 10, hostName: `feedback-smtp.${this.region}.amazonses.com` }],
      });
      new TxtRecord(this, 'MailFromSpf', { zone: zone!, recordName: config.mailFromDomain, values: [spf] });
    }
  }
}

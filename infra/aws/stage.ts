import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';

/**
 * A setting that stops synthesis. Its message is one line that says what to pass: `cdk synth` prints it
 * alone (app.ts), with no stack trace.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Per-environment settings. cdk.json holds only safe defaults per stage (`context.stages.<stage>`); everything
 * that names a real address, domain or certificate comes on the command line, and wins over the defaults:
 *
 *   cdk deploy --all -c stage=prod -c senderEmail=… -c sesDomain=… -c mailFromDomain=… \
 *     -c domainName=… -c certificateArn=… -c alarmEmail=… [-c hostedZoneId=… -c hostedZoneName=…] [-c tableName=…]
 */
export interface StageConfig {
  stage: string;
  /** A production stage: every setting must be real (no placeholder), and alarms must reach someone. */
  production: boolean;
  /** The address emails come from. */
  senderEmail: string;
  /** A domain verified in SES with Easy DKIM; empty verifies the sender address alone (dev only). */
  sesDomain: string;
  /** A subdomain of sesDomain used as MAIL FROM (bounces go there, SPF aligns); empty: amazonses.com. */
  mailFromDomain: string;
  /** The API's custom domain (links in emails use it); empty: the execute-api URL. */
  domainName: string;
  /** An ACM certificate for domainName, in the stacks' region. */
  certificateArn: string;
  /** A Route 53 public hosted zone (both or neither) in which to create the DNS records; empty: outputs only. */
  hostedZoneId: string;
  hostedZoneName: string;
  /** The secretariat's contact address, shown on every page and used as Reply-To on every email. Empty: senderEmail. */
  contactEmail: string;
  /** Who gets the alarms (an SNS email subscription, to be confirmed). Required in production. */
  alarmEmail: string;
  /**
   * The table the functions use, imported by name. Empty: the stateful stack's table. After a point-in-time
   * restore: the restored table's name (infra/docs/runbooks.md).
   */
  tableName: string;
  /**
   * The SES account is still in the sandbox: SES then also checks the sender's permission on each recipient's
   * (verified) identity, so the reminder job may send to any identity of the account, from senderEmail only.
   * True in dev (cdk.json); in production only until AWS grants production access (runbooks.md).
   */
  sesSandbox: boolean;
  /** Emails per second at most: the SES account's send rate. */
  maxSendRate: number;
  logRetentionDays: number;
}

const TEXT_SETTINGS = [
  'senderEmail',
  'sesDomain',
  'mailFromDomain',
  'domainName',
  'certificateArn',
  'hostedZoneId',
  'hostedZoneName',
  'alarmEmail',
  'contactEmail',
  'tableName',
] as const;

/** Domains reserved for examples and tests (RFC 2606, RFC 6761): an address there reaches no one. */
const PLACEHOLDER_DOMAINS = ['example.org', 'example.com', 'example.net'];
const PLACEHOLDER_TLDS = ['test', 'invalid', 'example', 'localhost'];

export function isPlaceholderDomain(domain: string): boolean {
  const name = domain.trim().toLowerCase().replace(/\.$/, '');
  if (name === 'localhost') return true;
  if (PLACEHOLDER_DOMAINS.some((p) => name === p || name.endsWith(`.${p}`))) return true;
  return PLACEHOLDER_TLDS.includes(name.split('.').pop() ?? '');
}

const EMAIL = /^[^\s@]+@([a-z0-9-]+\.)+[a-z0-9-]+$/i;
const DOMAIN = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$/i;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
const RETENTIONS = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
const within = (name: string, domain: string) =>
  name.toLowerCase() === domain.toLowerCase() || name.toLowerCase().endsWith(`.${domain.toLowerCase()}`);

/** Reads the stage's settings: the command line (`-c key=value`) over `context.stages.<stage>` in cdk.json. Throws ConfigError. */
export function stageConfig(node: Node): StageConfig {
  const stage = String(node.tryGetContext('stage') ?? 'dev');
  const stages = node.tryGetContext('stages') as Record<string, Record<string, unknown>> | undefined;
  const defaults = stages?.[stage];
  if (!defaults) throw new ConfigError(`No settings for stage "${stage}" under context.stages in cdk.json`);
  const setting = (key: string): unknown => node.tryGetContext(key) ?? defaults[key];
  const text = (key: string) => String(setting(key) ?? '').trim();
  const fail = (message: string): never => {
    throw new ConfigError(`stage ${stage}: ${message}`);
  };

  const production = setting('production') === true || setting('production') === 'true' || stage === 'prod';
  const config = {
    stage,
    production,
    ...(Object.fromEntries(TEXT_SETTINGS.map((key) => [key, text(key)])) as Record<(typeof TEXT_SETTINGS)[number], string>),
    sesSandbox: setting('sesSandbox') === true || setting('sesSandbox') === 'true',
    maxSendRate: Number(setting('maxSendRate')),
    logRetentionDays: Number(setting('logRetentionDays')),
  };

  if (!(config.maxSendRate > 0)) fail(`maxSendRate must be a positive number (emails per second), got "${setting('maxSendRate')}"`);
  if (!RETENTIONS.includes(config.logRetentionDays)) {
    fail(`logRetentionDays must be one of CloudWatch's retentions (${RETENTIONS.join(', ')}), got "${setting('logRetentionDays')}"`);
  }
  if (!config.senderEmail) fail('senderEmail is required: -c senderEmail=followup@your-domain');
  if (!EMAIL.test(config.senderEmail)) fail(`senderEmail "${config.senderEmail}" is not an email address`);
  if (config.contactEmail && !EMAIL.test(config.contactEmail)) fail(`contactEmail "${config.contactEmail}" is not an email address`);
  config.contactEmail ||= config.senderEmail;
  if (config.alarmEmail && !EMAIL.test(config.alarmEmail)) fail(`alarmEmail "${config.alarmEmail}" is not an email address`);
  for (const key of ['sesDomain', 'mailFromDomain', 'domainName', 'hostedZoneName'] as const) {
    if (config[key] && !DOMAIN.test(config[key])) fail(`${key} "${config[key]}" is not a domain name`);
  }
  if (production) {
    if (!config.alarmEmail) fail('alarmEmail is required in production (who gets the alarms): -c alarmEmail=operations@your-domain');
    const placeholders = [
      ['senderEmail', config.senderEmail ? domainOf(config.senderEmail) : ''],
      ['alarmEmail', config.alarmEmail ? domainOf(config.alarmEmail) : ''],
      ['contactEmail', domainOf(config.contactEmail)],
      ['sesDomain', config.sesDomain],
      ['mailFromDomain', config.mailFromDomain],
      ['domainName', config.domainName],
    ] as const;
    for (const [key, domain] of placeholders) {
      if (domain && isPlaceholderDomain(domain))
        fail(`${key} "${config[key]}" is a placeholder (${domain} reaches no one): pass the real one with -c ${key}=…`);
    }
    if (!config.sesDomain) fail('sesDomain is required in production (a domain identity signed with DKIM): -c sesDomain=your-domain');
  }
  if (config.sesDomain && !within(domainOf(config.senderEmail), config.sesDomain)) {
    fail(`senderEmail "${config.senderEmail}" is not at sesDomain "${config.sesDomain}": SES sends only from a verified identity`);
  }
  if (config.mailFromDomain && !config.sesDomain) fail('mailFromDomain needs sesDomain: it is a subdomain of the verified domain');
  if (config.mailFromDomain && (!within(config.mailFromDomain, config.sesDomain) || config.mailFromDomain === config.sesDomain)) {
    fail(
      `mailFromDomain "${config.mailFromDomain}" must be a subdomain of sesDomain "${config.sesDomain}" (bounce.${config.sesDomain}, say)`,
    );
  }
  if (Boolean(config.domainName) !== Boolean(config.certificateArn)) {
    fail('domainName and certificateArn go together: -c domainName=followup.your-domain -c certificateArn=arn:aws:acm:…');
  }
  if (config.certificateArn && !CERTIFICATE_ARN.test(config.certificateArn)) {
    fail(`certificateArn "${config.certificateArn}" is not an ACM certificate ARN`);
  }
  if (Boolean(config.hostedZoneId) !== Boolean(config.hostedZoneName)) {
    fail('hostedZoneId and hostedZoneName go together (the zone is not looked up: synthesis stays offline)');
  }

  return config;
}

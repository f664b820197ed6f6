import { Aws } from 'aws-cdk-lib';
import type { StageConfig } from './stage';

/**
 * The names the two stacks agree on, computed here and nowhere else.
 *
 * The stateless stack finds what the stateful stack keeps by these names, or reads an SSM parameter named
 * here when the value is generated (the user pool's id). It never takes a CloudFormation export
 * (`Fn::ImportValue`, `Stack.exportValue`): an export pins the exporting resource, so the stateful stack could
 * neither replace nor remove it while the stateless stack uses it, and a deployment of one stack would wait on
 * the other. A name, or a parameter read at deploy time, ties nothing.
 */
export interface Names {
  /** The table the stateful stack owns. */
  table: string;
  /** The table the functions use: the stateful stack's, or the one named by `-c tableName=` (a restored table). */
  tableInUse: string;
  /** Bucket names are global: the account and region make this one unique. */
  reportsBucket: string;
  configurationSet: string;
  /** The SES identity that sends: the domain when one is verified, else the sender address. */
  senderIdentity: string;
  /** Bounce and complaint events, from SES to functions/ses-events. */
  emailEventsTopic: string;
  /** The customer-managed key of the SNS topics (CloudWatch and SES may use it; see the stateful stack). */
  notificationsKeyAlias: string;
  /** SSM parameters the stateful stack writes and the stateless stack reads at deploy time. */
  parameters: { userPoolId: string; userPoolClientId: string };
}

export function namesOf(config: StageConfig): Names {
  const base = `mandates-followup-${config.stage}`;
  return {
    table: base,
    tableInUse: config.tableName || base,
    reportsBucket: `${base}-reports-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
    configurationSet: base,
    senderIdentity: config.sesDomain || config.senderEmail,
    emailEventsTopic: `${base}-email-events`,
    notificationsKeyAlias: `alias/${base}-notifications`,
    parameters: {
      userPoolId: `/mandates-followup/${config.stage}/user-pool-id`,
      userPoolClientId: `/mandates-followup/${config.stage}/user-pool-client-id`,
    },
  };
}

/** The base URL of the links in emails: the custom domain when there is one, else the API's own endpoint. */
export function publicUrlOf(config: StageConfig, apiEndpoint: string): string {
  return config.domainName ? `https://${config.domainName}` : apiEndpoint;
}

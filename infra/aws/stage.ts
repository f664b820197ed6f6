import type { Node } from 'constructs';

/** Per-environment settings, from CDK context: `cdk deploy -c stage=prod`. */
export interface StageConfig {
  stage: string;
  senderEmail: string;
  /** A domain to verify for sending (DKIM); empty verifies the sender address alone. */
  sesDomain: string;
  /** Emails per second at most: the SES account's send rate. */
  maxSendRate: number;
  alarmEmail: string;
  logRetentionDays: number;
}

export function stageConfig(node: Node): StageConfig {
  const stage = String(node.tryGetContext('stage') ?? 'dev');
  const stages = node.tryGetContext('stages') as Record<string, Omit<StageConfig, 'stage'>> | undefined;
  const settings = stages?.[stage];
  if (!settings) throw new Error(`No settings for stage "${stage}" under context.stages in cdk.json`);
  for (const key of ['senderEmail', 'logRetentionDays', 'maxSendRate'] as const) {
    if (settings[key] === undefined || settings[key] === '') throw new Error(`context.stages.${stage}.${key} is required`);
  }
  return { stage, ...settings };
}

import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ConfigurationSet, EmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AppFunction } from '../app-function';
import type { StageConfig } from '../stage';
import { Concern } from './concern';
import type { Data } from './data';

export interface EmailProps {
  config: StageConfig;
  data: Data;
  emailIdentity: EmailIdentity;
  configurationSet: ConfigurationSet;
  /** Bounce and complaint events of every email the system sends. */
  emailEvents: Topic;
  /** The only functions that may send email, through the identity and the configuration set. */
  senders: IFunction[];
  deadLetterQueue: IQueue;
}

/** SES on the side of the code: who may send, and the function that acts on bounces and complaints. */
export class Email extends Concern {
  /** functions/ses-events, subscribed to the email events. */
  readonly events: AppFunction;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    for (const sender of props.senders) {
      sender.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [
            stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.emailIdentity.emailIdentityName }),
            stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSet.configurationSetName }),
          ],
        }),
      );
    }

    this.events = new AppFunction(this, 'SesEvents', {
      fn: 'ses-events',
      environment: props.data.environment,
      logRetentionDays: props.config.logRetentionDays,
      deadLetterQueue: props.deadLetterQueue,
    });
    props.data.grant('ses-events', this.events);
    props.emailEvents.addSubscription(new LambdaSubscription(this.events, { deadLetterQueue: props.deadLetterQueue }));
  }
}

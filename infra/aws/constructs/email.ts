import { Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AppFunction } from '../app-function';
import type { Names } from '../names';
import type { StageConfig } from '../stage';
import { Concern } from './concern';
import { shown, type Data } from './data';

export interface EmailProps {
  config: StageConfig;
  data: Data;
  /** The identity, configuration set and events topic of the stateful stack, by name. */
  names: Pick<Names, 'senderIdentity' | 'configurationSet' | 'emailEventsTopic'>;
  /** The only functions that may send email, through the identity and the configuration set. */
  senders: AppFunction[];
  deadLetterQueue: IQueue;
}

/** SES on the side of the code: who may send, and the function that acts on bounces and complaints. */
export class Email extends Concern {
  /** functions/ses-events, subscribed to the email events. */
  readonly events: AppFunction;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { names } = props;
    for (const sender of props.senders) {
      sender.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [
            stack.formatArn({ service: 'ses', resource: 'identity', resourceName: names.senderIdentity }),
            stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: names.configurationSet }),
          ],
        }),
      );
      if (props.config.sesSandbox) {
        // In the sandbox SES also authorises the send against each recipient's identity (verified in the account).
        sender.addToRolePolicy(
          new PolicyStatement({
            actions: ['ses:SendEmail'],
            resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
            conditions: { StringEquals: { 'ses:FromAddress': props.config.senderEmail } },
          }),
        );
        Validations.of(sender.serviceRole).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:${shown(stack.region, 'AWS::Region')}:${shown(stack.account, 'AWS::AccountId')}:identity/*]`,
          reason:
            'SES sandbox only (-c sesSandbox): SES checks the permission on each verified recipient identity too; the condition ses:FromAddress keeps the sender to senderEmail',
        });
      }
    }

    this.events = new AppFunction(this, 'SesEvents', {
      fn: 'ses-events',
      environment: props.data.environment,
      logRetentionDays: props.config.logRetentionDays,
      deadLetterQueue: props.deadLetterQueue,
    });
    props.data.grant('ses-events', this.events);
    // The topic of the stateful stack, by its ARN (made of its name): the subscription is the code's.
    const emailEvents = Topic.fromTopicArn(this, 'EmailEvents', stack.formatArn({ service: 'sns', resource: names.emailEventsTopic }));
    emailEvents.addSubscription(new LambdaSubscription(this.events, { deadLetterQueue: props.deadLetterQueue }));
  }
}

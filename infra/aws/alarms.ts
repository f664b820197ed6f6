import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ASSIGNMENT_FAILED } from '../../shared/log-messages';

export interface AlarmsProps {
  alarmEmail: string;
  functions: LambdaFunction[];
  deadLetterQueue: Queue;
  api: HttpApi;
  configurationSet: ConfigurationSet;
  /** The reminder job: an assignment it could not handle is logged as an error and counted here. */
  reminders: LambdaFunction;
}

/**
 * What wakes someone up, sent to one SNS topic (with an email subscription when the stage names one):
 * function errors and throttles, anything in the dead-letter queue, API 5xx, and an SES bounce rate
 * near the level at which AWS reviews an account (5%).
 */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const notify = new SnsAction(this.topic);
    const alarm = (name: string, make: () => Alarm) => {
      const created = make();
      created.addAlarmAction(notify);
      return created;
    };

    for (const fn of props.functions) {
      const name = fn.node.id;
      alarm(name, () =>
        fn.metricErrors({ period: Duration.minutes(5) }).createAlarm(this, `${name}Errors`, {
          alarmDescription: `${name}: errors`,
          threshold: 1,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
      alarm(name, () =>
        fn.metricThrottles({ period: Duration.minutes(5) }).createAlarm(this, `${name}Throttles`, {
          alarmDescription: `${name}: throttled invocations`,
          threshold: 1,
          evaluationPeriods: 1,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    alarm('dlq', () =>
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }).createAlarm(this, 'DeadLetters', {
        alarmDescription: 'Failed asynchronous invocations are waiting in the dead-letter queue',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    alarm('api', () =>
      props.api.metricServerError({ period: Duration.minutes(5) }).createAlarm(this, 'Api5xx', {
        alarmDescription: 'The API answered with server errors',
        threshold: 5,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    // One state's failure never stops the job (it is retried on the next run), but someone must look at it.
    const failures = new MetricFilter(this, 'ReminderAssignmentFailures', {
      logGroup: props.reminders.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', ASSIGNMENT_FAILED),
      metricNamespace: 'MandatesFollowup',
      metricName: 'ReminderAssignmentFailures',
      metricValue: '1',
    });
    alarm('reminder-failures', () =>
      failures.metric({ statistic: 'Sum', period: Duration.minutes(15) }).createAlarm(this, 'ReminderAssignmentFailed', {
        alarmDescription:
          'The reminder job could not handle an assignment (it stays due and is retried on the next run); see the reminders log',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
    const bounceRate = new MathExpression({
      expression: 'IF(sent > 0, 100 * bounces / sent, 0)',
      usingMetrics: {
        bounces: sesMetric('Bounce', props.configurationSet),
        sent: sesMetric('Send', props.configurationSet),
      },
      period: Duration.hours(1),
      label: 'Bounce rate (%)',
    });
    alarm('bounces', () =>
      bounceRate.createAlarm(this, 'BounceRate', {
        alarmDescription: 'The SES bounce rate is above 3% (AWS reviews accounts at 5%)',
        threshold: 3,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}

function sesMetric(name: string, configurationSet: ConfigurationSet) {
  return new Metric({
    namespace: 'AWS/SES',
    metricName: name,
    dimensionsMap: { 'ses:configuration-set': configurationSet.configurationSetName },
    statistic: 'Sum',
    period: Duration.hours(1),
  });
}

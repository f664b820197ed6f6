import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ASSIGNMENT_FAILED, EMAIL_REFUSED } from '../../shared/log-messages';

export interface AlarmsProps {
  alarmEmail: string;
  functions: LambdaFunction[];
  /** The scheduled jobs: each alarms when its slowest runs come near its timeout. */
  jobs: LambdaFunction[];
  deadLetterQueue: Queue;
  api: HttpApi;
  /** The API's access log: 429s are counted there (API Gateway's 4xx metric does not tell them apart). */
  apiAccessLogs: ILogGroup;
  /** The table the functions use. */
  table: ITableV2;
  /** The SES configuration set of the stateful stack, by name. */
  configurationSetName: string;
  /** The alias of the stateful stack's key for SNS topics, by name. */
  notificationsKeyAlias: string;
  /** The reminder job: what it could not handle or could not send is logged and counted here. */
  reminders: LambdaFunction;
}

/** A namespace of our own for the metrics the log filters make. */
export const METRIC_NAMESPACE = 'MandatesFollowup';
/** A slow job: its p99 duration above this share of its timeout. */
export const NEAR_TIMEOUT = 0.8;

/**
 * What wakes someone up, sent to one SNS topic (encrypted with the stateful stack's key; alarmEmail subscribed):
 * - every function's errors and throttles, and the jobs' runs near their timeout;
 * - anything in the dead-letter queue;
 * - the API's 5xx (our faults: handlers answer 4xx for every client mistake) and a burst of 429s;
 * - DynamoDB throttling on the table, and DynamoDB user errors (an AccessDenied from a missing permission is one);
 * - the reminder job: an assignment it could not handle, an email the provider refused;
 * - SES: the account's reputation (bounce and complaint rates, as AWS measures them) and this system's bounce rate.
 */
export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      enforceSSL: true,
      // A customer-managed key: CloudWatch may use it to publish (it may not use alias/aws/sns).
      masterKey: Alias.fromAliasName(this, 'NotificationsKey', props.notificationsKeyAlias),
    });
    // CloudWatch publishes as its service principal: allowed here for this account's alarms only (the topic
    // policy also refuses plain HTTP), and by the key's policy to encrypt what it publishes.
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (props.alarmEmail) {
      const subscription = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An email subscription: what it could not deliver would be an alarm, and a queue of undelivered alarms would need an alarm of its own sent through this same topic; the alarm state stays in CloudWatch',
      });
    }
    const notify = new SnsAction(this.topic);
    const alarm = (metric: IMetric, alarmId: string, options: { description: string; threshold: number; strictlyAbove?: boolean }) => {
      const created = new Alarm(this, alarmId, {
        metric,
        alarmDescription: options.description,
        threshold: options.threshold,
        evaluationPeriods: 1,
        comparisonOperator: options.strictlyAbove
          ? ComparisonOperator.GREATER_THAN_THRESHOLD
          : ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(notify);
      return created;
    };
    const fiveMinutes = Duration.minutes(5);

    for (const fn of props.functions) {
      const name = fn.node.id;
      alarm(fn.metricErrors({ period: fiveMinutes }), `${name}Errors`, { description: `${name}: errors`, threshold: 1 });
      // A job runs one at a time (reserved concurrency 1): a second invocation is throttled and Lambda retries it
      // later, by design. What matters there is a run near its timeout, or one that ends in the dead-letter queue.
      if (props.jobs.includes(fn)) continue;
      alarm(fn.metricThrottles({ period: fiveMinutes }), `${name}Throttles`, {
        description: `${name}: throttled invocations`,
        threshold: 1,
      });
    }
    for (const job of props.jobs) {
      const timeout = job.timeout ?? Duration.seconds(3);
      alarm(job.metricDuration({ statistic: 'p99', period: Duration.minutes(15) }), `${job.node.id}NearTimeout`, {
        description: `${job.node.id}: runs take more than ${NEAR_TIMEOUT * 100}% of the ${timeout.toHumanString()} timeout (p99 over 15 minutes)`,
        threshold: timeout.toMilliseconds() * NEAR_TIMEOUT,
        strictlyAbove: true,
      });
    }
    alarm(props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes }), 'DeadLetters', {
      description: 'Failed asynchronous invocations are waiting in the dead-letter queue',
      threshold: 1,
    });

    // --- The API ---
    alarm(props.api.metricServerError({ period: fiveMinutes }), 'Api5xx', {
      description: 'The API answered with server errors',
      threshold: 5,
    });
    const tooMany = new MetricFilter(this, 'ApiTooManyRequests', {
      logGroup: props.apiAccessLogs,
      filterPattern: FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: METRIC_NAMESPACE,
      metricName: 'ApiTooManyRequests',
      metricValue: '1',
    });
    alarm(tooMany.metric({ statistic: 'Sum', period: fiveMinutes }), 'Api429', {
      description:
        'The API answered 429 at least 50 times in 5 minutes: a throttle (stage or route) or the link and sign-in limits; see the access log by routeKey and ip',
      threshold: 50,
    });

    // --- DynamoDB ---
    const operations = [
      Operation.GET_ITEM,
      Operation.QUERY,
      Operation.PUT_ITEM,
      Operation.UPDATE_ITEM,
      Operation.DELETE_ITEM,
      Operation.BATCH_WRITE_ITEM,
      Operation.TRANSACT_WRITE_ITEMS,
    ];
    alarm(props.table.metricThrottledRequestsForOperations({ operations, period: fiveMinutes }), 'TableThrottled', {
      description: 'DynamoDB throttled requests on the table (ThrottledRequests, every operation the functions use)',
      threshold: 1,
    });
    alarm(props.table.metricUserErrors({ period: fiveMinutes }), 'DynamoUserErrors', {
      description:
        'DynamoDB answered 400 to requests of this account and region (UserErrors, all tables): a missing permission (AccessDenied), a malformed request; see the functions\u2019 logs',
      threshold: 5,
    });

    // --- The reminder job: its log lines, counted (shared/log-messages.ts) ---
    // One state's failure never stops the job (it is retried on the next run), but someone must look at it.
    const failures = this.countLogLine(props.reminders, 'ReminderAssignmentFailures', ASSIGNMENT_FAILED);
    alarm(failures.metric({ statistic: 'Sum', period: Duration.minutes(15) }), 'ReminderAssignmentFailed', {
      description: 'The reminder job could not handle an assignment (it stays due and is retried on the next run); see the reminders log',
      threshold: 1,
    });
    const refused = this.countLogLine(props.reminders, 'EmailsRefused', EMAIL_REFUSED);
    alarm(refused.metric({ statistic: 'Sum', period: Duration.minutes(15) }), 'EmailRefused', {
      description: `SES refused to send an email ("${EMAIL_REFUSED}" in the reminders log, with cycleId, stateCode and reason): sandbox, unverified sender, suppressed address or paused sending`,
      threshold: 1,
    });

    // --- SES ---
    // The account's reputation as AWS computes it (over a representative volume): AWS warns at a 5% bounce rate
    // and a 0.1% complaint rate, and may pause sending beyond. We want to hear before the warning.
    alarm(sesReputation('Reputation.BounceRate'), 'SesReputationBounceRate', {
      description: 'The SES account bounce rate reached 4% (AWS warns at 5% and reviews the account at 10%)',
      threshold: 0.04,
    });
    alarm(sesReputation('Reputation.ComplaintRate'), 'SesReputationComplaintRate', {
      description: 'The SES account complaint rate reached 0.1% (AWS warns at 0.1% and reviews the account at 0.5%)',
      threshold: 0.001,
    });
    // This system's own emails, hour by hour (the metrics of the configuration set's CloudWatch destination).
    const bounceRate = new MathExpression({
      expression: 'IF(sent > 0, 100 * bounces / sent, 0)',
      usingMetrics: {
        bounces: sesMetric('Bounce', props.configurationSetName),
        sent: sesMetric('Send', props.configurationSetName),
      },
      period: Duration.hours(1),
      label: 'Bounce rate (%)',
    });
    alarm(bounceRate, 'BounceRate', {
      description: 'Over 3% of the emails sent in an hour bounced (see the cycle status for undeliverable addresses)',
      threshold: 3,
    });
  }

  /** Counts the lines of a function's JSON log whose message is exactly `message`. */
  private countLogLine(fn: LambdaFunction, metricName: string, message: string) {
    return new MetricFilter(this, metricName, {
      logGroup: fn.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', message),
      metricNamespace: METRIC_NAMESPACE,
      metricName,
      metricValue: '1',
    });
  }
}

function sesReputation(name: string) {
  return new Metric({ namespace: 'AWS/SES', metricName: name, statistic: 'Maximum', period: Duration.hours(1) });
}

function sesMetric(name: string, configurationSetName: string) {
  return new Metric({
    namespace: 'AWS/SES',
    metricName: name,
    dimensionsMap: { 'ses:configuration-set': configurationSetName },
    statistic: 'Sum',
    period: Duration.hours(1),
  });
}

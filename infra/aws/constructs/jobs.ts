import { Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { schedules } from '../../../shared/schedules';
import { AppFunction, fnId } from '../app-function';
import type { StageConfig } from '../stage';
import { Concern } from './concern';
import type { Data } from './data';

/** Every job runs one at a time: two runs of one job never overlap, and a job never takes the API's concurrency. */
export const JOB_CONCURRENCY = 1;

/**
 * The export job's function name, fixed so that the API (built before the jobs) can be told it and allowed to invoke
 * it without a reference between the two constructs.
 */
export const exportJobName = (config: Pick<StageConfig, 'stage'>) => `mandates-followup-${config.stage}-export-job`;

/**
 * The export job's Node.js flags: a young generation of 2 MB semi-spaces (the default is 16 MB) makes V8 collect the
 * short-lived rows as they go instead of letting the heap grow; an old generation capped at 256 MB (the job keeps about
 * 40 MB alive: one state's answers, two with the read-ahead, and the aggregates) makes V8 collect the rest before the
 * process grows, where its default limit, set from the machine's memory, lets garbage pile up to twice as much RSS.
 * tests/bench/export.ts runs the job with the same flags.
 */
export const EXPORT_JOB_NODE_OPTIONS = '--enable-source-maps --max-semi-space-size=2 --max-old-space-size=256';

export interface JobsProps {
  config: StageConfig;
  data: Data;
  /** The base URL of the links in emails: https://<custom domain>, or the API's endpoint. */
  publicUrl: string;
  /** The SES configuration set of the stateful stack, by name. */
  configurationSetName: string;
}

/**
 * The scheduled jobs of the schedule list, run by EventBridge Scheduler with the scheduled time, and the
 * dead-letter queue of every asynchronous invocation (schedules, functions, the email events subscription).
 */
export class Jobs extends Concern {
  /** Failed asynchronous invocations land here, and the alarms watch it. */
  readonly failures: Queue;
  /** The jobs' functions: the schedule list's in its order, then the export job. */
  readonly functions: AppFunction[] = [];
  /** Writes one export to the reports bucket, started asynchronously by POST /api/cycles/{id}/exports. */
  readonly exportJob: AppFunction;
  private readonly byFn = new Map<string, AppFunction>();

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    const { config, data } = props;
    const stack = Stack.of(this);
    this.failures = new Queue(this, 'FailedInvocations', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself the dead-letter queue of the functions, schedules and subscription; an alarm watches its depth',
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason: 'This queue is itself the dead-letter queue of the functions, schedules and subscription; an alarm watches its depth',
      },
    );
    const mailEnvironment = {
      ...data.environment,
      PUBLIC_URL: props.publicUrl,
      SENDER_EMAIL: config.senderEmail,
      SES_CONFIGURATION_SET: props.configurationSetName,
      MAX_SEND_RATE: String(config.maxSendRate),
    };
    for (const job of schedules) {
      const handler = new AppFunction(this, fnId(job.fn), {
        fn: job.fn,
        environment: mailEnvironment,
        logRetentionDays: config.logRetentionDays,
        // A run sends at most a few hundred emails at the SES rate; overlapping runs are safe anyway.
        timeout: Duration.minutes(5),
        // One run at a time: a run that is still going when the next is due makes the next wait (and retry), never overlap.
        reservedConcurrentExecutions: JOB_CONCURRENCY,
        // Lambda retries a failed run twice, then it lands in the dead-letter queue; runs are idempotent.
        deadLetterQueue: this.failures,
      });
      data.grant(job.fn, handler);
      new Schedule(this, `${fnId(job.name)}Schedule`, {
        description: job.description,
        schedule: ScheduleExpression.rate(Duration.minutes(job.everyMinutes)),
        target: new LambdaInvoke(handler, {
          input: ScheduleTargetInput.fromObject({ now: ContextAttribute.scheduledTime }),
          retryAttempts: 2,
          maxEventAge: Duration.minutes(30),
          deadLetterQueue: this.failures,
        }),
      });
      // The scheduler's roles are made at the level of the stack: the acknowledgement goes there too.
      Validations.of(stack).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(handler.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: `The scheduler role may invoke functions/${job.fn} and its versions (<function arn>:*), nothing else`,
      });
      this.functions.push(handler);
      this.byFn.set(job.fn, handler);
    }

    // Snapshots are streamed to the bucket like exports: a failed multipart upload is aborted.
    this.functionOf('snapshots').addToRolePolicy(
      new PolicyStatement({ actions: ['s3:AbortMultipartUpload'], resources: [data.reportsBucket.arnForObjects('snapshots/*')] }),
    );

    // The export job: 193 states × 2,000 mandates streamed to S3 in parts takes minutes, in bounded memory.
    this.exportJob = new AppFunction(this, 'ExportJob', {
      fn: 'export-job',
      functionName: exportJobName(config),
      environment: { ...data.environment, NODE_OPTIONS: EXPORT_JOB_NODE_OPTIONS },
      logRetentionDays: config.logRetentionDays,
      timeout: Duration.minutes(15),
      memorySize: 1024,
      reservedConcurrentExecutions: JOB_CONCURRENCY,
      // Asynchronous invocations: retried twice by Lambda (its default), then kept in the dead-letter queue (the record says failed).
      deadLetterQueue: this.failures,
    });
    data.grant('export-job', this.exportJob);
    // A multipart upload that fails is aborted, so that no parts are left behind.
    this.exportJob.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:AbortMultipartUpload'], resources: [data.reportsBucket.arnForObjects('exports/*')] }),
    );
    this.functions.push(this.exportJob);
  }

  /** The function of the job that runs functions/<fn>. */
  functionOf(fn: (typeof schedules)[number]['fn']): AppFunction {
    return this.byFn.get(fn)!;
  }
}

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'mandates-followup';

/**
 * The one structured logger (JSON lines with level, time, service, the Lambda context and the fields given).
 * POWERTOOLS_LOG_LEVEL sets the level: INFO on AWS, WARN locally so the console stays readable.
 */
export const logger = new Logger({ serviceName });

/** CloudWatch metrics as embedded-metric-format log lines (off locally: POWERTOOLS_METRICS_DISABLED). */
export const metrics = new Metrics({ namespace: 'MandatesFollowup', serviceName });

/** X-Ray: the handler and every AWS SDK call as segments (only inside Lambda; nothing locally). */
export const tracer = new Tracer({ serviceName });

/** An AWS SDK client whose calls show in the trace. */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client as never) as T;
}

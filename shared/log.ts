import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger (JSON lines with level, time, service and the fields given).
 * POWERTOOLS_LOG_LEVEL sets the level: INFO on AWS, WARN locally so the console stays readable.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'mandates-followup' });

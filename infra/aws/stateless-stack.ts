import { Annotations, CfnOutput, Stack, type CfnElement, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import { Alarms } from './alarms';
import { Api } from './constructs/api';
import { Auth } from './constructs/auth';
import { Concern } from './constructs/concern';
import { Data } from './constructs/data';
import { Email } from './constructs/email';
import { Jobs } from './constructs/jobs';
import { Seeder } from './constructs/seeder';
import { namesOf, publicUrlOf } from './names';
import type { StageConfig } from './stage';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
}

/**
 * The code: functions, the HTTP API built from the route table, scheduled jobs, email events, alarms, and seeding
 * at deploy time. It can be destroyed and deployed again without losing anything: what it uses of the stateful
 * stack (table, bucket, user pool, domain, email identity, topics) it finds by name or through SSM parameters
 * (names.ts), never through a CloudFormation export.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  /** The base URL of the links in emails. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const names = namesOf(config);
    const data = new Data(this, 'Data', { config, tableName: names.tableInUse, reportsBucketName: names.reportsBucket });
    const auth = new Auth(this, 'Auth', {
      userPoolIdParameter: names.parameters.userPoolId,
      userPoolClientIdParameter: names.parameters.userPoolClientId,
    });
    const api = new Api(this, 'Api', { config, data, auth });
    this.api = api.httpApi;
    this.publicUrl = publicUrlOf(config, this.api.apiEndpoint);
    if (config.production && !config.domainName) {
      Annotations.of(this).addWarning(
        'No custom domain (-c domainName, -c certificateArn): emailed links use the execute-api URL, which a new stateless stack changes',
      );
    }
    const jobs = new Jobs(this, 'Jobs', { config, data, publicUrl: this.publicUrl, configurationSetName: names.configurationSet });
    const email = new Email(this, 'Email', {
      config,
      data,
      names,
      senders: [jobs.functionOf('reminders')],
      deadLetterQueue: jobs.failures,
    });
    const seeder = new Seeder(this, 'Seeder', { config, data, deadLetterQueue: jobs.failures });

    new Alarms(this, 'Alarms', {
      alarmEmail: config.alarmEmail,
      functions: [...api.functions, ...jobs.functions, email.events, seeder.function],
      jobs: jobs.functions,
      deadLetterQueue: jobs.failures,
      api: this.api,
      apiAccessLogs: api.accessLogs,
      table: data.table,
      configurationSetName: names.configurationSet,
      notificationsKeyAlias: names.notificationsKeyAlias,
      reminders: jobs.functionOf('reminders'),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'PublicUrl', { value: this.publicUrl, description: 'The base URL of the links in emails' });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: jobs.failures.queueUrl,
      description: 'Failed asynchronous invocations (runbooks.md)',
    });
    new CfnOutput(this, 'TableInUse', {
      value: names.tableInUse,
      description: 'The table the functions use (-c tableName=… after a restore)',
    });
  }

  /**
   * Logical ids as if the concerns were not there: a resource keeps the id it had when one constructor made
   * them all. A new logical id replaces the resource: a new API URL (the links already emailed point at the old
   * one, when there is no custom domain) and a new dead-letter queue (the failed events in the old one are lost).
   */
  protected override allocateLogicalId(element: CfnElement): string {
    const scopes = element.node.scopes.filter((scope) => !(scope instanceof Concern));
    return super.allocateLogicalId({ node: { scopes }, stack: this } as unknown as CfnElement);
  }
}

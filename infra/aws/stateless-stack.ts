import { CfnOutput, Stack, type CfnElement, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ConfigurationSet, EmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { Alarms } from './alarms';
import { Api } from './constructs/api';
import { Auth } from './constructs/auth';
import { Concern } from './constructs/concern';
import { Data } from './constructs/data';
import { Email } from './constructs/email';
import { Jobs } from './constructs/jobs';
import { Seeder } from './constructs/seeder';
import type { StageConfig } from './stage';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  /** The table's name: the stateless stack imports it by name, so the two stacks share no CloudFormation export. */
  tableName: string;
  /** Imported by name, like the table: no CloudFormation export between the stacks. */
  reportsBucketName: string;
  emailIdentity: EmailIdentity;
  configurationSet: ConfigurationSet;
  emailEvents: Topic;
}

/** The code: functions, the HTTP API built from the route table, sign-in, scheduled jobs, email events, and seeding at deploy time. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, configurationSet } = props;
    const data = new Data(this, 'Data', { config, tableName: props.tableName, reportsBucketName: props.reportsBucketName });
    const auth = new Auth(this, 'Auth');
    const api = new Api(this, 'Api', { config, data, auth });
    this.api = api.httpApi;
    const jobs = new Jobs(this, 'Jobs', { config, data, publicUrl: this.api.apiEndpoint, configurationSet });
    const email = new Email(this, 'Email', {
      config,
      data,
      emailIdentity: props.emailIdentity,
      configurationSet,
      emailEvents: props.emailEvents,
      senders: [jobs.functionOf('reminders')],
      deadLetterQueue: jobs.failures,
    });
    const seeder = new Seeder(this, 'Seeder', { config, data, deadLetterQueue: jobs.failures });

    new Alarms(this, 'Alarms', {
      alarmEmail: config.alarmEmail,
      functions: [...api.functions, ...jobs.functions, email.events, seeder.function],
      deadLetterQueue: jobs.failures,
      api: this.api,
      configurationSet,
      reminders: jobs.functionOf('reminders'),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
  }

  /**
   * Logical ids as if the concerns were not there: a resource keeps the id it had when one constructor made
   * them all. A new logical id replaces the resource: a new user pool (the old one, retained, keeps the
   * secretariat's accounts) and a new API URL (the links already emailed point at the old one).
   */
  protected override allocateLogicalId(element: CfnElement): string {
    const scopes = element.node.scopes.filter((scope) => !(scope instanceof Concern));
    return super.allocateLogicalId({ node: { scopes }, stack: this } as unknown as CfnElement);
  }
}

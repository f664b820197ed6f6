import { Stack, Token, Validations } from 'aws-cdk-lib';
import { TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TABLE } from '../../../shared/store/table';
import type { StageConfig } from '../stage';
import { Concern } from './concern';

export interface DataProps {
  config: StageConfig;
  /** The table's name: the stateless stack imports it by name, so the two stacks share no CloudFormation export. */
  tableName: string;
  /** Imported by name, like the table: no CloudFormation export between the stacks. */
  reportsBucketName: string;
}

/** What each function may do with the table: least privilege, decided here for every function. */
const tableAccess: Record<string, 'describe' | 'read' | 'readwrite'> = {
  health: 'describe',
  'list-mandates': 'read',
  'list-states': 'read',
  'update-state': 'readwrite',
  'create-cycle': 'readwrite',
  'list-cycles': 'read',
  'get-cycle': 'read',
  'assignment-actions': 'readwrite',
  'open-cycles': 'readwrite',
  reminders: 'readwrite',
  'respond-page': 'readwrite',
  assignment: 'readwrite',
  'ses-events': 'readwrite',
  seed: 'readwrite',
  'cycle-report': 'read',
  'list-reports': 'read',
  trends: 'read',
  snapshots: 'readwrite',
  console: 'readwrite',
};

/** The functions that read or write report files in the bucket, and under which prefixes. */
const bucketAccess: Record<string, { read: string[]; write: string[] }> = {
  'cycle-report': { read: ['exports/*'], write: ['exports/*'] },
  'list-reports': { read: ['snapshots/*'], write: [] },
  snapshots: { read: ['snapshots/*'], write: ['snapshots/*'] },
  console: { read: ['exports/*', 'snapshots/*'], write: ['exports/*'] },
};

/** The table and the reports bucket of the stateful stack, imported by name, and every function's access to them. */
export class Data extends Concern {
  readonly table: ITableV2;
  readonly reportsBucket: IBucket;
  /** What every function is told: the table, the bucket, the stage, Secure cookies. */
  readonly environment: Record<string, string>;
  private readonly props: DataProps;

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    this.props = props;
    this.reportsBucket = Bucket.fromBucketName(this, 'Reports', props.reportsBucketName);
    this.table = TableV2.fromTableAttributes(this, 'Table', {
      tableName: props.tableName,
      globalIndexes: TABLE.indexes.map((index) => index.name),
    });
    const { table, reportsBucket } = this;
    this.environment = {
      TABLE_NAME: table.tableName,
      STAGE: props.config.stage,
      BUCKET_NAME: reportsBucket.bucketName,
      SECURE_COOKIES: 'true',
    };
  }

  /** Gives functions/<fn> its access to the table (tableAccess) and to the report files (bucketAccess). */
  grant(fn: string, handler: IFunction) {
    const { table, reportsBucket } = this;
    const stack = Stack.of(this);
    const access = tableAccess[fn];
    if (!access) throw new Error(`functions/${fn}: decide its table access in tableAccess`);
    if (access !== 'describe') {
      Validations.of(handler).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:${shown(stack.region, 'AWS::Region')}:${shown(stack.account, 'AWS::AccountId')}:table/${this.props.tableName}/index/*]`,
        reason: 'The function queries the indexes of our one table (gsi1, due); index ARNs are only expressible as <table>/index/*',
      });
    }
    const files = bucketAccess[fn];
    if (files) {
      for (const [actions, prefixes] of [
        [['s3:GetObject'], files.read],
        [['s3:PutObject'], files.write],
      ] as const) {
        if (prefixes.length === 0) continue;
        handler.addToRolePolicy(
          new PolicyStatement({ actions: [...actions], resources: prefixes.map((p) => reportsBucket.arnForObjects(p)) }),
        );
      }
      for (const prefix of new Set([...files.read, ...files.write])) {
        Validations.of(handler).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::mandates-followup-${this.props.config.stage}-reports-<AWS::AccountId>-<AWS::Region>/${prefix}]`,
          reason: 'Report files are objects under a prefix of the one reports bucket; object ARNs are only expressible with a wildcard',
        });
      }
    }
    if (access === 'read') table.grantReadData(handler);
    else if (access === 'readwrite') table.grantReadWriteData(handler);
    else handler.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }));
  }
}

/** A value as cdk-nag writes it in a finding: itself, or <Pseudo::Parameter> while unresolved. */
function shown(value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<${pseudo}>` : value;
}

import { Stack, Token, Validations } from 'aws-cdk-lib';
import { TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { keys, TABLE } from '../../../shared/store/table';
import type { AppFunction } from '../app-function';
import type { StageConfig } from '../stage';
import { Concern } from './concern';

export interface DataProps {
  config: StageConfig;
  /** The table's name: the stateless stack imports it by name, so the two stacks share no CloudFormation export. */
  tableName: string;
  /** Imported by name, like the table: no CloudFormation export between the stacks. */
  reportsBucketName: string;
}

/**
 * The DynamoDB actions the stores use (shared/store). Transactions need the action of each item they hold
 * (Put → PutItem, Update → UpdateItem, Delete → DeleteItem); there is no TransactWriteItems permission.
 * Scan is not among them: nothing scans the table (the jobs query the sparse `due` index).
 */
type TableAction = 'DescribeTable' | 'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'BatchWriteItem' | 'DeleteItem';

interface TableNeeds {
  actions: readonly TableAction[];
  /**
   * DeleteItem only on items whose partition key matches one of these (`dynamodb:LeadingKeys`): a function
   * that must delete one kind of record and may not delete anything else.
   */
  deletesOnly?: readonly string[];
  /** What it does that needs them (store methods, shared/store/*.ts). */
  why: string;
}

/**
 * The partition keys a function with `deletesOnly` deletes under (IAM StringLike patterns), from the keys of
 * shared/store/table.ts: the console's sessions (CONSOLE#<hash>) and the mandate pages (MANDATE_PAGES).
 * tests/infra/stacks.test.ts runs those stores' deletes and checks their keys against these.
 */
export const CONSOLE_SESSIONS = `${keys.consoleSession('').pk}*`;
export const MANDATE_PAGES = keys.mandatePages;

/**
 * What each function may do with the table: least privilege, decided here for every function.
 * The functions the public reaches (routes with access public, state or console) never Scan and never delete,
 * except the console, which deletes its own sessions (sign-out) and the mandate pages an import replaces, and
 * only those (LeadingKeys).
 */
export const tableNeeds: Record<string, TableNeeds> = {
  // --- public, state and console routes ---
  health: { actions: ['DescribeTable'], why: 'the readiness check describes the table' },
  'respond-page': {
    actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
    why: 'link lookup (token, assignment), the session, the failed-attempt counter (UpdateItem), the assignment marked opened with its audit entry, the portal',
  },
  assignment: {
    actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
    why: 'the session, the portal, an answer saved (Put) with the assignment counters and the cycle counts (Update) in one transaction, submission and extension requests',
  },
  console: {
    actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchWriteItem', 'DeleteItem'],
    deletesOnly: [CONSOLE_SESSIONS, MANDATE_PAGES],
    why: 'sessions (put, get, deleted at sign-out), the sign-in counter, cycles created and read, the secretariat actions, mandate pages imported (mandates in batches, pages put and replaced)',
  },
  // --- secretariat routes (JWT) ---
  'list-mandates': { actions: ['Query'], why: 'the mandates (gsi1)' },
  'import-mandates': {
    actions: ['Query', 'BatchWriteItem', 'PutItem', 'DeleteItem'],
    deletesOnly: [MANDATE_PAGES],
    why: 'the stored pages and mandates, mandates written in batches, pages put and the replaced ones deleted',
  },
  'list-states': { actions: ['Query'], why: 'the register (gsi1)' },
  'update-state': { actions: ['GetItem', 'Query', 'PutItem'], why: 'one state read and written; the register exported and imported' },
  'create-cycle': {
    actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchWriteItem'],
    why: 'mandates and states read, the cycle, its mandate chunks, audit and idempotency items put in one transaction; a cycle that opens at once: the opening claimed (Update), the assignments and the cycle counts written in batches',
  },
  'list-cycles': { actions: ['Query'], why: 'the cycles (gsi1)' },
  'get-cycle': { actions: ['GetItem', 'Query'], why: 'the cycle status and the audit trail' },
  'assignment-actions': {
    actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
    why: 'an assignment read and saved with its audit entry; a review recorded on each answer (Update), comments put',
  },
  'cycle-report': { actions: ['GetItem', 'Query'], why: 'the report source: the cycle, assignments, answers, mandates, states' },
  'list-reports': { actions: ['Query'], why: 'the snapshots (gsi1)' },
  exports: {
    actions: ['GetItem', 'PutItem', 'UpdateItem'],
    why: 'an export recorded (Put), its status read, a dead one marked failed (Update)',
  },
  trends: { actions: ['GetItem', 'Query'], why: 'cycles, reports and responsiveness (gsi1)' },
  // --- asynchronous: schedules, SES events, the seeder ---
  'open-cycles': {
    actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchWriteItem'],
    why: 'due cycles (due index), the opening claimed (Update), the assignments and the cycle counts written in batches, the cycle marked open with its audit entry, the next cycle of a series',
  },
  reminders: {
    actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
    why: 'due assignments (due index), each email claimed in the outbox (Put + Update) and marked, and released (Delete, with its unsent token) when the provider refuses it',
  },
  snapshots: {
    actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
    why: 'report sources read, the snapshot index put, the cycle closed (Update)',
  },
  'export-job': {
    actions: ['GetItem', 'Query', 'UpdateItem'],
    why: 'the export read, the report source (cycle, assignments, answers state by state, mandates, states), the export marked done or failed',
  },
  'ses-events': {
    actions: ['GetItem', 'Query', 'PutItem'],
    why: 'a bounced address marked on its state and its assignment, with the audit entry',
  },
  seed: {
    actions: ['Query', 'BatchWriteItem', 'PutItem', 'DeleteItem'],
    deletesOnly: [MANDATE_PAGES],
    why: 'the seed pages and states: mandates and states in batches, pages put and the replaced ones deleted',
  },
};

/** The functions that read or write report files in the bucket, and under which prefixes. */
const bucketAccess: Record<string, { read: string[]; write: string[]; remove?: string[] }> = {
  // Evidence files: signed uploads and downloads under evidence/<cycle>/<state>/, read once to check them, deleted when refused or removed.
  assignment: { read: ['evidence/*'], write: ['evidence/*'], remove: ['evidence/*'] },
  'assignment-actions': { read: ['evidence/*'], write: [] },
  'cycle-report': { read: ['exports/*'], write: ['exports/*'] },
  'list-reports': { read: ['snapshots/*'], write: [] },
  snapshots: { read: ['snapshots/*'], write: ['snapshots/*'] },
  console: { read: ['exports/*', 'snapshots/*'], write: ['exports/*'] },
  exports: { read: ['exports/*'], write: [] },
  'export-job': { read: [], write: ['exports/*'] },
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
      CONTACT_EMAIL: props.config.contactEmail,
    };
  }

  /** Gives functions/<fn> its access to the table (tableNeeds) and to the report files (bucketAccess). */
  grant(fn: string, handler: AppFunction) {
    const { table, reportsBucket } = this;
    const stack = Stack.of(this);
    const needs = tableNeeds[fn];
    if (!needs) throw new Error(`functions/${fn}: decide its table access in tableNeeds (infra/aws/constructs/data.ts)`);
    const queries = needs.actions.includes('Query');
    const unconditional = needs.actions.filter((action) => !(action === 'DeleteItem' && needs.deletesOnly));
    handler.addToRolePolicy(
      new PolicyStatement({
        actions: unconditional.map((action) => `dynamodb:${action}`),
        resources: queries ? [table.tableArn, `${table.tableArn}/index/*`] : [table.tableArn],
      }),
    );
    if (needs.deletesOnly && needs.actions.includes('DeleteItem')) {
      handler.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:DeleteItem'],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...needs.deletesOnly] } },
        }),
      );
    }
    if (queries) {
      Validations.of(handler.serviceRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:${shown(stack.region, 'AWS::Region')}:${shown(stack.account, 'AWS::AccountId')}:table/${this.props.tableName}/index/*]`,
        reason: 'The function queries the indexes of our one table (gsi1, due); index ARNs are only expressible as <table>/index/*',
      });
    }
    const files = bucketAccess[fn];
    if (files) {
      for (const [actions, prefixes] of [
        [['s3:GetObject'], files.read],
        [['s3:PutObject'], files.write],
        [['s3:DeleteObject'], files.remove ?? []],
      ] as const) {
        if (prefixes.length === 0) continue;
        handler.addToRolePolicy(
          new PolicyStatement({ actions: [...actions], resources: prefixes.map((p) => reportsBucket.arnForObjects(p)) }),
        );
      }
      for (const prefix of new Set([...files.read, ...files.write, ...(files.remove ?? [])])) {
        Validations.of(handler.serviceRole).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::mandates-followup-${this.props.config.stage}-reports-<AWS::AccountId>-<AWS::Region>/${prefix}]`,
          reason: 'Report files are objects under a prefix of the one reports bucket; object ARNs are only expressible with a wildcard',
        });
      }
    }
  }
}

/** A value as cdk-nag writes it in a finding: itself, or <Pseudo::Parameter> while unresolved. */
export function shown(value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<${pseudo}>` : value;
}

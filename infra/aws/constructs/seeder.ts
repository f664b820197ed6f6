import { CustomResource, Duration } from 'aws-cdk-lib';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppFunction, ROOT } from '../app-function';
import type { StageConfig } from '../stage';
import { Concern } from './concern';
import type { Data } from './data';

export interface SeederProps {
  config: StageConfig;
  data: Data;
  deadLetterQueue: IQueue;
}

/** Seeding at deploy time: the seeder, with the seed files bundled beside it, run by a custom resource. */
export class Seeder extends Concern {
  readonly function: AppFunction;

  constructor(scope: Construct, id: string, props: SeederProps) {
    super(scope, id);
    const { config, data } = props;
    this.function = new AppFunction(this, 'Seed', {
      fn: 'seed',
      environment: { ...data.environment, SEEDS_DIR: '/var/task/seeds' },
      logRetentionDays: config.logRetentionDays,
      timeout: Duration.minutes(10),
      memorySize: 1024,
      deadLetterQueue: props.deadLetterQueue,
      bundling: {
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [`mkdir -p "${outputDir}/seeds"`, `cp "${inputDir}"/seeds/*.txt "${outputDir}/seeds/"`],
        },
      },
    });
    data.grant('seed', this.function);
    new CustomResource(this, 'SeedData', {
      serviceToken: this.function.functionArn,
      properties: { seedsDigest: seedsDigest() },
      resourceType: 'Custom::Seed',
    });
  }
}

/** A digest of the seed folder: a change to any seed file re-runs the seeder on deploy. */
function seedsDigest(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(join(ROOT, 'seeds')).sort()) hash.update(name).update(readFileSync(join(ROOT, 'seeds', name)));
  return hash.digest('hex');
}

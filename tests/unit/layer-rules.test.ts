import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { describe, expect, it } from 'vitest';

// The layer rules of `npm run lint:layers` (.dependency-cruiser.cjs), run on small trees in tests/lint/fixtures/
// that mirror the repository's paths, so the very same config applies to them.
const root = fileURLToPath(new URL('../..', import.meta.url));
const configFile = `${root}.dependency-cruiser.cjs`;
const fixture = (name: string) => `${root}tests/lint/fixtures/${name}`;
const depcruiseBin = `${root}node_modules/dependency-cruiser/bin/dependency-cruiser.mjs`;

interface Violation {
  rule: string;
  from: string;
  to: string;
}

async function checkLayers(name: string): Promise<Violation[]> {
  const options = await extractDepcruiseOptions(configFile);
  const { output } = await cruise(['shared', 'functions', 'infra', 'tests'], { ...options, baseDir: fixture(name) });
  const result = output as ICruiseResult;
  return result.summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to.replace(/^.*node_modules\//, 'node_modules/'),
  }));
}

/** The same command as `npm run lint:layers`, run inside a fixture tree. */
function lintLayersIn(name: string) {
  return spawnSync(
    process.execPath,
    [depcruiseBin, '--config', configFile, '--output-type', 'err', 'shared', 'functions', 'infra', 'tests'],
    {
      cwd: fixture(name),
      encoding: 'utf8',
    },
  );
}

describe('layer rules (dependency-cruiser)', () => {
  it('passes a tree where every layer imports only what it may', async () => {
    // Arrange: tests/lint/fixtures/clean: domain -> zod and node builtins; use case -> domain, store/ports.ts, email/ports.ts,
    // usecases/view-models.ts; adapters -> domain, own folder, config, log, AWS SDK; render -> domain, view models; edge -> all
    // Act
    const violations = await checkLayers('clean');
    // Assert
    expect(violations).toEqual([]);
  });

  it('reports every backwards import, type-only ones included, and nothing else', async () => {
    // Arrange: tests/lint/fixtures/backwards: one backwards import per file
    // Act
    const violations = await checkLayers('backwards');
    // Assert
    const expected = [
      { rule: 'adapters-import-domain-and-own-folder', from: 'shared/store/to-email.ts', to: 'shared/email/mailer.ts' },
      { rule: 'adapters-import-domain-and-own-folder', from: 'shared/store/to-usecase.ts', to: 'shared/usecases/create-thing.ts' },
      { rule: 'domain-imports-only-domain', from: 'shared/domain/a.ts', to: 'shared/render/b.ts' },
      {
        rule: 'domain-imports-only-domain',
        from: 'shared/domain/aws.ts',
        to: expect.stringMatching(/^node_modules\/@aws-sdk\/lib-dynamodb\//),
      },
      { rule: 'functions-not-to-infra', from: 'functions/thing/handler.ts', to: 'infra/app.ts' },
      { rule: 'no-circular', from: 'shared/domain/cycle-one.ts', to: 'shared/domain/cycle-two.ts' },
      { rule: 'not-to-unresolvable', from: 'shared/http/typo.ts', to: './erorrs' },
      { rule: 'ports-import-only-domain', from: 'shared/store/ports.ts', to: 'shared/store/dynamo.ts' },
      { rule: 'production-not-to-tests', from: 'shared/http/to-tests.ts', to: 'tests/helpers.ts' },
      { rule: 'render-imports-domain-and-view-models', from: 'shared/render/to-store.ts', to: 'shared/store/ports.ts' },
      { rule: 'render-imports-domain-and-view-models', from: 'shared/render/to-usecase.ts', to: 'shared/usecases/create-thing.ts' },
      { rule: 'render-no-aws', from: 'shared/render/to-aws.ts', to: expect.stringMatching(/^node_modules\/@aws-sdk\/client-s3\//) },
      { rule: 'shared-not-to-functions-or-infra', from: 'shared/http/to-functions.ts', to: 'functions/thing/handler.ts' },
      { rule: 'storage-adapter-imports-domain', from: 'shared/storage.ts', to: 'shared/render/b.ts' },
      { rule: 'usecases-import-domain-and-ports', from: 'shared/usecases/to-dynamo.ts', to: 'shared/store/dynamo.ts' },
      { rule: 'usecases-import-domain-and-ports', from: 'shared/usecases/to-http.ts', to: 'shared/http/errors.ts' },
      { rule: 'usecases-import-domain-and-ports', from: 'shared/usecases/to-render.ts', to: 'shared/render/b.ts' },
      { rule: 'usecases-no-aws', from: 'shared/usecases/to-aws.ts', to: expect.stringMatching(/^node_modules\/@aws-sdk\/lib-dynamodb\//) },
      { rule: 'usecases-no-aws', from: 'shared/usecases/to-aws.ts', to: 'node_modules/@types/aws-lambda/index.d.ts' },
      { rule: 'view-models-import-only-domain', from: 'shared/usecases/view-models.ts', to: 'shared/usecases/create-thing.ts' },
    ];
    expect(violations).toEqual(expect.arrayContaining(expected));
    expect(violations).toHaveLength(expected.length);
  });

  it('has a backwards fixture for every rule of the config', async () => {
    // Arrange
    const options = await extractDepcruiseOptions(configFile);
    const rules = ((options.ruleSet as IConfiguration).forbidden ?? []).map((rule) => rule.name).sort();
    // Act
    const shown = new Set((await checkLayers('backwards')).map((v) => v.rule));
    // Assert
    expect([...shown].sort()).toEqual(rules);
  });

  it('fails the build on a backwards import: the lint:layers command exits non-zero and names it', () => {
    // Act
    const backwards = lintLayersIn('backwards');
    const clean = lintLayersIn('clean');
    // Assert
    expect(backwards.status).not.toBe(0);
    expect(backwards.stdout).toContain('error domain-imports-only-domain: shared/domain/a.ts → shared/render/b.ts');
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
  });
});

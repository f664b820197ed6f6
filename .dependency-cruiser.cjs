/**
 * The direction of the layers (DESIGN.md §3), checked by `npm run lint:layers`:
 *
 *   shared/domain     pure rules          -> shared/domain, node builtins, zod
 *   shared/usecases   the application     -> shared/domain, shared/usecases, the adapters' interfaces (`shared/<folder>/ports.ts`)
 *   adapters          shared/store, shared/email, shared/auth (Cognito), shared/storage.ts
 *                                         -> shared/domain, their own folder, shared/config.ts, shared/log.ts, npm (AWS SDK)
 *   shared/render     pure rendering      -> shared/domain, shared/render, the view models (`shared/usecases/view-models.ts` or `shared/usecases/view-models/`)
 *   shared/http       the edge            -> anything but functions/ and infra/
 *   functions/        the edge            -> anything but infra/
 *   infra/            anything
 *
 * Conventions the rules rely on:
 * - An adapter folder declares the interfaces the use cases are written against in `ports.ts` (the store: `shared/store/ports.ts`);
 *   the DynamoDB / SES / S3 implementations beside it are not importable from a use case. A ports file imports the domain only.
 * - The view models the use cases build and render consumes are declared in `shared/usecases/view-models.ts`
 *   (or under `shared/usecases/view-models/`); that file imports the domain only, and is the one place of use cases render may see.
 *
 * Paths are relative to the folder cruised from (the repository, or a fixture tree in tests/lint/fixtures/ that mirrors it),
 * so tests/unit/layer-rules.test.ts runs this very file on small trees.
 */

const npm = '(^|/)node_modules/';
const awsSdkOrEdge = `${npm}(@aws-sdk/|@middy/|@types/aws-lambda/|aws-lambda/|aws-cdk-lib/|constructs/)`;
const ports = '^shared/[^/]+/ports\\.ts$';
const viewModels = '^shared/usecases/view-models(\\.ts$|/)';
const platform = '^shared/(config|log)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // --- domain: imports nothing outside itself ---
    {
      name: 'domain-imports-only-domain',
      comment: 'shared/domain is pure: it may import shared/domain, node builtins and zod, nothing else.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { pathNot: [`^shared/domain/`, `${npm}zod/`], dependencyTypesNot: ['core'] },
    },

    // --- use cases: domain, other use cases, the adapters' interfaces ---
    {
      name: 'usecases-import-domain-and-ports',
      comment:
        'A use case may import shared/domain, shared/usecases and the interfaces in shared/<adapter>/ports.ts; ' +
        'never an adapter implementation (DynamoDB, SES, S3), shared/http, shared/render, config or log.',
      severity: 'error',
      from: { path: '^shared/usecases/' },
      to: { pathNot: ['^shared/domain/', '^shared/usecases/', ports, npm], dependencyTypesNot: ['core'] },
    },
    {
      name: 'usecases-no-aws',
      comment: 'A use case speaks neither AWS SDK nor middy/Lambda/CDK: those live behind ports, in the adapters and at the edge.',
      severity: 'error',
      from: { path: '^shared/usecases/' },
      to: { path: awsSdkOrEdge },
    },
    {
      name: 'view-models-import-only-domain',
      comment: 'The view models are plain types over the domain, so that render can import them without reaching into the use cases.',
      severity: 'error',
      from: { path: viewModels },
      to: { pathNot: ['^shared/domain/', viewModels], dependencyTypesNot: ['core'] },
    },

    // --- adapters: domain, their own folder, config/log, npm (AWS SDK) ---
    {
      name: 'ports-import-only-domain',
      comment:
        'The ports.ts of an adapter is what use cases see: it may import the domain only (and other ports), never an implementation.',
      severity: 'error',
      from: { path: ports },
      to: { pathNot: ['^shared/domain/', ports], dependencyTypesNot: ['core'] },
    },
    {
      name: 'adapters-import-domain-and-own-folder',
      comment:
        'An adapter (shared/store, shared/email, shared/auth) may import shared/domain, its own folder, shared/config.ts, shared/log.ts and npm packages; ' +
        'never use cases, render, the edge or another adapter.',
      severity: 'error',
      from: { path: '^shared/(store|email|auth)/' },
      to: { pathNot: ['^shared/domain/', '^shared/$1/', platform, npm], dependencyTypesNot: ['core'] },
    },
    {
      name: 'storage-adapter-imports-domain',
      comment: 'shared/storage.ts (S3) is an adapter: shared/domain, shared/config.ts, shared/log.ts and npm packages only.',
      severity: 'error',
      from: { path: '^shared/storage\\.ts$' },
      to: { pathNot: ['^shared/domain/', platform, npm], dependencyTypesNot: ['core'] },
    },

    // --- render: pure functions from view models to HTML, CSV, XLSX, email bodies ---
    {
      name: 'render-imports-domain-and-view-models',
      comment:
        'shared/render may import shared/domain, shared/render and the view models (shared/usecases/view-models); ' +
        'never the store, the use cases, the edge or another adapter.',
      severity: 'error',
      from: { path: '^shared/render/' },
      to: { pathNot: ['^shared/domain/', '^shared/render/', viewModels, npm], dependencyTypesNot: ['core'] },
    },
    {
      name: 'render-no-aws',
      comment: 'Rendering is pure: no AWS SDK, middy, Lambda or CDK.',
      severity: 'error',
      from: { path: '^shared/render/' },
      to: { path: awsSdkOrEdge },
    },

    // --- the edge and the rest ---
    {
      name: 'shared-not-to-functions-or-infra',
      comment: 'shared/ is used by functions/ and infra/, never the other way round.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra)/' },
    },
    {
      name: 'functions-not-to-infra',
      comment: 'A Lambda entry point is bundled on its own: it must not import the CDK app or the local runtime.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^infra/' },
    },
    {
      name: 'production-not-to-tests',
      comment: 'Code that ships does not import tests.',
      severity: 'error',
      from: { path: '^(shared|functions|seeds)/' },
      to: { path: '^tests/' },
    },
    {
      name: 'no-circular',
      comment: 'No cycles between modules.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a typo would otherwise pass this check unnoticed).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is followed no further, but imports of packages are kept: the domain and use-case rules look at them
    exclude: { path: '^(cdk\\.out|\\.local-data|tests/artifacts|tests/lint/fixtures)/' },
    // type-only imports are dependencies too: a use case that imports a type from render still points the wrong way
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};

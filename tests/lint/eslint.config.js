// ESLint flat config, run by `npm run lint:code` (`eslint --config tests/lint/eslint.config.js`).
// It lives here because the repository's top level is fixed; `basePath` points its globs at the repository root.
// typescript-eslint `recommended` (not type-checked, to keep lint fast); eslint-config-prettier last, so formatting is Prettier's alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { basePath: '../..' },
  globalIgnores([
    '**/node_modules/',
    'cdk.out/',
    '**/cdk.out/',
    '.local-data/',
    'tests/artifacts/',
    'tests/lint/fixtures/',
    'bench-results/',
  ]),
  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // the code drops fields with `const { field: _field, ...rest } = x`: a leading underscore marks a name unused on purpose
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);

// Lint rules, including the layering: core is plain TypeScript that runs in Node and in a worker,
// the worker is a thin adapter, and the UI reaches the analysis only through the worker API.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const browserOnlyGlobals = ['window', 'document', 'navigator', 'self', 'postMessage', 'importScripts', 'localStorage', 'location'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench-data/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-globals': ['error', ...browserOnlyGlobals],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit', 'lit/*', '@lit/*'], message: 'src/core must not depend on the UI library.' },
            { group: ['comlink'], message: 'src/core must not depend on the worker transport.' },
            { group: ['node:*', 'fs', 'path', 'os'], message: 'src/core runs in the browser too: no Node built-ins.' },
            { group: ['**/ui/**', '**/worker/**'], message: 'src/core is the bottom layer: it imports nothing above it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['lit', 'lit/*', '**/ui/**'], message: 'src/worker must not depend on the UI.' }] },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**'],
              message: 'src/ui talks to the analysis through src/worker/worker-api.ts, not core internals.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);

import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', '.vscode-test/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is pure: no editor, no LSP, no Node, no IO.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['vscode*', 'node:*', 'fs', 'path', 'os', 'child_process'] }],
    },
  },
  {
    files: ['.ci/**/*.mjs', 'test/e2e/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: globals.node },
  },
);

import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'custom-elements.json', 'coverage/**', 'bench/results/**', 'demo/apps/*/dist/**', 'demo/apps/node_modules/**'] },
  ...tseslint.configs.strict,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Layers (docs/architecture.md): elements see the core only through its public index,
    // and never the network; the core knows nothing of lit or the elements.
    files: ['src/elements/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/core/**', '!**/core/index.js'], message: 'Elements import the core through src/core/index.ts only.' },
            { group: ['mqtt', 'mqtt/*'], message: 'Elements never talk to brokers: use the client.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['lit', 'lit/*', '@lit/*'], message: 'The core has no lit: it runs without any element.' },
            { group: ['**/elements/**'], message: 'The core never imports the elements.' },
          ],
        },
      ],
    },
  },
  {
    // Test code drives other pages through functions serialised with toString().
    files: ['test/**/*.ts', 'bench/**/*.ts', 'bench/**/*.mjs', 'demo/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      // A test states what it expects to exist; a wrong guess fails the test anyway.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
);

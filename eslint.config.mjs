import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'Only src/vscode may import vscode: the engine, the Azure code and the CLI stay editor-free.' }],
  }],
};

// The floors of ../DESIGN (text → yaml → model → index → rules/access/permissions → explain/fix → analyze → adapters):
// an import goes down or sideways, never up. The engine reaches no network and no Azure SDK; rules never read hover
// code; adapters use the engine's facade and registry, never a rule's internals.
const NETWORK = { group: ['node:http', 'node:https', 'node:http2', 'node:net', 'node:tls', 'http', 'https', 'http2', 'net', 'tls'], message: 'src/core is pure: no network. Network code belongs in src/azure behind its interface.' };
const AZURE = { group: ['@azure/*', '**/azure/*', '!./azure-*'], message: 'src/core does not use the Azure SDK or src/azure: the identity graph arrives as plain data.' };
const coreRules = {
  'no-restricted-imports': ['error', {
    paths: noVscode['no-restricted-imports'][1].paths,
    patterns: [NETWORK, AZURE],
  }],
};
const ruleRules = {
  'no-restricted-imports': ['error', {
    paths: noVscode['no-restricted-imports'][1].paths,
    patterns: [NETWORK, AZURE, { group: ['**/explain/*', '**/explain'], message: 'Rules do not import hover code (src/core/explain): move what both need down into model/, index/ or text/.' }],
  }],
};
const adapterRules = (vscodeAllowed) => ({
  'no-restricted-imports': ['error', {
    paths: vscodeAllowed ? [] : noVscode['no-restricted-imports'][1].paths,
    patterns: [{ group: ['**/core/rules/*/*', '**/core/rules/helpers', '**/core/rules/shared'], message: 'Adapters use the engine (analyze, registry, types, model), never a rule\'s internals.' }],
  }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'examples/**', 'test-results/**', 'bench/corpus/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/azure/**'], rules: noVscode },
  { files: ['src/core/**'], rules: coreRules },
  { files: ['src/core/rules/**'], rules: ruleRules },
  { files: ['src/cli/**'], rules: adapterRules(false) },
  { files: ['src/vscode/**'], rules: adapterRules(true) },
  { files: ['**/*.mjs', '**/*.cjs', '**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);

// One linter config for the tree. Type-aware rules catch floating promises and `any` leaking across boundaries;
// import zones keep each extension context from importing another (they meet in src/shared and src/engine).
import tseslint from 'typescript-eslint';

const CONTEXTS = ['background', 'offscreen', 'sidepanel', 'popup', 'content', 'help', 'welcome'];

const zoneRules = CONTEXTS.map((context) => ({
  files: [`src/${context}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: CONTEXTS.filter((other) => other !== context).map((other) => ({
          group: [`**/${other}/**`],
          message: `src/${context} may not import src/${other}: contexts meet in src/shared.`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/artifacts/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `const { dropped, ...kept } = value` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error',
    },
  },
  ...zoneRules,
  {
    // The shared layer and the engine are hosted by several contexts: they may import no context.
    files: ['src/shared/**/*.{ts,tsx}', 'src/engine/**/*.ts', 'src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: CONTEXTS.map((context) => ({
            group: [`**/${context}/**`],
            message: 'shared code may not import a context',
          })),
        },
      ],
    },
  },
  {
    // Chrome's service worker has no DOM; only the Firefox entry, an event page, may touch `document`.
    files: ['src/background/**/*.ts'],
    ignores: ['src/background/firefox-main.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'localStorage'] },
  },
  {
    files: ['scripts/**', 'test/**', 'lab/**', 'bench/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);

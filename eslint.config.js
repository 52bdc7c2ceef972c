import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layer boundaries (README, "How the code is laid out"). The core rule matches the import text, so a
// relative path into another top-level folder is caught by its folder name: no folder inside shared/ or
// renderer/ is called electron or renderer. Type-only imports count too: a type from a layer above is
// still a dependency on it.
// A regex, not a glob group: the builtin "domain" would otherwise match every path through shared/domain/.
const nodeBuiltins = {
  regex: `^(node:|(${builtinModules.filter((name) => !name.startsWith('_')).join('|')})(/|$))`,
  message: 'shared/ and renderer/ run without Node: keep file-system and process work in electron/core.',
};
const electronImports = {
  regex: '(^|/)electron(/|$)',
  message: 'Only electron/main and electron/preload may use Electron or anything under electron/.',
};
const rendererImports = {
  regex: '(^|/)renderer(/|$)',
  message: 'Nothing outside renderer/ may import the UI: move shared logic into shared/.',
};
const reactImports = {
  regex: '^(react|react-dom|react-hook-form)(/|$)|^@hookform/|^@tanstack/react-',
  message: 'shared/ is plain TypeScript: React belongs in renderer/.',
};
const transportImports = {
  regex: '(^|/)api/transport(\\.ts)?$',
  message: 'Views reach the API through the plan provider, not the transport.',
};
// Plain Node code: it runs in the browser harness and the import worker, where Electron is not loaded.
const electronModule = {
  regex: '^electron(/|$)',
  message: 'electron/core and the harness are plain Node: Electron belongs in electron/main and electron/preload.',
};

const restrict = (...patterns) => ['error', { patterns }];

export default defineConfig([
  globalIgnores(['out/', 'dist/', 'node_modules/', 'test-results/', '.tmp/']),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // 725 hits, most of them `rows[i]!` after a bounds check: with noUncheckedIndexedAccess every indexed
      // read is optional, and the `!` is how the code says "present". Removing them means reshaping loops
      // and table builders (the docx and workbook splits of issue 9 do part of that), not a lint fix.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers in messages ("Action 12, row 3") are the common case and always print plainly.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // The code returns early with `if (!ok) return setProblem(...)`, a void call, on purpose (34 places
      // in handlers and views); splitting each into two statements changes nothing a reader or the types see.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // An empty text means "not given" in this app (a blank cell, an empty flag), so `||` on strings and
      // booleans is deliberate; `??` would keep the empty text.
      '@typescript-eslint/prefer-nullish-coalescing': [
        'error',
        { ignorePrimitives: { string: true, boolean: true }, ignoreBooleanCoercion: true },
      ],
      // TypeScript's own convention for deliberately unused names (noUnusedLocals/Parameters agree).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    // A missing dependency is a stale-value bug, not a style point: it fails the lint like any other error.
    rules: { 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['tests/**'],
    rules: {
      // Tests read the file on disk back with JSON.parse and poke at it raw, on purpose: they check fields
      // the schemas do not know (unknownFields) and plant broken records the types would forbid.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes implement the app's async interfaces (dialogs, windows) with answers that need no waiting.
      '@typescript-eslint/require-await': 'off',
      // Tests set and restore environment variables and delete fields by name to build damaged files.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // Tests guard against what the types promise away (an exceljs cell without a font, a thrown value
      // that is not an Error) and print cell values whatever they hold: a failure then reads clearly.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': restrict(nodeBuiltins, electronImports, rendererImports, reactImports) },
  },
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-imports': restrict(nodeBuiltins, electronImports) },
  },
  {
    files: ['renderer/src/features/**', 'renderer/src/ui/**'],
    rules: { 'no-restricted-imports': restrict(nodeBuiltins, electronImports, transportImports) },
  },
  {
    files: ['electron/core/**', 'electron/harness/**'],
    rules: { 'no-restricted-imports': restrict(electronModule, rendererImports) },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': restrict(rendererImports) },
  },
]);

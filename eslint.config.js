import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Ways to turn a string into HTML in the browser; app code builds nodes holding text instead. */
const NO_HTML_STRINGS = [
  {
    selector: `MemberExpression[property.name=/^(innerHTML|outerHTML)$/]`,
    message: 'Set textContent (app/core/ui/text-element.ts); a string here is parsed as HTML.',
  },
  {
    selector: `CallExpression[callee.property.name=/^(insertAdjacentHTML|createContextualFragment)$/]`,
    message: 'Build nodes with textContent (app/core/ui/text-element.ts).',
  },
  {
    selector: `JSXAttribute[name.name='dangerouslySetInnerHTML']`,
    message: 'Render text through React; it escapes it.',
  },
];

export default tseslint.config(
  { ignores: ['build/', '.react-router/', 'node_modules/', 'db/migrations/', 'db/data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  reactHooks.configs.flat.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Data flows schema → queries → loader: route modules and components never reach the database
    // directly; a feature's (or the core's) *.server.ts queries do, and tests may.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/core/env.server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'drizzle-orm', message: "Query through the feature's *.server.ts module." },
            { name: 'better-sqlite3', message: "Query through the feature's *.server.ts module." },
          ],
          patterns: [
            {
              group: ['**/db/client.server', '**/db/schema'],
              message: "Query through the feature's *.server.ts module.",
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings from app/core/env.server.ts.',
        },
      ],
      // Names come from editors and IATI files: text on the page is never parsed as HTML.
      'no-restricted-syntax': ['error', ...NO_HTML_STRINGS],
    },
  },
  {
    // A module you can read in one sitting and a function you can hold in your head
    // (docs/architecture.md). The translations and the table definitions are data, and tests
    // read as lists of cases: they are left out.
    files: ['app/**/*.{ts,tsx}', 'db/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    ignores: ['**/*.test.{ts,tsx}', 'app/core/i18n/locales/*.ts', 'db/schema.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Queries and server-only modules may use the database; so may tests (they build their rows).
    files: ['app/**/*.server.ts', 'app/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Leaflet reads a string given as a tooltip, popup or divIcon `html` as HTML: the widgets give
    // it nodes from app/core/ui/text-element.ts (or a function building one) instead.
    files: ['app/**/*.client.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...NO_HTML_STRINGS,
        {
          selector: `CallExpression[callee.property.name=/^(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)$/][arguments.0.type!=/^(CallExpression|ArrowFunctionExpression|FunctionExpression)$/]`,
          message:
            'Give Leaflet a node built with textElement(), never a string (it is read as HTML).',
        },
        {
          selector: `Property[key.name='html'][value.type!='CallExpression']`,
          message:
            'Give divIcon an element built with textElement(), never a string (it is read as HTML).',
        },
      ],
    },
  },
);

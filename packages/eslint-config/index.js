// Shared flat config: recommended JS + type-aware TypeScript rules for every workspace.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** @param {{ tsconfigRootDir: string }} options */
export function modelhubConfig({ tsconfigRootDir }) {
  return tseslint.config(
    { ignores: ['**/node_modules/**', '**/.next/**', '**/dist/**', '**/generated/**'] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir } },
      rules: {
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
        ],
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/require-await': 'off',
        'no-console': ['error', { allow: ['warn', 'error'] }],
        // Across workspace packages (Prisma's generated types in particular) this rule's type view
        // differs from tsc's, and its autofix removed assertions tsc needs.
        '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      },
    },
    {
      files: ['**/*.test.ts', '**/test/**/*.ts'],
      rules: {
        '@typescript-eslint/no-non-null-assertion': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        // tests read JSON bodies of HTTP responses, which are untyped by nature
        '@typescript-eslint/no-explicit-any': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
      },
    },
    { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  );
}

// The lint probes lint code that is in no file (ESLint.lintText at a path inside a layer). The
// type-aware rules need a file the TypeScript project service can find, so the probes run without
// them: the rules they probe (imports, properties) read the syntax only.
import { ESLint } from 'eslint';

export function probeEslint(cwd: string): ESLint {
  return new ESLint({
    cwd,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/switch-exhaustiveness-check': 'off' },
    },
  });
}

/**
 * The keywords a `.gitlab-ci.yml` may use, taken from GitLab's "CI/CD YAML syntax
 * reference" (https://docs.gitlab.com/ci/yaml/, source: doc/ci/yaml/_index.md in
 * gitlab-org/gitlab), as published for GitLab 18.x. Deprecated keywords (`only`,
 * `except`, a global `image`, `services`, `cache`, `before_script`, `after_script`
 * outside `default`; see doc/ci/yaml/deprecated_keywords.md) are left out on purpose:
 * the guides should not teach them.
 *
 * Used by docs-examples.test.ts to check that the pipeline examples in the posts use
 * only real keywords, at the top level, in `default` and in each job.
 */

/** "Global keywords" section: top-level keys that are not jobs. */
export const globalKeywords = ['default', 'include', 'stages', 'variables', 'workflow'] as const;

/** "Header keywords": only in a header document separated by `---`. */
export const headerKeywords = ['spec'] as const;

/** "Job keywords" section: every key a job may have. */
export const jobKeywords = [
  'after_script',
  'allow_failure',
  'artifacts',
  'before_script',
  'cache',
  'coverage',
  'dast_configuration',
  'dependencies',
  'environment',
  'extends',
  'hooks',
  'id_tokens',
  'identity',
  'image',
  'inherit',
  'interruptible',
  'manual_confirmation',
  'needs',
  'pages',
  'parallel',
  'release',
  'resource_group',
  'retry',
  'rules',
  'run',
  'script',
  'secrets',
  'services',
  'stage',
  'start_in',
  'tags',
  'timeout',
  'trigger',
  'variables',
  'when',
] as const;

/** `default`: "These keywords can have custom defaults". */
export const defaultKeywords = [
  'after_script',
  'artifacts',
  'before_script',
  'cache',
  'hooks',
  'id_tokens',
  'image',
  'interruptible',
  'retry',
  'services',
  'tags',
  'timeout',
] as const;

/** `artifacts:*` subkeys. */
export const artifactsKeywords = [
  'paths',
  'exclude',
  'expire_in',
  'expose_as',
  'name',
  'public',
  'access',
  'reports',
  'untracked',
  'when',
] as const;

/** Keys of one `rules` entry: `if`, `changes`, `exists`, `when`, optionally with the rest. */
export const rulesKeywords = [
  'if',
  'changes',
  'exists',
  'when',
  'allow_failure',
  'needs',
  'variables',
  'interruptible',
] as const;

/** Keys of a `needs` entry written as a hash (`needs:artifacts`, `needs:optional`, …). */
export const needsKeywords = ['job', 'artifacts', 'optional', 'project', 'ref', 'pipeline', 'parallel'] as const;

/** Keys of one `id_tokens` entry: the required `aud` claim. */
export const idTokenKeywords = ['aud'] as const;

/** Keys of `environment` written as a hash. */
export const environmentKeywords = [
  'name',
  'url',
  'on_stop',
  'action',
  'auto_stop_in',
  'kubernetes',
  'deployment_tier',
] as const;

/** Jobs need one of these to have something to run. */
export const jobBodyKeywords = ['script', 'trigger', 'run'] as const;

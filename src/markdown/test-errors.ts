import { vi } from 'vitest';
import { renderForTest, type TestRenderOptions } from './render-for-test.ts';

/** The fields of the VFileMessage that `file.fail` throws which the tests check. */
export interface BuildError {
  reason: string;
  line: number | undefined;
  column: number | undefined;
  file: string;
  ruleId: string | undefined;
  source: string | undefined;
  fatal: boolean | undefined;
}

function isBuildError(error: unknown): error is BuildError {
  return typeof error === 'object' && error !== null && 'reason' in error && 'line' in error && 'column' in error && 'fatal' in error;
}

/**
 * Renders Markdown that must fail the build and returns the VFileMessage it failed with.
 * Astro's processor logs the error with console.error before rethrowing; that log is
 * silenced here. Throws when the render succeeds or fails with something else.
 */
export async function renderError(markdown: string, options: TestRenderOptions = {}): Promise<BuildError> {
  const log = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    await renderForTest(markdown, options);
  } catch (error) {
    if (isBuildError(error)) return error;
    throw error;
  } finally {
    log.mockRestore();
  }
  throw new Error('expected the render to fail, but it succeeded');
}

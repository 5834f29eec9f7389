import { describe, expect, it } from 'vitest';
import { toolDownloadName, toolDownloadPath } from './tool-download.ts';

describe('tool downloads', () => {
  it('name the file after the site and the tool, beside the tool page', () => {
    expect(toolDownloadName('base64')).toBe('fieldnotes-base64.html');
    expect(toolDownloadPath('secret-to-kustomize')).toBe('tools/secret-to-kustomize/fieldnotes-secret-to-kustomize.html');
  });
});

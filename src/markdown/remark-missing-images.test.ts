import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderForTest } from './render-for-test.ts';

describe('remarkMissingImages', () => {
  afterEach(() => vi.restoreAllMocks());

  it('puts the alt text of an image whose file is missing in its place, and warns there', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const markdown = [
      'Before: ![The form, filled in](./form.png) after.',
      '',
      '[![Build](badge%20one.svg)](https://ci.example.com/) and ![](gone.png) and ![Here](./diagram.svg)',
      '',
      '<p><img src="raw.png" alt="Written in HTML"> <img src="raw.png" alt=""></p>',
      '',
    ].join('\n');
    const { code, metadata } = await renderForTest(markdown, { path: 'guides/intro.md' });
    expect(code).toContain('<p>Before: The form, filled in after.</p>');
    expect(code).toContain('<a href="https://ci.example.com/" rel="noopener noreferrer">Build</a> and  and <img __ASTRO_IMAGE_=');
    expect(code).toContain('<p>Written in HTML </p>');
    // Astro's pipeline gets only the image that is there, so the build does not stop.
    expect(metadata.localImagePaths).toEqual(['./diagram.svg']);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/guides\/intro\.md:1:9: Image "\.\/form\.png" left out: there is no such file beside the page; its alt text stands in\. \(MISSING_IMAGE\)$/),
      expect.stringMatching(/guides\/intro\.md:3:2: Image "badge%20one\.svg" left out/),
      expect.stringMatching(/guides\/intro\.md:3:58: Image "gone\.png" left out/),
      expect.stringMatching(/guides\/intro\.md:5:4: Image "raw\.png" left out/),
      expect.stringMatching(/guides\/intro\.md:5:46: Image "raw\.png" left out/),
    ]);
  });

  it('resolves image references through their definitions, as Astro does', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const markdown = 'A ![lost shot][shot] and ![a diagram][Diagram].\n\n[shot]: ./lost.png\n[diagram]: ./diagram.svg\n';
    const { code, metadata } = await renderForTest(markdown, { path: 'guides/intro.md' });
    expect(code).toContain('<p>A lost shot and <img __ASTRO_IMAGE_=');
    expect(metadata.localImagePaths).toEqual(['./diagram.svg']);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/guides\/intro\.md:1:3: Image "\.\/lost\.png" left out/)]);
  });
});

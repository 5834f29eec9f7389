import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkedFilesOf } from './linked-files.ts';
import { renderFixture, renderForTest } from './render-for-test.ts';

describe('rehypeRawHtml', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives links in raw HTML the base path, page URLs and rel, as Markdown links get', async () => {
    const { html, expected } = await renderFixture('raw-html', { base: '/sub/', path: 'guides/intro.md' });
    expect(html).toBe(expected);
    for (const attribute of [
      // Markdown, by remark-base-links, not prefixed twice
      'href="/sub/tags/x/"',
      'href="/sub/tags/z/"',
      'href="/sub/guides/sibling/"',
      // raw HTML
      'href="/sub/tags/y/"',
      'href="/sub/other/#part"',
      'href="/sub/"',
      'src="/sub/img/logo.png"',
      'srcset="/sub/img/logo.png 1x, /sub/img/logo@2x.png 2x"',
      'src="/sub/media/demo.webm"',
      'poster="/sub/media/demo.jpg"',
      // left as written
      'href="mailto:a@example.com"',
      'href="#here"',
      'href="./diagram.png"',
      'href="/sub/already/"',
    ]) {
      expect(html).toContain(attribute);
    }
    expect(html).toContain('<a href="https://example.com/" rel="external noopener noreferrer">another site</a>');
    // rehype-heading-anchors now sees the heading written in HTML
    expect(html).toContain('<h2 id="a-heading-in-html">A heading in HTML</h2><a class="heading-anchor" href="#a-heading-in-html"');
  });

  it('leaves a page without raw HTML as Astro would render it', async () => {
    const markdown = 'A [link](/x/) and `<a href="/y/">code</a>`.\n\n```html\n<a href="/z/">z</a>\n```\n';
    const { code } = await renderForTest(markdown, { base: '/sub/' });
    expect(code).toContain('<a href="/sub/x/">link</a>');
    expect(code).toContain('<code>&#x3C;a href="/y/">code&#x3C;/a></code>');
    expect(code).not.toContain('href="/sub/z/"');
  });

  it('warns about a raw link to a .md file outside the content folder and keeps it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await renderForTest('Text.\n\n<p>\n  <a href="../../x.md">up</a>\n</p>\n', { path: 'a/page.md' });
    expect(result.code).toContain('href="../../x.md"');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/a\/page\.md:4:3: Link "\.\.\/\.\.\/x\.md" left as written: its target is outside the content folder\. \(UNRESOLVED_MD_LINK\)$/);
  });

  it('points a raw link to another file of the content folder where the build publishes it', async () => {
    const { code, metadata } = await renderForTest('<p><a href="./config.yaml#top">config</a></p>\n', { path: 'guides/intro.md', base: '/sub/' });
    expect(code).toContain('<a href="/sub/guides/config.yaml#top">config</a>');
    expect(linkedFilesOf({ metadata })).toEqual(['guides/config.yaml']);
  });

  it('publishes the files a <video>, <track>, poster or srcset names beside the page', async () => {
    const markdown = [
      '<video controls poster="poster%20one.svg"><track kind="captions" src="./talk.vtt"></video>',
      '',
      '<picture><source srcset="poster%20one.svg 1x, ../other.svg 2x" type="image/svg+xml"><img src="./diagram.svg" alt="d"></picture>',
      '',
    ].join('\n');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { code, metadata } = await renderForTest(markdown, { path: 'guides/intro.md', base: '/sub/' });
    expect(code).toContain('poster="/sub/guides/poster%20one.svg"');
    expect(code).toContain('src="/sub/guides/talk.vtt"');
    // The candidate that names no file stays as written, with a warning at its element.
    expect(code).toContain('srcset="/sub/guides/poster%20one.svg 1x, ../other.svg 2x"');
    expect(linkedFilesOf({ metadata }).sort()).toEqual(['guides/poster one.svg', 'guides/talk.vtt']);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/guides\/intro\.md:3:10: File URL "\.\.\/other\.svg" left as written: there is no file other\.svg in the content folder\. \(UNRESOLVED_FILE\)$/),
    ]);
  });

  it('warns about a media file that is not in the content folder, or not one to fetch', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const markdown = '<video src="clip.webm"></video>\n\n<iframe src="demo.html" title="demo"></iframe>\n\n<iframe src="../other/" title="a page"></iframe>\n';
    const { code, metadata } = await renderForTest(markdown, { path: 'guides/intro.md' });
    expect(code).toContain('src="clip.webm"');
    expect(code).toContain('src="demo.html"');
    expect(code).toContain('src="../other/"');
    expect(linkedFilesOf({ metadata })).toEqual([]);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/intro\.md:1:1: File URL "clip\.webm" left as written: there is no file guides\/clip\.webm in the content folder\. \(UNRESOLVED_FILE\)$/),
      expect.stringMatching(/intro\.md:3:1: File URL "demo\.html" left as written: guides\/demo\.html is HTML, a script or a stylesheet/),
    ]);
  });

  it('hands a relative <img> to Astro’s image pipeline as a Markdown image is', async () => {
    const { code, metadata } = await renderForTest('<img src="./diagram%20one.svg" alt="d" width="120">\n');
    expect(metadata.localImagePaths).toEqual(['./diagram one.svg']);
    expect(metadata.remoteImagePaths).toEqual([]);
    expect(code).toContain('__ASTRO_IMAGE_=');
    expect(code).toContain('&#x22;width&#x22;:120');
  });
});

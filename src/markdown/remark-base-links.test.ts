import { afterEach, describe, expect, it, vi } from 'vitest';
import { warningsOf } from './entry-warnings.ts';
import { linkedFilesOf } from './linked-files.ts';
import { renderFixture, renderForTest } from './render-for-test.ts';

describe('remarkBaseLinks', () => {
  it('rewrites root-relative and .md links for a site at /', async () => {
    const { html, expected } = await renderFixture('base-links', { base: '/', path: 'guides/intro.md', output: 'output-root.html' });
    expect(html).toBe(expected);
    expect(html).toContain('<a href="/other/">other</a>');
    expect(html).toContain('<a href="/tags/x/">tags</a>');
  });

  it('rewrites root-relative and .md links for a site at /sub/', async () => {
    const { html, expected } = await renderFixture('base-links', { base: '/sub/', path: 'guides/intro.md', output: 'output-sub.html' });
    expect(html).toBe(expected);
    for (const href of [
      '/sub/tags/x/',
      '/sub/',
      '/sub/other/',
      '/sub/guides/sub/page/#frag',
      '/sub/guides/page/',
      '/sub/guides/my-file/',
      '/sub/guides/%C3%BCber-uns/',
      '/sub/guides/caf%C3%A9-cr%C3%A8me/?x=1#top',
      '/sub/readme/',
      '/sub/guides/sub/',
      '/sub/other/#ref',
      'https://example.com/a.md',
      'mailto:a@example.com',
      '#local',
      './diagram.png',
      '//cdn.example.com/x.md',
      '../../outside.md',
    ]) {
      expect(html).toContain(`href="${href}"`);
    }
    expect(html).toContain('<img src="/sub/img/logo.png" alt="logo">');
  });

  afterEach(() => vi.restoreAllMocks());

  it('leaves a link to a file that is not there as written and warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { code, metadata } = await renderForTest('See [the other page](./othr.md#part) and [one that is there](./sibling.md).\n', { path: 'guides/intro.md' });
    expect(code).toContain('<a href="./othr.md#part">the other page</a>');
    expect(code).toContain('<a href="/guides/sibling/">one that is there</a>');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/guides\/intro\.md:1:5: Link "\.\/othr\.md#part" left as written: there is no file guides\/othr\.md in the content folder\. \(UNRESOLVED_MD_LINK\)$/);
    // Kept with the render, for a later build that reuses it (entry-warnings.ts).
    expect(warningsOf({ metadata })).toEqual([warn.mock.calls[0]?.[0]]);
  });

  it('points a link to another file of the content folder where the build publishes it, and lists the file', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const markdown = 'The [config](./config.yaml?v=2#keys), [notes](notes%20v2.txt), [again](./config.yaml), a [folder](./sub/) and a [page URL](../other/).\n';
    const { code, metadata } = await renderForTest(markdown, { path: 'guides/intro.md', base: '/sub/' });
    expect(code).toContain('<a href="/sub/guides/config.yaml?v=2#keys">config</a>');
    expect(code).toContain('<a href="/sub/guides/notes%20v2.txt">notes</a>');
    expect(code).toContain('<a href="/sub/guides/config.yaml">again</a>');
    expect(code).toContain('<a href="/sub/guides/sub/">folder</a>');
    expect(code).toContain('<a href="../other/">page URL</a>');
    expect(linkedFilesOf({ metadata })).toEqual(['guides/config.yaml', 'guides/notes v2.txt']);
    expect(warn).not.toHaveBeenCalled();
  });

  it('takes a link to a folder to its README.md or index.md page, and the content folder to the home page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const markdown = 'The [sub folder](sub#setup), [the docs](../), [this folder](./) and [up again](sub/..).\n';
    const { code } = await renderForTest(markdown, { path: 'guides/intro.md', base: '/sub/' });
    expect(code).toContain('<a href="/sub/guides/sub/#setup">sub folder</a>');
    expect(code).toContain('<a href="/sub/">the docs</a>');
    // guides/ has pages but neither README.md nor index.md: no page stands for it.
    expect(code).toContain('<a href="./">this folder</a>');
    expect(code).toContain('<a href="sub/..">up again</a>');
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/guides\/intro\.md:1:47: Link "\.\/" left as written: guides\/ is a folder with no README\.md or index\.md, so the site has no page for it\./),
      expect.stringMatching(/guides\/intro\.md:1:69: Link "sub\/\.\." left as written: guides\/ is a folder/),
    ]);
  });

  it('does not publish HTML, scripts or stylesheets of the content folder, and warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { code, metadata } = await renderForTest('A [demo](./demo.html).\n', { path: 'guides/intro.md' });
    expect(code).toContain('<a href="./demo.html">demo</a>');
    expect(linkedFilesOf({ metadata })).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/guides\/intro\.md:1:3: Link "\.\/demo\.html" left as written: guides\/demo\.html is HTML, a script or a stylesheet/);
  });

  it('leaves a link out of the content folder as written and warns with its place', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { code } = await renderForTest('Text.\n\nSee [up](../../x.md).\n', { path: 'a/page.md' });
    expect(code).toContain('href="../../x.md"');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^\[fieldnotes\] warning .*a\/page\.md:3:5: Link "\.\.\/\.\.\/x\.md" left as written: its target is outside the content folder\. \(UNRESOLVED_MD_LINK\)$/,
    );
  });
});

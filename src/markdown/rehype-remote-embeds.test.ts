import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderFixture } from './render-for-test.ts';

describe('rehypeRemoteEmbeds', () => {
  afterEach(() => vi.restoreAllMocks());

  it('turns images, frames and media from other sites into links or text, and warns at each', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { html, expected } = await renderFixture('remote-embeds');
    expect(html).toBe(expected);
    // a badge inside a link: its alt text, as a link cannot hold a link
    expect(html).toContain('<a href="https://ci.example.com/project" rel="noopener noreferrer">Build status</a>');
    expect(html).toContain('<a href="//img.example.com/coverage.svg" rel="noopener noreferrer">Coverage</a>');
    expect(html).toContain('<a href="https://img.example.com/no-alt.png" rel="noopener noreferrer">Image on img.example.com</a>');
    expect(html).toContain('<p><a href="https://video.example.com/embed/abc" rel="noopener noreferrer">Deploying in five minutes</a></p>');
    expect(html).toContain('<a href="https://cdn.example.com/demo.webm" rel="noopener noreferrer">Video on cdn.example.com</a>');
    // an image of this site keeps its own src; only the srcset candidate from elsewhere goes
    // (the local one points where the build publishes the file: rehype-raw-html.ts)
    expect(html).toContain('&#x22;srcSet&#x22;:&#x22;/local.png 1x&#x22;');
    expect(html).not.toContain('local@2x');
    expect(html).not.toMatch(/<(img|iframe|video|source)[^>]+(src|srcset)="(https:)?\/\//);
    // local, data: and code are left alone
    expect(html).toContain('__ASTRO_IMAGE_');
    expect(html).toContain('src="data:image/gif;base64,R0lGODlhAQABAAAAACw="');
    expect(html).toContain('<code>![code](https://x.example.com/a.png)</code>');

    // a <picture> goes with its <img>; one with an image of this site keeps it and its own sources
    expect(html).toContain('<p><a href="https://img.example.com/logo-light.svg" rel="noopener noreferrer">Acme logo</a></p>');
    expect(html).toMatch(/<picture>\s*<img __ASTRO_IMAGE_="\{&#x22;src&#x22;:&#x22;\.\/mark\.svg&#x22;/);
    expect(html).not.toContain('dark.svg');

    const warnings = warn.mock.calls.map((call) => String(call[0]));
    expect(warnings).toHaveLength(9);
    expect(warnings[6]).toMatch(/page\.md:16:3: Picture source from another site left out: https:\/\/img\.example\.com\/logo-dark\.svg/);
    expect(warnings[7]).toMatch(/page\.md:15:1: Image from another site shown as a link: https:\/\/img\.example\.com\/logo-light\.svg/);
    expect(warnings[0]).toMatch(/page\.md:3:2: Image from another site shown as text: https:\/\/ci\.example\.com\/badge\.svg \(the site loads nothing/);
    expect(warnings[2]).toMatch(/page\.md:5:1: Image from another site shown as a link: https:\/\/img\.example\.com\/no-alt\.png/);
    expect(warnings[3]).toMatch(/page\.md:7:1: Embedded page from another site shown as a link/);
    expect(warnings[5]).toMatch(/page\.md:11:1: Image source from another site left out of srcset: https:\/\/cdn\.example\.com\/local@2x\.png/);
  });
});

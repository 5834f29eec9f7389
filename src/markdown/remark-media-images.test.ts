import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkedFilesOf } from './linked-files.ts';
import { renderForTest } from './render-for-test.ts';

describe('remarkMediaImages', () => {
  afterEach(() => vi.restoreAllMocks());

  it('plays a sound or a video written as an image, from the file published beside the page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const markdown = '![The chime](chime.wav)\n\nA clip: ![](missing%20clip.mp4?t=2).\n\n![Diagram](./diagram.svg)\n';
    const { code, metadata } = await renderForTest(markdown, { path: 'guides/intro.md', base: '/sub/' });
    expect(code).toContain(
      '<audio controls preload="metadata" src="/sub/guides/chime.wav" aria-label="The chime"><a href="/sub/guides/chime.wav">The chime</a></audio>',
    );
    // No alt text: the file's name labels the player.
    expect(code).toContain(
      '<video controls preload="metadata" src="missing%20clip.mp4?t=2" aria-label="missing clip.mp4"><a href="missing%20clip.mp4?t=2">missing clip.mp4</a></video>',
    );
    expect(linkedFilesOf({ metadata })).toEqual(['guides/chime.wav']);
    // Real images still go to Astro's image pipeline; the players do not.
    expect(metadata.localImagePaths).toEqual(['./diagram.svg']);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/guides\/intro\.md:3:9: File URL "missing%20clip\.mp4\?t=2" left as written: there is no file guides\/missing clip\.mp4 in the content folder\./),
    ]);
  });

  it('links to a file that is neither an image nor media, and warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { code, metadata } = await renderForTest('Captions: ![the captions](./talk.vtt)\n', { path: 'guides/intro.md' });
    expect(code).toContain('<p>Captions: <a href="/guides/talk.vtt">the captions</a></p>');
    expect(linkedFilesOf({ metadata })).toEqual(['guides/talk.vtt']);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/guides\/intro\.md:1:11: Image "\.\/talk\.vtt" is not an image file; shown as a link to it\. \(NOT_AN_IMAGE\)$/),
    ]);
  });

  it('plays an image reference whose definition names a sound', async () => {
    const { code, metadata } = await renderForTest('![The chime][c]\n\n[c]: ./chime.wav\n', { path: 'guides/intro.md' });
    expect(code).toContain('<audio controls preload="metadata" src="/guides/chime.wav" aria-label="The chime">');
    expect(linkedFilesOf({ metadata })).toEqual(['guides/chime.wav']);
    expect(metadata.localImagePaths).toEqual([]);
  });

  it('leaves images of other sites to rehype-remote-embeds', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { code } = await renderForTest('![talk](https://video.example.com/talk.mp4)\n', { path: 'guides/intro.md' });
    expect(code).not.toContain('<video');
    expect(code).toContain('href="https://video.example.com/talk.mp4"');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attribute, decodeCharacterReferences, htmlTags } from './html-tags.ts';

describe('htmlTags', () => {
  it('reads start tags with quoted, unquoted and bare attributes', () => {
    const tags = htmlTags(`<a href="/x" data-n=3 hidden class='c d'>x</a>`);
    expect(tags).toHaveLength(1);
    expect(tags[0]?.name).toBe('a');
    expect(tags[0]?.attributes.map((a) => [a.name, a.value])).toEqual([
      ['href', '/x'],
      ['data-n', '3'],
      ['hidden', ''],
      ['class', 'c d'],
    ]);
  });

  it('gives the offset of each value and of the tag end', () => {
    const html = `<p><img src="a.png"></p>`;
    const img = htmlTags(html).find((t) => t.name === 'img')!;
    expect(html.slice(img.attributes[0]!.offset, img.attributes[0]!.offset + 5)).toBe('a.png');
    expect(html.slice(img.offset, img.end)).toBe('<img src="a.png">');
  });

  it('skips comments, doctypes and end tags', () => {
    const tags = htmlTags(`<!doctype html><!-- <script src="https://x.example/a.js"></script> --><b>t</b>`);
    expect(tags.map((t) => t.name)).toEqual(['b']);
  });

  it('takes script and style content verbatim, so markup inside is not a tag', () => {
    const tags = htmlTags(`<script>let s = "<img src='https://x.example/p.png'>";</script><style>a{}</style><i>`);
    expect(tags.map((t) => t.name)).toEqual(['script', 'style', 'i']);
    expect(tags[0]?.text).toBe(`let s = "<img src='https://x.example/p.png'>";`);
    expect(tags[1]?.text).toBe('a{}');
  });

  it('does not see tags in escaped text', () => {
    expect(htmlTags('<code>&lt;script src="https://x.example"&gt;</code>').map((t) => t.name)).toEqual(['code']);
  });

  it('knows which tags are in the head', () => {
    const tags = htmlTags('<html><head><meta charset="utf-8"><script>1</script></head><body><script>2</script></body></html>');
    expect(tags.filter((t) => t.name === 'script').map((t) => [t.text, t.inHead])).toEqual([
      ['1', true],
      ['2', false],
    ]);
  });

  it('decodes character references in values', () => {
    const [tag] = htmlTags('<a href="https&colon;&#x2F;&#47;x.example/?a=1&amp;b=2">');
    expect(attribute(tag!, 'href')).toBe('https://x.example/?a=1&b=2');
  });

  it('survives unterminated input', () => {
    expect(htmlTags('<a href="x').map((t) => t.name)).toEqual(['a']);
    expect(htmlTags('<script>never closed').at(0)?.text).toBe('never closed');
    expect(htmlTags('<!-- open')).toEqual([]);
    expect(htmlTags('a < b')).toEqual([]);
  });
});

describe('decodeCharacterReferences', () => {
  it('leaves unknown names alone and replaces invalid code points', () => {
    expect(decodeCharacterReferences('&unknown; &#0; &lt;')).toBe('&unknown; \ufffd <');
  });

  it('gives what the full decoding gives for values without a reference, which skip it', () => {
    // A leading "&amp;" makes the decoder run; it decodes to the "&" dropped again.
    const piece = fc.constantFrom('&', 'amp', ';', '#', '58', 'x3a', 'colon', 'a', ' ', 'http', ':', '/', 'lt');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')), (value) => {
        expect(decodeCharacterReferences(value)).toBe(decodeCharacterReferences(`&amp;${value}`).slice(1));
      }),
    );
  });
});

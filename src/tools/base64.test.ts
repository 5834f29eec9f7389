import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Tool, reindentJson } from './base64.ts';
import type { ToolOutput, ToolResult } from './tool.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));

function onlyOutput(result: ToolResult): ToolOutput {
  if (!result.ok) throw new Error(`expected ok, got ${result.errors.map((e) => e.code).join(', ')}`);
  expect(result.outputs).toHaveLength(1);
  const [output] = result.outputs;
  if (!output) throw new Error('no output');
  return output;
}

// The JSON of the example, and its indented form from
// `python3 -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.read()), indent=2))'`.
const dockerConfig =
  '{"auths":{"https://registry.gitlab.com":{"username":"yourusername","password":"yourtoken","auth":"eW91cnVzZXJuYW1lOnlvdXJ0b2tlbg=="}}}';
const dockerConfigIndented = `{
  "auths": {
    "https://registry.gitlab.com": {
      "username": "yourusername",
      "password": "yourtoken",
      "auth": "eW91cnVzZXJuYW1lOnlvdXJ0b2tlbg=="
    }
  }
}`;
const dockerConfigBase64 = base64Tool.examples['Docker config JSON (.dockerconfigjson)'];

describe('base64 tool: decode', () => {
  it('shows markup as the literal text it is', () => {
    // printf '<img src=x onerror=alert(1)>' | base64
    const output = onlyOutput(base64Tool.run({ text: 'PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPg==' }, {}));
    expect(output).toEqual({ label: 'Decoded', fileName: 'decoded.txt', bytes: utf8('<img src=x onerror=alert(1)>'), text: '<img src=x onerror=alert(1)>' });
  });

  it('indents JSON for reading but keeps the exact bytes for download', () => {
    const result = base64Tool.run({ text: dockerConfigBase64 }, { mode: 'decode' });
    const output = onlyOutput(result);
    expect(output.text).toBe(dockerConfigIndented);
    expect(output.bytes).toEqual(utf8(dockerConfig));
    expect(output.fileName).toBe('decoded.json');
    expect(result.messages.map((m) => m.text)).toContain('JSON is shown indented; Download saves the exact decoded bytes.');
  });

  it('shows JSON as decoded when pretty-printing is off', () => {
    const output = onlyOutput(base64Tool.run({ text: dockerConfigBase64 }, { prettyJson: false }));
    expect(output.text).toBe(dockerConfig);
    expect(output.fileName).toBe('decoded.json');
  });

  it('keeps text that only looks like JSON as text', () => {
    // printf '{not json' | base64
    const output = onlyOutput(base64Tool.run({ text: 'e25vdCBqc29u' }, {}));
    expect(output.text).toBe('{not json');
    expect(output.fileName).toBe('decoded.txt');
  });

  it('describes binary data instead of showing it', () => {
    const png = fromHex(
      '89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b550000000a49444154789c636000000002000148afa4710000000049454e44ae426082',
    );
    const output = onlyOutput(base64Tool.run({ text: base64Tool.examples['PNG image as a data: URL'] }, {}));
    expect(output.bytes).toEqual(png);
    expect(output.text).toBeUndefined();
    expect(output.fileName).toBe('decoded.png');
    expect(output.facts).toEqual([
      ['Size', '67 bytes'],
      ['Detected type', 'PNG image (image/png)'],
      ['First 32 bytes (hex)', '89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52 00 00 00 01 00 00 00 01 08 00 00 00 00 3a 7e 9b …'],
    ]);
  });

  it('names unknown binary data decoded.bin', () => {
    // printf '\x00\x01\x02\xff' | base64
    const output = onlyOutput(base64Tool.run({ text: 'AAEC/w==' }, {}));
    expect(output.fileName).toBe('decoded.bin');
    expect(output.facts).toEqual([
      ['Size', '4 bytes'],
      ['Detected type', 'Unknown binary data'],
      ['First 32 bytes (hex)', '00 01 02 ff'],
    ]);
  });

  it('says when the input was URL-safe', () => {
    // printf '\x00\x01\x02\xfa\xfb\xfc\xfd\xfe\xff' | basenc --base64url
    const result = base64Tool.run({ text: 'AAEC-vv8_f7_' }, {});
    expect(onlyOutput(result).bytes).toEqual(Uint8Array.of(0, 1, 2, 250, 251, 252, 253, 254, 255));
    expect(result.messages.map((m) => m.text)).toContain('The input uses the URL-safe alphabet (- and _, RFC 4648 §5).');
  });

  it('reports bad input as an error with its position', () => {
    const result = base64Tool.run({ text: 'QUJD\nR%==' }, {});
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          code: 'BAD_BASE64_CHAR',
          message: "'%' (U+0025) is not a base64 character",
          position: { offset: 6, line: 2, column: 2, lineText: 'R%==' },
        },
      ],
      messages: [],
    });
  });

  it('applies the strict option', () => {
    expect(onlyOutput(base64Tool.run({ text: 'QUJD\nQUJD' }, {})).text).toBe('ABCABC');
    const strict = base64Tool.run({ text: 'QUJD\nQUJD' }, { strict: true });
    expect(strict.ok ? [] : strict.errors.map((e) => [e.code, e.position?.line, e.position?.column])).toEqual([['UNEXPECTED_WHITESPACE', 1, 5]]);
  });

  it('decodes an opened file from its text', () => {
    const output = onlyOutput(base64Tool.run({ text: 'Zm9vYmFy\n', bytes: utf8('Zm9vYmFy\n'), fileName: 'x.b64' }, {}));
    expect(output.text).toBe('foobar');
  });

  it('decodes a file that arrived as bytes only', () => {
    expect(onlyOutput(base64Tool.run({ bytes: utf8('Zm9vYmFy') }, {})).text).toBe('foobar');
  });

  it('decodes every example', () => {
    for (const [name, text] of Object.entries(base64Tool.examples)) {
      expect(base64Tool.run({ text }, {}).ok, name).toBe(true);
    }
    expect(onlyOutput(base64Tool.run({ text: base64Tool.examples['Registry auth field (user:token)'] }, {})).text).toBe('yourusername:yourtoken');
    expect(onlyOutput(base64Tool.run({ text: base64Tool.examples['Plain text with a line break'] }, {})).text).toBe('Hello from Fieldnotes!\n');
  });
});

describe('base64 tool: encode', () => {
  it('encodes typed text as UTF-8', () => {
    // printf 'ü€' | base64
    expect(onlyOutput(base64Tool.run({ text: 'ü€' }, { mode: 'encode' }))).toEqual({
      label: 'Encoded',
      fileName: 'encoded.txt',
      bytes: utf8('w7zigqw='),
      text: 'w7zigqw=',
    });
  });

  it('encodes an opened file byte for byte, ignoring its lossy text', () => {
    const bytes = Uint8Array.of(0, 1, 2, 250, 251, 252, 253, 254, 255);
    const input = { bytes, text: new TextDecoder().decode(bytes), fileName: 'blob.bin' };
    // printf '\x00\x01\x02\xfa\xfb\xfc\xfd\xfe\xff' | base64, and | basenc --base64url without '='
    expect(onlyOutput(base64Tool.run(input, { mode: 'encode' })).text).toBe('AAEC+vv8/f7/');
    expect(onlyOutput(base64Tool.run(input, { mode: 'encode', alphabet: 'url' })).text).toBe('AAEC-vv8_f7_');
  });

  it('leaves out padding and wraps at 76 when asked', () => {
    // printf 'ü€' | base64 is w7zigqw=
    expect(onlyOutput(base64Tool.run({ text: 'ü€' }, { mode: 'encode', padding: false })).text).toBe('w7zigqw');
    // bytes 0..99 through `base64 -w 76`, without its final newline
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
    expect(onlyOutput(base64Tool.run({ bytes }, { mode: 'encode', wrap76: true })).text).toBe(
      'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4\nOTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiYw==',
    );
  });

  it('round-trips through decode for any bytes and any encode options', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('standard', 'url'), fc.boolean(), fc.boolean(), (bytes, alphabet, padding, wrap76) => {
        const encoded = onlyOutput(base64Tool.run({ bytes }, { mode: 'encode', alphabet, padding, wrap76 }));
        expect(encoded.text === undefined ? undefined : utf8(encoded.text)).toEqual(encoded.bytes);
        expect(onlyOutput(base64Tool.run({ text: encoded.text ?? '' }, { mode: 'decode' })).bytes).toEqual(bytes);
      }),
    );
  });
});

describe('base64 tool: any input', () => {
  it('returns a result, never throws', () => {
    const optionValues = fc.record({ mode: fc.constantFrom('decode', 'encode'), strict: fc.boolean(), prettyJson: fc.boolean() });
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), optionValues, (text, options) => {
        const result = base64Tool.run({ text }, options);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.errors).toHaveLength(1);
      }),
    );
  });
});

describe('reindentJson', () => {
  it('keeps numbers, escapes and duplicate keys exactly as written', () => {
    // Worked out by hand; JSON.parse would round the number and drop the first "k".
    expect(reindentJson('{"n":12345678901234567890,"s":"a\\"b\\u0041","k":1,"k":2}')).toBe(
      '{\n  "n": 12345678901234567890,\n  "s": "a\\"b\\u0041",\n  "k": 1,\n  "k": 2\n}',
    );
  });

  it('writes empty containers on one line and drops insignificant whitespace', () => {
    expect(reindentJson(' { "a" : [ ] , "b" :\r\n{ } , "c": [1 ,\ttrue, null] } ')).toBe('{\n  "a": [],\n  "b": {},\n  "c": [\n    1,\n    true,\n    null\n  ]\n}');
  });

  it('matches JSON.stringify with an indent, and is idempotent', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('  ', '    ', '\t'), (value, indent) => {
        const indented = JSON.stringify(value, null, indent);
        expect(reindentJson(JSON.stringify(value), indent)).toBe(indented);
        expect(reindentJson(indented, indent)).toBe(indented);
      }),
    );
  });
});

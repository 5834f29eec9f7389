import { describe, expect, it } from 'vitest';
import { FileNamePool, MAX_FILE_NAME_LENGTH, isPlainFileName, splitExtension, toSafeFileName } from './safe-file-name.ts';

describe('isPlainFileName', () => {
  it.each(['username', 'tls.crt', 'ssh-privatekey', 'ca_bundle.pem', 'A1', 'x'.repeat(MAX_FILE_NAME_LENGTH), 'console', 'com10', 'nullable.txt'])(
    'accepts %s',
    (name) => {
      expect(isPlainFileName(name)).toBe(true);
    },
  );

  it.each([
    ['', 'empty'],
    ['.dockerconfigjson', 'hidden on Unix'],
    ['.', 'the current folder'],
    ['..', 'the parent folder'],
    ['-rf', 'read as an option'],
    ['notes.', 'Windows drops the trailing dot'],
    ['my key', 'space'],
    ['a/b', 'folder separator'],
    ['a\\b', 'Windows folder separator'],
    ['a:b', 'Windows stream separator'],
    ['pässwort', 'not portable'],
    ['con', 'Windows device'],
    ['NUL.txt', 'Windows device with extension'],
    ['lpt1.tar.gz', 'Windows device with two extensions'],
    ['Com9', 'Windows device in mixed case'],
    ['x'.repeat(MAX_FILE_NAME_LENGTH + 1), 'too long'],
  ])('rejects %j (%s)', (name) => {
    expect(isPlainFileName(name)).toBe(false);
  });
});

describe('toSafeFileName', () => {
  it('keeps a plain name as it is', () => {
    expect(toSafeFileName('tls.crt', 'file')).toBe('tls.crt');
  });

  it('drops leading dots and dashes and trailing dots', () => {
    expect(toSafeFileName('.dockerconfigjson', 'file')).toBe('dockerconfigjson');
    expect(toSafeFileName('..env', 'file')).toBe('env');
    expect(toSafeFileName('--force', 'file')).toBe('force');
    expect(toSafeFileName('notes..', 'file')).toBe('notes');
  });

  it('turns each run of unsafe characters into one underscore', () => {
    expect(toSafeFileName('my  key/part', 'file')).toBe('my_key_part');
    expect(toSafeFileName('a<script>b', 'file')).toBe('a_script_b');
  });

  it('drops accents instead of replacing the letter', () => {
    expect(toSafeFileName('pässwort', 'file')).toBe('passwort');
  });

  it('moves Windows device names out of the way', () => {
    expect(toSafeFileName('con', 'file')).toBe('con_');
    expect(toSafeFileName('nul.txt', 'file')).toBe('nul_.txt');
    expect(isPlainFileName(toSafeFileName('aux', 'file'))).toBe(true);
  });

  it('falls back when nothing usable is left', () => {
    expect(toSafeFileName('', 'file')).toBe('file');
    expect(toSafeFileName('...', 'file')).toBe('file');
    expect(toSafeFileName('日本', 'file')).toBe('file');
  });

  it('cuts long names and keeps a short extension', () => {
    const long = toSafeFileName(`${'a'.repeat(200)}.pem`, 'file');
    expect(long).toBe(`${'a'.repeat(MAX_FILE_NAME_LENGTH - 4)}.pem`);
    expect(long.length).toBe(MAX_FILE_NAME_LENGTH);
  });

  it('always returns a plain name', () => {
    for (const text of ['.a', '-', 'a.', 'con.', 'x y z', '\u0000', '.' + 'b'.repeat(300), 'lpt3']) {
      expect(isPlainFileName(toSafeFileName(text, 'file')), text).toBe(true);
    }
  });

  it('refuses a fallback that is not plain, as that is a bug', () => {
    expect(() => toSafeFileName('', '.hidden')).toThrow();
  });
});

describe('splitExtension', () => {
  it.each([
    ['tls.crt', 'tls', '.crt'],
    ['app.tls.crt', 'app.tls', '.crt'],
    ['username', 'username', ''],
    ['.env', '.env', ''],
  ])('%s → %s + %s', (name, base, extension) => {
    expect(splitExtension(name)).toEqual({ base, extension });
  });
});

describe('FileNamePool', () => {
  it('hands out a free name unchanged', () => {
    expect(new FileNamePool().claim('tls.crt')).toBe('tls.crt');
  });

  it('numbers a taken name before its extension', () => {
    const pool = new FileNamePool();
    expect(pool.claim('tls.crt')).toBe('tls.crt');
    expect(pool.claim('tls.crt')).toBe('tls-2.crt');
    expect(pool.claim('tls.crt')).toBe('tls-3.crt');
    expect(pool.claim('token')).toBe('token');
    expect(pool.claim('token')).toBe('token-2');
  });

  it('treats names that differ only in case as the same', () => {
    const pool = new FileNamePool();
    expect(pool.claim('Token')).toBe('Token');
    expect(pool.claim('token')).toBe('token-2');
    expect(pool.has('TOKEN')).toBe(true);
  });

  it('never hands out a reserved name', () => {
    const pool = new FileNamePool(['kustomization.yaml']);
    expect(pool.claim('Kustomization.yaml')).toBe('Kustomization-2.yaml');
  });

  it('skips a numbered variant that is itself taken', () => {
    const pool = new FileNamePool(['a.txt', 'a-2.txt']);
    expect(pool.claim('a.txt')).toBe('a-3.txt');
  });
});

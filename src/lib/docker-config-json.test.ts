import { describe, expect, it } from 'vitest';
import { DOCKER_HUB_SERVER, dockerConfigJson, dockerConfigMessages, goJsonString, readDockerConfigJson } from './docker-config-json.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('goJsonString', () => {
  it.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['q"b\\s', '"q\\"b\\\\s"'],
    // Go escapes these for HTML safety; JSON.stringify does not.
    ['<a>&', '"\\u003ca\\u003e\\u0026"'],
    ['\b\f\n\r\t', '"\\b\\f\\n\\r\\t"'],
    ['\u0000\u0001\u001f', '"\\u0000\\u0001\\u001f"'],
    // DEL and non-ASCII are written as they are.
    ['\u007fé世🔑', '"\u007fé世🔑"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    // A lone surrogate is not valid text; Go writes U+FFFD for invalid UTF-8.
    ['a\ud800b', '"a\\ufffdb"'],
  ])('%j → %s', (text, expected) => {
    expect(goJsonString(text)).toBe(expected);
  });

  it('reads back as the same text, except for lone surrogates', () => {
    for (const text of ['<script>"x"</script>', 'tab\there', 'é\u2028']) expect(JSON.parse(goJsonString(text))).toBe(text);
  });
});

describe('dockerConfigJson', () => {
  // Expected strings: the decoded .dockerconfigjson of `kubectl create secret docker-registry`
  // (kubectl v1.32) for the same flags.
  it('matches kubectl with every escaped character class', () => {
    expect(
      dockerConfigJson({ server: 'r<>&', username: 'u', password: 'a\bb\fc\nd\re\tf\u0001g\u007fh\u2028i\u2029j', email: 'é"' }),
    ).toBe(
      '{"auths":{"r\\u003c\\u003e\\u0026":{"username":"u","password":"a\\bb\\fc\\nd\\re\\tf\\u0001g\u007fh\\u2028i\\u2029j","email":"é\\"","auth":"dTphCGIMYwpkDWUJZgFnf2jigKhp4oCpag=="}}}',
    );
  });

  it('matches kubectl for non-ASCII and leaves out an empty email', () => {
    expect(dockerConfigJson({ server: DOCKER_HUB_SERVER, username: 'jöran', password: 'пароль-🔑', email: '' })).toBe(
      '{"auths":{"https://index.docker.io/v1/":{"username":"jöran","password":"пароль-🔑","auth":"asO2cmFuOtC/0LDRgNC+0LvRjC3wn5SR"}}}',
    );
  });

  it('matches kubectl for a plain credential with email', () => {
    expect(dockerConfigJson({ server: 'registry.example.com', username: 'ci-bot', password: 'not-a-real-token-42', email: 'ci@example.com' })).toBe(
      '{"auths":{"registry.example.com":{"username":"ci-bot","password":"not-a-real-token-42","email":"ci@example.com","auth":"Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4tNDI="}}}',
    );
  });
});

describe('readDockerConfigJson', () => {
  it('checks auth against username and password', () => {
    const reading = readDockerConfigJson(
      utf8(
        JSON.stringify({
          auths: {
            good: { username: 'ci-bot', password: 'not-a-real-token-42', auth: 'Y2ktYm90Om5vdC1hLXJlYWwtdG9rZW4tNDI=' },
            // base64 of "other:pw"
            wrong: { username: 'ci-bot', password: 'x', auth: 'b3RoZXI6cHc=' },
            none: { username: 'a', password: 'b' },
            bad: { username: 'a', password: 'b', auth: '!!!' },
            // base64 of "only:auth"
            authOnly: { auth: 'b25seTphdXRo' },
            odd: 'not an object',
          },
        }),
      ),
    );
    expect(reading).toEqual({
      ok: true,
      registries: [
        { server: 'good', username: 'ci-bot', hasPassword: true, auth: 'matches', authUsername: 'ci-bot' },
        { server: 'wrong', username: 'ci-bot', hasPassword: true, auth: 'mismatch', authUsername: 'other' },
        { server: 'none', username: 'a', hasPassword: true, auth: 'missing' },
        { server: 'bad', username: 'a', hasPassword: true, auth: 'undecodable' },
        { server: 'authOnly', hasPassword: false, auth: 'unchecked', authUsername: 'only' },
        { server: 'odd', hasPassword: false, auth: 'missing' },
      ],
    });
  });

  it('compares bytes, so non-ASCII credentials match', () => {
    const json = dockerConfigJson({ server: 's', username: 'jöran', password: 'пароль-🔑' });
    expect(readDockerConfigJson(utf8(json))).toMatchObject({ ok: true, registries: [{ auth: 'matches', authUsername: 'jöran' }] });
  });

  it('says why a payload is not a registry config', () => {
    expect(readDockerConfigJson(utf8('{"auths": '))).toMatchObject({ ok: false });
    expect(readDockerConfigJson(utf8('{"credsStore":"desktop"}'))).toEqual({ ok: false, reason: 'it has no "auths" object' });
    expect(readDockerConfigJson(new Uint8Array([0xff]))).toMatchObject({ ok: false });
  });
});

describe('dockerConfigMessages', () => {
  it('shows each registry and user, never the password', () => {
    const json = dockerConfigJson({ server: 'registry.example.com', username: 'ci-bot', password: 'hunter2', email: 'ci@example.com' });
    const messages = dockerConfigMessages(utf8(json), 'Secret "docker-reg"');
    expect(messages).toEqual([
      { level: 'info', text: 'Secret "docker-reg": registry registry.example.com, user "ci-bot", email ci@example.com; auth is base64 of username:password.' },
    ]);
    expect(JSON.stringify(messages)).not.toContain('hunter2');
  });

  it('warns on a mismatch, a missing auth or username, and a payload that is not a config', () => {
    const payload = utf8(
      JSON.stringify({ auths: { a: { username: 'u', password: 'p', auth: 'b3RoZXI6cHc=' }, b: { username: 'u', password: 'p' }, c: { auth: 'b25seTphdXRo' } } }),
    );
    expect(dockerConfigMessages(payload, 'S')).toEqual([
      { level: 'warning', text: 'S: registry a, user "u"; auth is not base64 of username:password (auth holds user "other").' },
      { level: 'warning', text: 'S: registry b, user "u"; no auth field, which some runtimes need.' },
      { level: 'warning', text: 'S: registry c, no username; no username field to check auth against (auth holds user "only").' },
    ]);
    expect(dockerConfigMessages(utf8('{"auths":{}}'), 'S')).toEqual([{ level: 'warning', text: 'S: .dockerconfigjson lists no registries.' }]);
    expect(dockerConfigMessages(utf8('[]'), 'S')[0]?.level).toBe('warning');
  });
});

/**
 * The `.dockerconfigjson` payload of a `kubernetes.io/dockerconfigjson` Secret, byte for byte as
 * `kubectl create secret docker-registry` writes it, and a reader that checks one.
 */
import type { ToolMessage } from '../tools/tool.ts';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { encodeUtf8 } from './text-bytes.ts';

/** What kubectl uses when `--docker-server` is not given (kubectl create secret docker-registry --help). */
export const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

export interface RegistryCredential {
  server: string;
  username: string;
  password: string;
  /** Left out of the JSON when empty, as kubectl's `omitempty` does. */
  email?: string;
}

const HEX = '0123456789abcdef';

/**
 * A JSON string literal as Go's encoding/json writes it (json.Marshal, HTML escaping on), which
 * differs from JSON.stringify: `<`, `>`, `&`, U+2028 and U+2029 are escaped as \u003c…, other
 * control characters as \u00XX in lower-case hex, and invalid UTF-16 as \ufffd (Go replaces
 * invalid UTF-8 the same way). Non-ASCII text and DEL are written as they are.
 */
export function goJsonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) {
      switch (char) {
        case '"':
        case '\\':
          out += `\\${char}`;
          break;
        case '\b':
          out += '\\b';
          break;
        case '\f':
          out += '\\f';
          break;
        case '\n':
          out += '\\n';
          break;
        case '\r':
          out += '\\r';
          break;
        case '\t':
          out += '\\t';
          break;
        case '<':
        case '>':
        case '&':
          out += `\\u00${HEX[code >> 4]}${HEX[code & 0xf]}`;
          break;
        default:
          out += code < 0x20 ? `\\u00${HEX[code >> 4]}${HEX[code & 0xf]}` : char;
      }
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += '\\ufffd';
    } else if (code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16)}`;
    } else {
      out += char;
    }
  }
  return `${out}"`;
}

/** The text kubectl puts in a Secret's `.dockerconfigjson`: keys in Go struct order, no spaces, no newline. */
export function dockerConfigJson(credential: RegistryCredential): string {
  const auth = encodeBase64(encodeUtf8(`${credential.username}:${credential.password}`));
  const fields: Array<[string, string]> = [
    ['username', credential.username],
    ['password', credential.password],
  ];
  if (credential.email) fields.push(['email', credential.email]);
  fields.push(['auth', auth]);
  const entry = fields.map(([key, value]) => `"${key}":${goJsonString(value)}`).join(',');
  return `{"auths":{${goJsonString(credential.server)}:{${entry}}}}`;
}

/** What one registry entry of a `.dockerconfigjson` holds, for showing; never the password. */
export interface RegistryEntryReport {
  server: string;
  username?: string;
  email?: string;
  hasPassword: boolean;
  /**
   * `matches`: auth is base64 of `username:password`; `mismatch`: it is not; `missing`: no auth;
   * `undecodable`: auth is not base64; `unchecked`: auth is there but username or password is not.
   */
  auth: 'matches' | 'mismatch' | 'missing' | 'undecodable' | 'unchecked';
  /** The user name inside `auth`, when it decodes. */
  authUsername?: string;
}

export type DockerConfigReading =
  | { ok: true; registries: RegistryEntryReport[] }
  | { ok: false; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(entry: Record<string, unknown>, key: string): string | undefined {
  const value = entry[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Reads a `.dockerconfigjson` payload and checks each registry's `auth` against its user and password. */
export function readDockerConfigJson(bytes: Uint8Array): DockerConfigReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (!isRecord(parsed) || !isRecord(parsed['auths'])) return { ok: false, reason: 'it has no "auths" object' };
  const registries: RegistryEntryReport[] = [];
  for (const [server, entry] of Object.entries(parsed['auths'])) {
    if (!isRecord(entry)) {
      registries.push({ server, hasPassword: false, auth: 'missing' });
      continue;
    }
    const username = stringField(entry, 'username');
    const password = stringField(entry, 'password');
    const email = stringField(entry, 'email');
    const authText = stringField(entry, 'auth');
    const report: RegistryEntryReport = { server, hasPassword: password !== undefined, auth: 'missing' };
    if (username !== undefined) report.username = username;
    if (email !== undefined) report.email = email;
    if (authText !== undefined) {
      const decoded = decodeBase64(authText, { alphabet: 'standard' });
      if (!decoded.ok) {
        report.auth = 'undecodable';
      } else {
        const authString = new TextDecoder().decode(decoded.bytes);
        const colon = authString.indexOf(':');
        if (colon !== -1) report.authUsername = authString.slice(0, colon);
        if (username === undefined || password === undefined) report.auth = 'unchecked';
        else {
          const expected = encodeUtf8(`${username}:${password}`);
          report.auth = sameBytes(decoded.bytes, expected) ? 'matches' : 'mismatch';
        }
      }
    }
    registries.push(report);
  }
  return { ok: true, registries };
}

/**
 * What a `.dockerconfigjson` holds, as messages for the user: each registry and user, and a
 * warning when `auth` is missing or does not say `username:password` (the runtime may use
 * either, so a mismatch means a pull can fail with credentials that look right). `owner` names
 * the Secret the payload came from.
 */
export function dockerConfigMessages(bytes: Uint8Array, owner: string): ToolMessage[] {
  const reading = readDockerConfigJson(bytes);
  if (!reading.ok) return [{ level: 'warning', text: `${owner}: .dockerconfigjson is not a registry config (${reading.reason}).` }];
  if (reading.registries.length === 0) return [{ level: 'warning', text: `${owner}: .dockerconfigjson lists no registries.` }];
  return reading.registries.map((registry) => {
    const who = registry.username === undefined ? 'no username' : `user "${registry.username}"`;
    const email = registry.email === undefined ? '' : `, email ${registry.email}`;
    const head = `${owner}: registry ${registry.server}, ${who}${email}`;
    const inAuth = registry.authUsername === undefined ? '' : ` (auth holds user "${registry.authUsername}")`;
    switch (registry.auth) {
      case 'matches':
        return { level: 'info', text: `${head}; auth is base64 of username:password.` };
      case 'mismatch':
        return { level: 'warning', text: `${head}; auth is not base64 of username:password${inAuth}.` };
      case 'missing':
        return { level: 'warning', text: `${head}; no auth field, which some runtimes need.` };
      case 'undecodable':
        return { level: 'warning', text: `${head}; auth is not valid base64.` };
      case 'unchecked': {
        const missing = registry.username === undefined ? 'username' : 'password';
        return { level: 'warning', text: `${head}; no ${missing} field to check auth against${inAuth}.` };
      }
    }
  });
}

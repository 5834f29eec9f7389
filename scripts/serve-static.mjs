#!/usr/bin/env node
// A small static server for tests and benchmarks: serves a built folder under a base path,
// with the MIME types the site needs, its 404 page, and the headers its _headers file
// declares (as Netlify and Cloudflare Pages would). Usage: serve-static.mjs DIR PORT [BASE]
//
// DIR may list several builds, comma-separated (dist-sub,dist-sub-v2): the first is served
// until a test POSTs to /__serve-static/variant/<index> (outside the base path), which
// switches every later response to that build, as a deploy would.
import http from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createGzip } from 'node:zlib';

const [dirs = 'dist', port = '4321', rawBase = '/'] = process.argv.slice(2);
const roots = dirs.split(',').map((dir) => path.resolve(dir));
let root = roots[0];
const base = `/${rawBase.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json', '.woff2': 'font/woff2',
  '.yaml': 'text/plain; charset=utf-8', '.pdf': 'application/pdf', '.vtt': 'text/vtt; charset=utf-8',
  '.mp4': 'video/mp4', '.webm': 'video/webm', '.mp3': 'audio/mpeg', '.wav': 'audio/wav', '.ogg': 'audio/ogg',
};

/** The rules of a _headers file: a path pattern (`*` matches anything), then indented `Name: value` lines. */
function readHeaderRules(dir) {
  let text;
  try {
    text = readFileSync(path.join(dir, '_headers'), 'utf8');
  } catch {
    return [];
  }
  const rules = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const pattern = new RegExp(`^${line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      rules.push({ pattern, headers: {} });
    } else if (rules.length > 0) {
      const colon = line.indexOf(':');
      if (colon > 0) rules[rules.length - 1].headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
  }
  return rules;
}
const headerRules = new Map(roots.map((dir) => [dir, readHeaderRules(dir)]));

function resolveFile(urlPath) {
  let file = path.join(root, decodeURIComponent(urlPath));
  if (!file.startsWith(root)) return undefined;
  try {
    if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const variant = /^\/__serve-static\/variant\/(\d+)$/.exec(url.pathname);
    if (variant && req.method === 'POST' && roots.length > 1) {
      const next = roots[Number(variant[1])];
      if (next) root = next;
      res.writeHead(next ? 204 : 404).end();
      return;
    }
    const inBase = url.pathname.startsWith(base) || `${url.pathname}/` === base;
    const file = inBase ? resolveFile(url.pathname.slice(base.length - 1) || '/') : undefined;
    if (inBase && !file && !url.pathname.endsWith('/') && !path.extname(url.pathname) && resolveFile(`${url.pathname.slice(base.length - 1)}/`)) {
      res.writeHead(301, { Location: `${url.pathname}/` }).end();
      return;
    }
    const target = file ?? resolveFile('/404.html');
    const declared = {};
    for (const rule of headerRules.get(root) ?? []) if (rule.pattern.test(url.pathname)) Object.assign(declared, rule.headers);
    const type = types[path.extname(target ?? '.html')] ?? 'application/octet-stream';
    // Compress text as every real static host does, so page-weight and Lighthouse figures are honest.
    const gzip = /^(text\/|application\/(json|xml|javascript|manifest))|svg/.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.writeHead(file ? 200 : 404, {
      ...declared,
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    if (!target) res.end('Not found');
    else if (gzip) createReadStream(target).pipe(createGzip()).pipe(res);
    else createReadStream(target).pipe(res);
  })
  .listen(Number(port), '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));

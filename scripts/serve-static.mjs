#!/usr/bin/env node
// A small static server for tests and benchmarks: serves a built folder under a base path,
// with the MIME types the site needs and its 404 page. Usage: serve-static.mjs DIR PORT [BASE]
import http from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';

const [dir = 'dist', port = '4321', rawBase = '/'] = process.argv.slice(2);
const root = path.resolve(dir);
const base = `/${rawBase.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json', '.woff2': 'font/woff2',
};

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
    const inBase = url.pathname.startsWith(base) || `${url.pathname}/` === base;
    const file = inBase ? resolveFile(url.pathname.slice(base.length - 1) || '/') : undefined;
    if (inBase && !file && !url.pathname.endsWith('/') && !path.extname(url.pathname) && resolveFile(`${url.pathname.slice(base.length - 1)}/`)) {
      res.writeHead(301, { Location: `${url.pathname}/` }).end();
      return;
    }
    const target = file ?? resolveFile('/404.html');
    res.writeHead(file ? 200 : 404, {
      'Content-Type': types[path.extname(target ?? '.html')] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    if (target) createReadStream(target).pipe(res);
    else res.end('Not found');
  })
  .listen(Number(port), '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));

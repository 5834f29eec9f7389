import type { AstroIntegration } from 'astro';
import { constants, createReadStream, statSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseBase } from '../lib/base-path.ts';
import { linkedFilesManifestPath, type LinkedFilesManifest } from '../markdown/linked-files.ts';
import { isPublishedWhenLinked, siteUrlOptions } from '../markdown/site-url.ts';

/**
 * Copies the files of the content folder that pages link to into the output, at their path
 * in the folder, from the list the content sync wrote (markdown/linked-files.ts). Runs before
 * the hooks that index, precache and check the output, so they see the files too. `astro dev`
 * serves them from the folder, so the links work there as well.
 */
export function linkedFiles(): AstroIntegration {
  let manifestPath: string | undefined;
  let base = '/';
  return {
    name: 'fieldnotes:linked-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        manifestPath = linkedFilesManifestPath(config.cacheDir);
        base = normaliseBase(config.base);
      },
      'astro:server:setup': ({ server }) => {
        const { contentDir } = siteUrlOptions({});
        server.middlewares.use((request, response, next) => {
          const file = contentFileForRequest(request.url ?? '', base, contentDir);
          if (!file) return next();
          response.setHeader('Content-Type', contentTypeOf(file));
          createReadStream(file).on('error', next).pipe(response);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!manifestPath) return;
        const manifest = await readManifest(manifestPath);
        const targets = Object.keys(manifest?.files ?? {}).sort();
        if (!manifest || targets.length === 0) return;
        const outDir = fileURLToPath(dir);
        for (const target of targets) {
          const to = path.join(outDir, target);
          await mkdir(path.dirname(to), { recursive: true }).catch((error: unknown) => {
            throw clash(target, manifest, error);
          });
          // COPYFILE_EXCL: a file the build wrote (a page, an asset) is never replaced.
          await copyFile(path.join(manifest.contentDir, target), to, constants.COPYFILE_EXCL).catch((error: unknown) => {
            throw clash(target, manifest, error);
          });
        }
        logger.info(`published ${targets.length} ${targets.length === 1 ? 'file' : 'files'} of the content folder that pages link to`);
      },
    },
  };
}

/**
 * The file of the content folder that a dev-server request names, where the build would
 * publish a linked file of that path; undefined for anything else (pages, the site's own
 * files, paths outside the folder).
 */
export function contentFileForRequest(url: string, base: string, contentDir: string): string | undefined {
  const pathname = url.split(/[?#]/)[0] ?? '';
  if (!pathname.startsWith(base)) return undefined;
  let target: string;
  try {
    target = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return undefined;
  }
  if (target === '' || target.endsWith('/') || !isPublishedWhenLinked(target)) return undefined;
  const file = path.resolve(contentDir, target);
  const inside = path.relative(contentDir, file);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
  return statSync(file, { throwIfNoEntry: false })?.isFile() ? file : undefined;
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.zip': 'application/zip',
  // Media that pages play (remark-media-images.ts, raw <video> and <audio>).
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.ogv': 'video/ogg',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.flac': 'audio/flac',
  '.vtt': 'text/vtt; charset=utf-8',
};
const TEXT = /^\.(txt|ya?ml|toml|ini|conf|cfg|csv|log|env|sh|py|ts|go|rs|java|sql|properties)$/i;

/** The Content-Type astro dev sends a content file with. */
export function contentTypeOf(file: string): string {
  const extension = path.extname(file).toLowerCase();
  return CONTENT_TYPES[extension] ?? (TEXT.test(extension) ? 'text/plain; charset=utf-8' : 'application/octet-stream');
}

async function readManifest(file: string): Promise<LinkedFilesManifest | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LinkedFilesManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function clash(target: string, manifest: LinkedFilesManifest, error: unknown): Error {
  const pages = (manifest.files[target] ?? []).join(', ');
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'EEXIST' || code === 'ENOTDIR'
      ? `the site already has a page or file at /${target}; rename the file`
      : `it could not be copied (${error instanceof Error ? error.message : String(error)})`;
  return new Error(`${pages} ${pages.includes(',') ? 'link' : 'links'} to ${target}, which cannot be published: ${why}`);
}

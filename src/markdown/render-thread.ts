// One Markdown render thread (see render-in-workers.ts; render-worker.ts loads this). It
// builds the same renderer that Astro's content loader builds in the main thread
// (markdownEntryType.getRenderFunction): our processor from plugins.ts, made from the same
// options (plain data; the plugins themselves, functions, cannot cross threads), given the
// config Astro resolved.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { MarkdownRenderer } from '@astrojs/markdown-remark';
import { markdownProcessor } from './plugins.ts';
import type { RenderReply, RenderRequest, RenderWorkerData } from './render-protocol.ts';

const port = parentPort;
if (!port) throw new Error('render-thread.ts runs on a worker thread, loaded by render-worker.ts');

const { plugins, shared } = workerData as RenderWorkerData;
const renderer: Promise<MarkdownRenderer> = markdownProcessor(plugins).createRenderer(shared as Parameters<ReturnType<typeof markdownProcessor>['createRenderer']>[0]);

port.on('message', (request: RenderRequest) => {
  void render(request).then((reply) => port.postMessage(reply));
});

async function render({ seq, body, frontmatter, filePath }: RenderRequest): Promise<RenderReply> {
  try {
    const result = await (await renderer).render(body, {
      frontmatter,
      ...(filePath ? { fileURL: pathToFileURL(filePath) } : {}),
    });
    const { metadata } = result;
    return {
      seq,
      html: result.code,
      metadata: { ...metadata, imagePaths: metadata.localImagePaths.concat(metadata.remoteImagePaths) },
    };
  } catch (error) {
    // An Error crosses threads as its message and stack; a VFileMessage's line and
    // column are in its message already.
    return { seq, error: error instanceof Error ? error.message : String(error) };
  }
}

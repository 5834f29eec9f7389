/// <reference lib="webworker" />
import { findTool } from '../tools/registry.ts';
import type { ToolInput, ToolOptionValues, ToolResult } from '../tools/tool.ts';
import { zipFiles } from '../lib/zip-files.ts';

/** A job for the worker: large inputs run here so the page never freezes. */
export interface ToolJob {
  id: number;
  kind: 'run';
  toolId: string;
  text?: string;
  file?: File;
  options: ToolOptionValues;
  fields: Record<string, string>;
}

/** Zipping runs here too: the zip code then never runs on the page, where only some readers need it. */
export interface ZipJob {
  id: number;
  kind: 'zip';
  files: Record<string, Uint8Array>;
}

export type WorkerJob = ToolJob | ZipJob;

export type ToolJobReply =
  | { id: number; kind: 'progress'; stage: string; fraction?: number }
  | { id: number; kind: 'done'; result: ToolResult }
  | { id: number; kind: 'zipped'; bytes: Uint8Array }
  | { id: number; kind: 'crash'; message: string }
  // Sent once, when the worker's code (zip included) has loaded: from then on it works offline.
  | { id: 0; kind: 'ready' };

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** The output buffers, handed over instead of copied: a 50 MB result stays one copy. */
function transferables(result: ToolResult): Transferable[] {
  const buffers = result.ok ? result.outputs.map((o) => o.bytes.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer) : [];
  return [...new Set(buffers)];
}

scope.addEventListener('message', async (event: MessageEvent<WorkerJob>) => {
  const job = event.data;
  const reply = (message: ToolJobReply, transfer: Transferable[] = []) => scope.postMessage(message, transfer);
  try {
    if (job.kind === 'zip') {
      const bytes = zipFiles(job.files);
      reply({ id: job.id, kind: 'zipped', bytes }, bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : []);
      return;
    }
    const meta = findTool(job.toolId);
    if (!meta) throw new Error(`unknown tool ${job.toolId}`);
    const tool = await meta.load();
    if (job.file && tool.runFile) {
      const file = job.file;
      let shown = -1;
      const streamed = await tool.runFile(file, job.options, (fraction) => {
        // A message per percent at most: a 50 MB file arrives in about 50 pieces.
        const percent = Math.floor(fraction * 100);
        if (percent > shown) {
          shown = percent;
          reply({ id: job.id, kind: 'progress', stage: `Reading ${file.name}`, fraction });
        }
      });
      if (streamed) {
        reply({ id: job.id, kind: 'done', result: streamed }, transferables(streamed));
        return;
      }
    }
    const input: ToolInput = {};
    if (job.file) {
      reply({ id: job.id, kind: 'progress', stage: `Reading ${job.file.name}`, fraction: 0 });
      input.bytes = new Uint8Array(await job.file.arrayBuffer());
      input.fileName = job.file.name;
      input.text = new TextDecoder().decode(input.bytes);
    } else if (job.text !== undefined) {
      input.text = job.text;
    }
    reply({ id: job.id, kind: 'progress', stage: 'Converting' });
    const result = tool.run(input, job.options, job.fields);
    reply({ id: job.id, kind: 'done', result }, transferables(result));
  } catch (error) {
    reply({ id: job.id, kind: 'crash', message: error instanceof Error ? error.message : String(error) });
  }
});

scope.postMessage({ id: 0, kind: 'ready' } satisfies ToolJobReply);

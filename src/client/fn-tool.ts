import { findTool } from '../tools/registry.ts';
import type { ToolDefinition, ToolError, ToolInput, ToolOptionValues, ToolOutput, ToolResult } from '../tools/tool.ts';
import { caretExcerpt } from '../lib/source-position.ts';
import { formIds, optionApplies, toolFormTree, type FormNode, type OptionPresets } from '../tools/tool-form.ts';
import type { ToolJob, ToolJobReply, ZipJob } from './tool-worker.ts';

/*
 * The generic tool shell: one custom element wires any tool from the registry to the page.
 * Privacy rules (what readers paste are credentials): nothing is sent, logged or stored;
 * every value reaches the page through textContent or .value, never as HTML.
 */

/** Above this size (or a tool's own workerAbove), work moves to a Web Worker so the page stays responsive. */
const WORKER_THRESHOLD = 1_000_000;
/** Text outputs larger than this are shown truncated; Download and Copy still use all of it. */
const DISPLAY_LIMIT = 200_000;
const RUN_DELAY_MS = 150;
/** Output panels drawn per task; a thousand Secrets make three thousand panels. */
const PANEL_BATCH = 250;

let nextId = 0;
let worker: Worker | undefined;
let workerUnavailable = false;
/** Settles once the worker's code has loaded (true) or could not load (false). */
let workerStarted: Promise<boolean> = Promise.resolve(false);
const pending = new Map<number, (reply: ToolJobReply) => void>();

/**
 * The module worker, or undefined where none can start: a tool saved as one HTML file
 * (integrations/single-file-tools.ts) runs from file://, with no worker file beside it.
 */
function getWorker(): Worker | undefined {
  if (!worker && !workerUnavailable) {
    try {
      const started = new Worker(new URL('./tool-worker.ts', import.meta.url), { type: 'module' });
      worker = started;
      workerStarted = new Promise((resolve) => {
        started.addEventListener('message', (event: MessageEvent<ToolJobReply>) => {
          if (event.data.kind === 'ready') resolve(true);
          else pending.get(event.data.id)?.(event.data);
        });
        // Its script did not load (the network dropped before it came, a blocked file): the
        // jobs waiting on it fail, and they and later ones run on the page instead.
        started.addEventListener('error', (event) => {
          event.preventDefault();
          resolve(false);
          workerUnavailable = true;
          worker = undefined;
          for (const [id, settle] of [...pending]) settle({ id, kind: 'crash', message: WORKER_FAILED });
        });
      });
    } catch {
      workerUnavailable = true;
    }
  }
  return worker;
}

const WORKER_FAILED = 'the background worker could not start';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function toDom(node: FormNode): HTMLElement {
  return el(node.tag as keyof HTMLElementTagNameMap, node.attrs, ...node.children.map((child) => (typeof child === 'string' ? child : toDom(child))));
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  const link = el('a', { href: url, download: fileName || 'download' });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

class FnTool extends HTMLElement {
  #tool!: ToolDefinition;
  #uid = `tool-${++nextId}`;
  #input: HTMLTextAreaElement | undefined;
  #file: File | undefined;
  #fileNote!: HTMLElement;
  #fields = new Map<string, HTMLInputElement>();
  #optionReaders = new Map<string, () => string | boolean>();
  #errors!: HTMLElement;
  #status!: HTMLElement;
  #progress!: HTMLProgressElement;
  #messages!: HTMLUListElement;
  #outputs!: HTMLElement;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #run = 0;

  #started = false;

  connectedCallback(): void {
    // A tool further down a guide starts when the reader nears it, so reading the guide
    // costs no tool work; on a tool's own page it is in view and starts at once.
    if (!('IntersectionObserver' in window)) {
      void this.start();
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          void this.start();
        }
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(this);
  }

  private async start(): Promise<void> {
    const meta = findTool(this.dataset['tool'] ?? '');
    if (!meta || this.#started) return;
    this.#started = true;
    this.#tool = await meta.load();
    // A tool's own page ships the form in its HTML (data-uid names it); whatever a reader
    // typed there before this ran stays. Embedded tools build the same tree here.
    const rendered = this.dataset['uid'];
    if (rendered !== undefined && this.querySelector('form.tool__form')) {
      this.#uid = rendered;
    } else {
      this.replaceChildren(...toolFormTree(this.#tool, this.#uid, this.presets()).map(toDom));
      this.classList.add('tool');
    }
    this.wire();
    // Start the worker (large inputs and zips run there) once the page is idle, so the tool
    // keeps working if the network drops after the page loaded, without delaying the first
    // paint. Its code loads and runs on its own thread, none of it on the page's.
    const warm = () => {
      getWorker();
      // data-ready tells tests (and curious readers of the DOM) that nothing more needs loading.
      void workerStarted.then(() => this.setAttribute('data-ready', ''));
    };
    if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 3000 });
    else setTimeout(warm, 500);
    const example = this.dataset['example'];
    if (example !== undefined && this.#input) {
      this.#input.value = example;
      this.schedule(0);
    } else if (this.#input?.value || [...this.#fields.values()].some((f) => f.value !== '')) {
      this.schedule(0);
    }
  }

  /** data-option-<id> presets from the page, keyed by option id. */
  private presets(): OptionPresets {
    const presets: Record<string, string | undefined> = {};
    for (const option of this.#tool.options) presets[option.id] = this.dataset[`option${option.id.charAt(0).toUpperCase()}${option.id.slice(1)}`];
    return presets;
  }

  private find<T extends HTMLElement>(selector: string): T {
    const found = this.querySelector<T>(selector);
    if (!found) throw new Error(`tool ${this.#tool.id}: no ${selector} in its form`);
    return found;
  }

  /** Attaches behaviour to the form's controls, found by the ids tool-form.ts gives them. */
  private wire(): void {
    const tool = this.#tool;
    const uid = this.#uid;
    const form = this.find<HTMLFormElement>('form.tool__form');
    form.addEventListener('submit', (event) => event.preventDefault());
    // Typing waits for a pause; an opened file runs at once (openFile), so the file input's
    // own events must not push it back behind the typing delay.
    const edited = (event: Event) => {
      if (!(event.target instanceof HTMLInputElement && event.target.type === 'file')) this.schedule();
    };
    form.addEventListener('input', edited);
    form.addEventListener('change', edited);
    for (const option of tool.options) {
      if (option.kind === 'choice') {
        const group = this.find(`[data-option="${option.id}"]`);
        this.#optionReaders.set(option.id, () => group.querySelector<HTMLInputElement>('input:checked')?.value ?? option.default);
      } else {
        const control = this.find<HTMLInputElement>(`#${formIds.option(uid, option.id)}`);
        this.#optionReaders.set(option.id, option.kind === 'boolean' ? () => control.checked : () => control.value);
      }
    }
    // Settings that do not apply to the chosen mode are hidden, not just ignored.
    const conditional = tool.options.filter((o) => o.shownWhen).map((o) => [this.find(`[data-option="${o.id}"]`), o] as const);
    if (conditional.length > 0) {
      form.addEventListener('change', () => {
        for (const [view, option] of conditional) view.hidden = !optionApplies(option, (id) => this.#optionReaders.get(id)?.());
      });
    }
    for (const field of tool.fields ?? []) this.#fields.set(field.id, this.find<HTMLInputElement>(`#${formIds.field(uid, field.id)}`));
    if (tool.hasMainInput) this.wireMainInput();
    this.#status = this.find('.tool__status');
    this.#progress = this.find<HTMLProgressElement>('.tool__progress');
    this.#errors = this.find('.tool__errors');
    this.#messages = this.find<HTMLUListElement>('.tool__messages');
    this.#outputs = this.find('.tool__outputs');
  }

  private wireMainInput(): void {
    const tool = this.#tool;
    const input = this.find<HTMLTextAreaElement>(`#${formIds.input(this.#uid)}`);
    this.#input = input;
    input.addEventListener('input', () => this.clearFile());
    const fileInput = this.find<HTMLInputElement>(`#${formIds.file(this.#uid)}`);
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      if (file) void this.openFile(file);
      fileInput.value = '';
    });
    this.#fileNote = this.find('.tool__file-note');
    for (const name of ['dragover', 'drop'] as const) {
      input.addEventListener(name, (event) => {
        event.preventDefault();
        const file = event.dataTransfer?.files[0];
        if (name === 'drop' && file) void this.openFile(file);
      });
    }
    const select = this.querySelector<HTMLSelectElement>(`#${formIds.example(this.#uid)}`);
    select?.addEventListener('change', (event) => {
      event.stopPropagation();
      const text = tool.examples[select.value];
      if (text !== undefined) {
        this.clearFile();
        input.value = text;
        this.schedule(0);
      }
      select.value = '';
    });
  }

  private async openFile(file: File): Promise<void> {
    this.#file = file;
    if (this.#input) this.#input.value = '';
    this.#fileNote.textContent = `Opened ${file.name} (${formatBytes(file.size)})`;
    this.schedule(0);
  }

  private clearFile(): void {
    this.#file = undefined;
    if (this.#fileNote) this.#fileNote.textContent = '';
  }

  private schedule(delay = RUN_DELAY_MS): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.execute(), delay);
  }

  private readOptions(): ToolOptionValues {
    const values: ToolOptionValues = {};
    for (const [id, read] of this.#optionReaders) values[id] = read();
    return values;
  }

  private async execute(): Promise<void> {
    const run = ++this.#run;
    const options = this.readOptions();
    const fields = Object.fromEntries([...this.#fields].map(([id, input]) => [id, input.value]));
    const text = this.#input?.value ?? '';
    const size = this.#file?.size ?? text.length;
    if (this.#tool.hasMainInput && !this.#file && text === '') {
      this.show({ ok: true, outputs: [], messages: [] }, run);
      return;
    }
    let result: ToolResult;
    try {
      const background = size > (this.#tool.workerAbove ?? WORKER_THRESHOLD) || this.#file ? getWorker() : undefined;
      if (background) {
        result = await this.runInWorker(background, run, options, fields, text).catch((error: unknown) => {
          if (!workerUnavailable) throw error;
          return this.#file ? this.runHere(this.#file, options, fields) : this.#tool.run({ text }, options, fields);
        });
      } else if (this.#file) {
        result = await this.runHere(this.#file, options, fields);
      } else {
        result = this.#tool.run({ text }, options, fields);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { ok: false, errors: [{ code: 'INTERNAL_ERROR', message: `The tool failed unexpectedly: ${message}` }], messages: [] };
    }
    this.show(result, run);
  }

  /** What the worker does with a file, on the main thread, where no worker can start. */
  private async runHere(file: File, options: ToolOptionValues, fields: Record<string, string>): Promise<ToolResult> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return this.#tool.run({ bytes, fileName: file.name, text: new TextDecoder().decode(bytes) }, options, fields);
  }

  private runInWorker(background: Worker, run: number, options: ToolOptionValues, fields: Record<string, string>, text: string): Promise<ToolResult> {
    const id = ++nextId;
    const job: ToolJob = { id, kind: 'run', toolId: this.#tool.id, options, fields, ...(this.#file ? { file: this.#file } : { text }) };
    this.#progress.hidden = false;
    this.#progress.removeAttribute('value');
    return new Promise((resolve, reject) => {
      pending.set(id, (reply) => {
        if (run !== this.#run) return;
        if (reply.kind === 'progress') {
          this.#status.textContent = `${reply.stage}…`;
          if (reply.fraction !== undefined) this.#progress.value = reply.fraction;
        } else {
          pending.delete(id);
          this.#progress.hidden = true;
          if (reply.kind === 'done') resolve(reply.result);
          else if (reply.kind === 'crash') reject(new Error(reply.message));
        }
      });
      background.postMessage(job);
    });
  }

  private show(result: ToolResult, run: number): void {
    if (run !== this.#run) return; // a newer edit already replaced this result
    this.#progress.hidden = true;
    this.#status.textContent = '';
    this.#messages.replaceChildren(
      ...result.messages.map((m) => el('li', { class: `tool__message tool__message--${m.level}` }, m.level === 'warning' ? `Warning: ${m.text}` : m.text)),
    );
    if (!result.ok) {
      this.#outputs.replaceChildren();
      this.#errors.replaceChildren(...result.errors.map((e) => this.errorView(e)));
      return;
    }
    this.#errors.replaceChildren();
    const outputs = result.outputs;
    const head: HTMLElement[] = [];
    if (outputs.length > 1) {
      const zip = el('button', { type: 'button', class: 'tool__button tool__zip' }, 'Download all (.zip)');
      zip.addEventListener('click', () => void this.downloadZip(outputs));
      head.push(el('div', { class: 'tool__zip-row' }, zip));
    }
    this.#outputs.replaceChildren(...head, ...outputs.slice(0, PANEL_BATCH).map((output, index) => this.outputView(output, index)));
    void this.showRest(outputs, run);
  }

  /**
   * Adds the panels after the first batch a batch per task, so a manifest of a thousand
   * Secrets never holds the page in one long task; "ready" is said once all are there.
   */
  private async showRest(outputs: ToolOutput[], run: number): Promise<void> {
    for (let start = PANEL_BATCH; start < outputs.length; start += PANEL_BATCH) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (run !== this.#run) return; // a newer edit replaced these outputs
      this.#outputs.append(...outputs.slice(start, start + PANEL_BATCH).map((output, k) => this.outputView(output, start + k)));
    }
    if (outputs.length > 0) this.#status.textContent = `${outputs.length} ${outputs.length === 1 ? 'output' : 'outputs'} ready.`;
  }

  private errorView(error: ToolError): HTMLElement {
    const box = el('div', { class: 'tool__error' });
    const where = error.position ? ` at line ${error.position.line}, column ${error.position.column}` : '';
    box.append(el('p', { class: 'tool__error-message' }, el('strong', {}, `Error${where}: `), error.message, ' ', el('code', {}, error.code)));
    if (error.position) box.append(el('pre', { class: 'tool__caret', 'aria-label': 'Where the error is' }, caretExcerpt(error.position)));
    return box;
  }

  private outputView(output: ToolOutput, index: number): HTMLElement {
    const labelId = `${this.#uid}-out-${index}`;
    const group = el('section', { class: 'tool-output', role: 'group', 'aria-labelledby': labelId });
    // A paragraph, not a heading: the same shell sits under an h1 on tool pages and under h2s in posts.
    group.append(el('p', { id: labelId, class: 'tool-output__label' }, output.label));
    if (output.text !== undefined) {
      const areaId = `${labelId}-text`;
      const shown = output.text.length > DISPLAY_LIMIT ? output.text.slice(0, DISPLAY_LIMIT) : output.text;
      const area = el('textarea', { id: areaId, class: 'tool__textarea tool-output__text', readonly: '', rows: String(Math.min(20, Math.max(3, shown.split('\n').length))), spellcheck: 'false', 'aria-labelledby': labelId });
      area.value = shown;
      group.append(area);
      if (shown !== output.text) group.append(el('p', { class: 'tool-output__note' }, `Showing the first ${DISPLAY_LIMIT.toLocaleString('en')} characters of ${output.text.length.toLocaleString('en')}; Download and Copy use all of it.`));
    }
    if (output.facts && output.facts.length > 0) {
      const list = el('dl', { class: 'tool-output__facts' });
      for (const [label, value] of output.facts) list.append(el('dt', {}, label), el('dd', {}, value));
      group.append(list);
    }
    const nameId = `${labelId}-name`;
    const name = el('input', { id: nameId, type: 'text', class: 'tool-output__name', autocomplete: 'off', spellcheck: 'false' });
    name.value = output.fileName;
    const save = el('button', { type: 'button', class: 'tool__button' }, 'Download');
    save.addEventListener('click', () => download(output.bytes, name.value.trim() || output.fileName));
    const actions = el('div', { class: 'tool-output__actions' }, el('label', { for: nameId }, 'File name'), name, save);
    if (output.text !== undefined) {
      const copy = el('button', { type: 'button', class: 'tool__button' }, 'Copy');
      copy.addEventListener('click', async () => {
        try {
          await navigator.clipboard.writeText(output.text ?? '');
          this.#status.textContent = `Copied ${output.label}.`;
        } catch {
          this.#status.textContent = 'Copying was refused by the browser; select the text and copy it instead.';
        }
      });
      actions.append(copy);
    }
    group.append(actions);
    if (!output.facts?.some(([label]) => label === 'Size')) group.append(el('p', { class: 'tool-output__size' }, formatBytes(output.bytes.length)));
    return group;
  }

  private async downloadZip(outputs: ToolOutput[]): Promise<void> {
    const files: Record<string, Uint8Array> = {};
    for (const output of outputs) files[output.fileName] = output.bytes;
    this.#status.textContent = `Zipping ${outputs.length} files…`;
    let zipped: Uint8Array;
    try {
      // In the worker where there is one; on the page where none can start (file://).
      zipped = await zipInWorker(files).catch(async () => (await import('../lib/zip-files.ts')).zipFiles(files));
    } catch (error) {
      this.#status.textContent = `The zip could not be made: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    download(zipped, `${this.#tool.id}.zip`);
    this.#status.textContent = `Zip of ${outputs.length} files ready.`;
  }
}

function zipInWorker(files: Record<string, Uint8Array>): Promise<Uint8Array> {
  const background = getWorker();
  if (!background) return Promise.reject(new Error(WORKER_FAILED));
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pending.set(id, (reply) => {
      pending.delete(id);
      if (reply.kind === 'zipped') resolve(reply.bytes);
      else if (reply.kind === 'crash') reject(new Error(reply.message));
    });
    background.postMessage({ id, kind: 'zip', files } satisfies ZipJob);
  });
}

if (!customElements.get('fn-tool')) customElements.define('fn-tool', FnTool);

export type { ToolInput };

/**
 * The one shape every in-browser tool has. A tool is pure: it takes text or bytes and
 * options, and returns outputs or errors. It never touches the DOM, the network or storage;
 * the generic shell (client/fn-tool.ts) wires it to a page.
 */

/** Where in the input something went wrong. `line` and `column` are 1-based; `offset` is 0-based, in UTF-16 code units of the text input (bytes for binary input). */
export interface SourcePosition {
  offset: number;
  line: number;
  column: number;
  /** The whole input line that holds the position, without its line break, for a caret excerpt. */
  lineText: string;
}

/** Bad input is data, not an exception: a code, a message and, where known, a position. */
export interface ToolError {
  code: string;
  message: string;
  position?: SourcePosition;
}

export interface ToolMessage {
  level: 'info' | 'warning';
  text: string;
}

export interface ToolOutput {
  /** Visible label of the output panel, e.g. "kustomization.yaml" or "Decoded". */
  label: string;
  /** Suggested download name; the user can edit it. */
  fileName: string;
  /** The exact bytes a download saves. */
  bytes: Uint8Array;
  /** What the panel shows and Copy copies, when the bytes are text worth showing. */
  text?: string;
  /** Facts shown instead of (or beside) text, e.g. size, detected type, hex of the first bytes. */
  facts?: ReadonlyArray<readonly [label: string, value: string]>;
}

export type ToolResult =
  | { ok: true; outputs: ToolOutput[]; messages: ToolMessage[] }
  | { ok: false; errors: ToolError[]; messages: ToolMessage[] };

export interface ToolInput {
  /** The pasted or opened text. For a binary file opened in a text tool this is absent. */
  text?: string;
  /** The opened file's bytes, when a file was opened. */
  bytes?: Uint8Array;
  fileName?: string;
}

/** Shows an option only while another choice option has one value (e.g. encode-only settings). */
export interface OptionCondition {
  option: string;
  equals: string;
}

export type ToolOption =
  | { kind: 'boolean'; id: string; label: string; default: boolean; description?: string; shownWhen?: OptionCondition }
  | {
      kind: 'choice';
      id: string;
      label: string;
      choices: ReadonlyArray<{ value: string; label: string }>;
      default: string;
      description?: string;
      shownWhen?: OptionCondition;
    }
  | { kind: 'text'; id: string; label: string; default: string; description?: string; placeholder?: string; shownWhen?: OptionCondition };

export type ToolOptionValues = Record<string, string | boolean>;

export interface ToolDefinition {
  id: string;
  /** Label of the main input. */
  inputLabel: string;
  /** Extra single-line text fields instead of / beside the main input (docker-config uses these). */
  fields?: ReadonlyArray<{ id: string; label: string; type?: 'text' | 'password' | 'email' | 'url'; required?: boolean; placeholder?: string }>;
  /** Whether the main input is offered at all (false for form-only tools). */
  hasMainInput: boolean;
  /** Accept attribute for "Open file"; absent means any file. */
  accept?: string;
  options: readonly ToolOption[];
  /** Named sample inputs a page or post can prefill. */
  examples: Record<string, string>;
  run(input: ToolInput, options: ToolOptionValues, fields?: Record<string, string>): ToolResult;
  /**
   * Input size (characters of pasted text) above which the page runs the tool in its worker,
   * so that the page keeps answering. Default 1,000,000; a tool whose work per character is
   * heavy (parsing YAML) sets less. Opened files always go to the worker.
   */
  workerAbove?: number;
  /**
   * Optional faster path for an opened file, used off the main thread: reads it piece by piece
   * and reports progress (0–1). Gives undefined where run() must handle the file instead.
   */
  runFile?(file: Blob, options: ToolOptionValues, onProgress: (fraction: number) => void): Promise<ToolResult | undefined>;
}

/**
 * workerAbove for tools that parse YAML: they convert about 0.7 ms per KB once warm and twice
 * that on a first run (1,000 Secrets, 210 KB: 140–330 ms), so past about 32,000 characters
 * one conversion would hold the page for over 50 ms.
 */
export const YAML_TOOL_WORKER_ABOVE = 32_000;

/** Reads an option with its declared default, so run() never sees undefined. */
export function optionValue<T extends string | boolean>(
  tool: Pick<ToolDefinition, 'options'>,
  values: ToolOptionValues,
  id: string,
): T {
  const declared = tool.options.find((o) => o.id === id);
  if (!declared) throw new Error(`unknown option ${id}`);
  const value = values[id];
  return (value ?? declared.default) as T;
}

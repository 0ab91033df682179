/**
 * Every message between processes and threads that is not plain LSP. Each is a tagged type
 * with a comment naming its sender, so client, server, worker and webview share one
 * definition.
 */
import type { Diagnostic, EditorIndex, GraphModel, GraphNode, ServiceFigures, Status, WhatIfService } from '../core';

/** Sent by the client (status bar, tests) to the server: the figures of one open document. */
export namespace FiguresRequest {
  export const method = 'haTopology/figures' as const;
  export interface Params {
    readonly kind: 'figures';
    readonly uri: string;
  }
  export interface Result {
    readonly kind: 'figures';
    readonly uri: string;
    /** The document version the figures belong to. */
    readonly version: number;
    readonly services: readonly ServiceFigures[];
  }
}

/** Sent by the client (the "Start from a Skeleton" command) to the server: the skeleton topology, as a snippet. */
export namespace SkeletonRequest {
  export const method = 'haTopology/skeleton' as const;
  export interface Params {
    readonly kind: 'skeleton';
  }
  export interface Result {
    readonly kind: 'skeleton';
    /** VS Code snippet syntax: the component's id is one placeholder used twice. */
    readonly snippet: string;
  }
}

/** Sent by the client to the server: the status-bar summary of one document. */
export namespace StatusRequest {
  export const method = 'haTopology/status' as const;
  export interface Params {
    readonly kind: 'status';
    readonly uri: string;
  }
  export interface Result extends Status {
    readonly kind: 'status';
    readonly uri: string;
    readonly version: number;
  }
}

/** Sent by the end-to-end tests (through the client) to the server: its process id, to kill it. */
export namespace ProcessIdRequest {
  export const method = 'haTopology/processId' as const;
  export interface Result {
    readonly kind: 'processId';
    readonly pid: number;
  }
}

/** Sent by benchmarks and tests to the server: the heap of its main thread and of each analysis thread. */
export namespace MemoryRequest {
  export const method = 'haTopology/memory' as const;
  export interface Result {
    readonly kind: 'memory';
    readonly mainHeapUsedBytes: number;
    /** One entry per live analysis thread (idle threads are retired, so there can be fewer than open documents). */
    readonly workerHeapUsedBytes: readonly number[];
    readonly rssBytes: number;
  }
}

/** Settings the server asks the client for, under `haTopology.*`. */
export interface ServerSettings {
  readonly validation: { readonly debounceMs: number };
  readonly analysis: { readonly maxBddNodes: number; readonly timeLimitMs: number };
  readonly limits: { readonly maxFileSizeKb: number; readonly maxNestingDepth: number; readonly maxAliasNodes: number };
  readonly inlineFigures: { readonly style: 'inlayHint' | 'codeLens' | 'off' };
  readonly downtimeUnit: 'auto' | 'seconds' | 'minutes' | 'hours';
  /** An availability such as "99.9%", or "" for none. */
  readonly defaultSla: string;
}

export const defaultServerSettings: ServerSettings = {
  validation: { debounceMs: 200 },
  analysis: { maxBddNodes: 2_000_000, timeLimitMs: 5_000 },
  limits: { maxFileSizeKb: 10_240, maxNestingDepth: 200, maxAliasNodes: 10_000 },
  inlineFigures: { style: 'inlayHint' },
  downtimeUnit: 'auto',
  defaultSla: '',
};

/** Sent by the language server to its analysis worker thread. */
export interface AnalyseRequest {
  readonly kind: 'analyse';
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly maxBddNodes: number;
  readonly timeLimitMs: number;
  readonly limits: ServerSettings['limits'];
  readonly defaultSla: string;
}

/** Sent by the language server to its analysis worker thread: questions about one version. */
export type QueryRequest =
  | (Omit<AnalyseRequest, 'kind'> & { readonly kind: 'graph'; readonly id: number })
  | (Omit<AnalyseRequest, 'kind'> & { readonly kind: 'whatIf'; readonly id: number; readonly failed: readonly string[] });

/**
 * Sent by the language server to a document's analysis worker thread. `generation` numbers
 * the analyses of that thread; the server cancels one by raising the shared "cancelled up
 * to" counter to its generation.
 */
export type WorkerRequest = (AnalyseRequest & { readonly generation: number }) | QueryRequest | MemoryProbe | WarmUpRequest;

/**
 * Sent by the language server to a spare analysis thread, before any document is its own:
 * an analysis to run and forget, so that the thread's code is compiled by the time a newly
 * opened document is given to it. No answer comes back.
 */
export type WarmUpRequest = Omit<AnalyseRequest, 'kind'> & { readonly kind: 'warmUp' };

/** Sent by the language server to an analysis worker thread: how much heap it uses (for benchmarks). */
export interface MemoryProbe {
  readonly kind: 'memory';
  readonly id: number;
}

/** Sent by the analysis worker thread back to the language server. */
export type AnalyseResponse =
  // Sent first, as soon as the analysis has its diagnostics, so that they are published
  // without waiting for the editor index (large for large files) to be built and copied
  // across threads; the 'analysed' response with the index follows.
  | { readonly kind: 'diagnosed'; readonly uri: string; readonly version: number; readonly generation: number; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'analysed'; readonly uri: string; readonly version: number; readonly generation: number; readonly index: EditorIndex; readonly milliseconds: number }
  | { readonly kind: 'failed'; readonly uri: string; readonly version: number; readonly generation: number; readonly message: string }
  | { readonly kind: 'cancelled'; readonly uri: string; readonly version: number; readonly generation: number };

/** Sent by the analysis worker thread back to the language server, answering a QueryRequest. */
export type QueryResponse =
  | { readonly kind: 'graph'; readonly id: number; readonly model: GraphModel }
  | { readonly kind: 'whatIf'; readonly id: number; readonly services: readonly WhatIfService[]; readonly downNodes: readonly string[] }
  | { readonly kind: 'queryFailed'; readonly id: number; readonly message: string }
  | { readonly kind: 'memory'; readonly id: number; readonly heapUsedBytes: number };

export type WorkerResponse = AnalyseResponse | QueryResponse;

/** A graph node as the preview receives it: the core's node with lines and characters. */
export interface PreviewNode extends Omit<GraphNode, 'span' | 'selectionSpan'> {
  readonly range: Range;
  readonly selectionRange: Range;
}

export interface Range {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export interface PreviewGraph extends Omit<GraphModel, 'nodes'> {
  readonly nodes: readonly PreviewNode[];
}

/** Sent by the client (preview panel) to the server: the redundancy graph of a document. */
export namespace GraphRequest {
  export const method = 'haTopology/graph' as const;
  export interface Params {
    readonly kind: 'graph';
    readonly uri: string;
  }
  export interface Result {
    readonly kind: 'graph';
    readonly uri: string;
    readonly version: number;
    readonly graph: PreviewGraph;
  }
}

/** Sent by the client (preview panel) to the server: services with some nodes failed. */
export namespace WhatIfRequest {
  export const method = 'haTopology/whatIf' as const;
  export interface Params {
    readonly kind: 'whatIf';
    readonly uri: string;
    readonly failed: readonly string[];
  }
  export interface Result {
    readonly kind: 'whatIf';
    readonly uri: string;
    readonly version: number;
    readonly failed: readonly string[];
    readonly services: readonly WhatIfService[];
    /** Every graph node (entities and groups) that goes down with the failed ones. */
    readonly downNodes: readonly string[];
  }
}

/** Sent by the extension (the preview panel's host) to the preview webview. */
export type ToWebview =
  | { readonly kind: 'graph'; readonly uri: string; readonly version: number; readonly graph: PreviewGraph }
  | { readonly kind: 'cursor'; readonly uri: string; readonly line: number; readonly character: number }
  | { readonly kind: 'whatIf'; readonly failed: readonly string[]; readonly services: readonly WhatIfService[]; readonly downNodes: readonly string[] }
  | { readonly kind: 'unavailable'; readonly message: string }
  /** Show only what the node depends on (a service chosen with a command), or everything again. */
  | { readonly kind: 'focus'; readonly id: string | null };

/** Sent by the preview webview to the extension. Checked by `readWebviewMessage` before use. */
export type FromWebview =
  | { readonly kind: 'ready' }
  | { readonly kind: 'reveal'; readonly id: string }
  | { readonly kind: 'whatIf'; readonly failed: readonly string[] }
  | { readonly kind: 'export'; readonly format: 'svg' | 'png'; readonly data: string };

/**
 * Validates a message from the webview: anything malformed is dropped. A webview is a web
 * page; the extension trusts nothing it says beyond this shape (and reveals only ids of the
 * topology the panel shows).
 */
export function readWebviewMessage(message: unknown): FromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 512;
  switch (m.kind) {
    case 'ready':
      return { kind: 'ready' };
    case 'reveal':
      return isId(m.id) ? { kind: 'reveal', id: m.id } : undefined;
    case 'whatIf':
      return Array.isArray(m.failed) && m.failed.length <= 1000 && m.failed.every(isId) ? { kind: 'whatIf', failed: m.failed } : undefined;
    case 'export':
      return (m.format === 'svg' || m.format === 'png') && typeof m.data === 'string' && m.data.length <= 64 * 1024 * 1024
        ? { kind: 'export', format: m.format, data: m.data }
        : undefined;
    default:
      return undefined;
  }
}

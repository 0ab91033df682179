/**
 * Every message between processes and threads that is not plain LSP. Each is a tagged type
 * with a comment naming its sender, so client, server, worker and webview share one
 * definition.
 */
import type { EditorIndex, ServiceFigures, Status } from '../core';

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

/** Settings the server asks the client for, under `haTopology.*`. */
export interface ServerSettings {
  readonly validation: { readonly debounceMs: number };
  readonly analysis: { readonly maxBddNodes: number };
  readonly inlineFigures: { readonly style: 'inlayHint' | 'codeLens' | 'off' };
  readonly downtimeUnit: 'auto' | 'seconds' | 'minutes' | 'hours';
  /** An availability such as "99.9%", or "" for none. */
  readonly defaultSla: string;
}

export const defaultServerSettings: ServerSettings = {
  validation: { debounceMs: 200 },
  analysis: { maxBddNodes: 2_000_000 },
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
  readonly defaultSla: string;
}

/** Sent by the analysis worker thread back to the language server. */
export type AnalyseResponse =
  | { readonly kind: 'analysed'; readonly uri: string; readonly version: number; readonly index: EditorIndex; readonly milliseconds: number }
  | { readonly kind: 'failed'; readonly uri: string; readonly version: number; readonly message: string };

/**
 * Every message between processes that is not plain LSP. Each is a tagged type with a
 * comment naming its sender, so client, server and webview agree on one definition.
 */
import type { ServiceFigures } from '../core';

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

/** Settings the client reads from `haTopology.*` and the server asks for. */
export interface ServerSettings {
  readonly validation: { readonly debounceMs: number };
  readonly analysis: { readonly maxBddNodes: number };
}

export const defaultServerSettings: ServerSettings = {
  validation: { debounceMs: 200 },
  analysis: { maxBddNodes: 2_000_000 },
};

import type { FromWebview } from '../../server/src/protocol';

/** What the preview remembers across reloads (VS Code keeps it with the panel). */
export interface PreviewState {
  readonly uri?: string;
  readonly view?: { x: number; y: number; width: number; height: number };
  readonly expanded?: readonly string[];
  readonly failed?: readonly string[];
  readonly selected?: readonly string[];
  /** The node whose dependencies alone are shown, if any. */
  readonly focus?: string;
}

export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function getVsCodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}

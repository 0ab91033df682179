import type { FeatureContext } from '../context';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditorIndex } from '../../core';
import type { Snapshot } from '../analysisHost';
import { runSafe } from '../runSafe';
import { toLspDiagnostic } from '../toProto';

/** Publishes the diagnostics of one version of a document. */
export function publishDiagnostics(context: FeatureContext, document: TextDocument, diagnostics: EditorIndex['diagnostics']): void {
  runSafe(context.connection, 'publishDiagnostics', undefined, () => {
    void context.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: diagnostics.map((d) => toLspDiagnostic(document, d)) });
  });
}

/**
 * Publishes a snapshot's diagnostics (unless they went out ahead of it) and asks the client
 * to refresh hints and lenses, which read the snapshot.
 */
export function publishSnapshot(context: FeatureContext, snapshot: Snapshot, diagnosticsPublished = false): void {
  if (!diagnosticsPublished) publishDiagnostics(context, snapshot.document, snapshot.index.diagnostics);
  const style = context.settings().inlineFigures.style;
  if (style === 'inlayHint' && context.capabilities.inlayHintRefresh) void context.connection.languages.inlayHint.refresh().catch(() => undefined);
  if (style === 'codeLens' && context.capabilities.codeLensRefresh) void context.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}

import type { FeatureContext } from '../context';
import type { Snapshot } from '../analysisHost';
import { runSafe } from '../runSafe';
import { toLspDiagnostic } from '../toProto';

/** Publishes a snapshot's diagnostics and asks the client to refresh hints and lenses. */
export function publishSnapshot(context: FeatureContext, snapshot: Snapshot): void {
  runSafe(context.connection, 'publishDiagnostics', undefined, () => {
    void context.connection.sendDiagnostics({
      uri: snapshot.uri,
      version: snapshot.version,
      diagnostics: snapshot.index.diagnostics.map((d) => toLspDiagnostic(snapshot.document, d)),
    });
  });
  const style = context.settings().inlineFigures.style;
  if (style === 'inlayHint' && context.capabilities.inlayHintRefresh) void context.connection.languages.inlayHint.refresh().catch(() => undefined);
  if (style === 'codeLens' && context.capabilities.codeLensRefresh) void context.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}

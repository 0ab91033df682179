import { InlayHintKind, type CodeLens, type InlayHint } from 'vscode-languageserver';
import { listInlineFigures } from '../../core';
import type { FeatureContext } from '../context';
import { runSafeAsync } from '../runSafe';

/**
 * Availability after each service and component, as inlay hints or as code lenses (the
 * `haTopology.inlineFigures.style` setting), from the snapshot of the current version.
 */
export function registerInlineFigures(context: FeatureContext): void {
  const { connection, documents, host, settings } = context;

  const figures = async (uri: string) => {
    const document = documents.get(uri);
    if (!document) return undefined;
    const snapshot = await host.whenCurrent(document);
    return { document, list: listInlineFigures(snapshot.index, document.getText(), settings().downtimeUnit) };
  };

  connection.languages.inlayHint.on((params) =>
    runSafeAsync(connection, 'inlayHint', [] as InlayHint[], async () => {
      if (settings().inlineFigures.style !== 'inlayHint') return [];
      const found = await figures(params.textDocument.uri);
      if (!found) return [];
      const start = found.document.offsetAt(params.range.start);
      const end = found.document.offsetAt(params.range.end);
      return found.list
        .filter((f) => f.offset >= start && f.offset <= end)
        .map((f) => ({ position: found.document.positionAt(f.offset), label: f.label, paddingLeft: true, tooltip: f.tooltip, kind: InlayHintKind.Type }));
    }),
  );

  connection.onCodeLens((params) =>
    runSafeAsync(connection, 'codeLens', [] as CodeLens[], async () => {
      if (settings().inlineFigures.style !== 'codeLens') return [];
      const found = await figures(params.textDocument.uri);
      if (!found) return [];
      return found.list.map((f) => {
        const position = found.document.positionAt(f.offset);
        return {
          range: { start: { line: position.line, character: 0 }, end: position },
          command: { title: f.label, command: 'haTopology.showProblems', tooltip: f.tooltip },
        };
      });
    }),
  );
}

import { InlayHintKind, type CodeLens, type InlayHint } from 'vscode-languageserver';
import { listInlineFigures } from '../../core';
import type { FeatureContext } from '../context';

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

  connection.languages.inlayHint.on(async (params): Promise<InlayHint[]> => {
    try {
      if (settings().inlineFigures.style !== 'inlayHint') return [];
      const found = await figures(params.textDocument.uri);
      if (!found) return [];
      const start = found.document.offsetAt(params.range.start);
      const end = found.document.offsetAt(params.range.end);
      return found.list
        .filter((f) => f.offset >= start && f.offset <= end)
        .map((f) => ({ position: found.document.positionAt(f.offset), label: f.label, paddingLeft: true, tooltip: f.tooltip, kind: InlayHintKind.Type }));
    } catch (error) {
      connection.console.error(`inlayHint failed: ${String(error)}`);
      return [];
    }
  });

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    try {
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
    } catch (error) {
      connection.console.error(`codeLens failed: ${String(error)}`);
      return [];
    }
  });
}

import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange, type SelectionRange } from 'vscode-languageserver';
import { describeEntity, findWordAt, listEnclosingSpans, listFoldableSpans, outlineDocument, type OutlineItem } from '../../core';
import type { FeatureContext } from '../context';
import { toRange } from '../toProto';

const symbolKinds: Record<OutlineItem['kind'], SymbolKind> = {
  section: SymbolKind.Namespace,
  component: SymbolKind.Object,
  service: SymbolKind.Interface,
};

/** Outline, folding and selection ranges, from the snapshot of the current version. */
export function registerStructure(context: FeatureContext): void {
  const { connection, documents, host } = context;

  const current = async (uri: string) => {
    const document = documents.get(uri);
    return document ? { document, snapshot: await host.whenCurrent(document) } : undefined;
  };

  connection.onDocumentSymbol(async (params): Promise<DocumentSymbol[]> => {
    try {
      const found = await current(params.textDocument.uri);
      if (!found) return [];
      const { document, snapshot } = found;
      const convert = (item: OutlineItem): DocumentSymbol => ({
        name: item.name,
        detail: item.detail,
        kind: symbolKinds[item.kind],
        range: toRange(document, item.span),
        selectionRange: toRange(document, item.selectionSpan),
        children: item.children.map(convert),
      });
      const describe = (entity: Parameters<typeof describeEntity>[1]) => {
        const figures = snapshot.index.services.find((s) => s.id === entity.id) ?? snapshot.index.components.find((c) => c.id === entity.id);
        const kind = entity.type === 'service' ? 'service' : (entity.kind ?? 'component');
        return figures && figures.availability !== null ? `${kind} · ${(figures.availability * 100).toFixed(3)}%` : kind;
      };
      return outlineDocument(snapshot.index, describe).map(convert);
    } catch (error) {
      connection.console.error(`documentSymbol failed: ${String(error)}`);
      return [];
    }
  });

  connection.onFoldingRanges(async (params): Promise<FoldingRange[]> => {
    try {
      const found = await current(params.textDocument.uri);
      if (!found) return [];
      const seen = new Set<string>();
      const ranges: FoldingRange[] = [];
      for (const span of listFoldableSpans(found.snapshot.index)) {
        const range = toRange(found.document, span);
        // A block ends at the start of the next line; fold up to the last line with content.
        const endLine = range.end.character === 0 ? range.end.line - 1 : range.end.line;
        if (endLine <= range.start.line || seen.has(`${range.start.line}:${endLine}`)) continue;
        seen.add(`${range.start.line}:${endLine}`);
        ranges.push({ startLine: range.start.line, endLine, kind: FoldingRangeKind.Region });
      }
      return ranges;
    } catch (error) {
      connection.console.error(`foldingRange failed: ${String(error)}`);
      return [];
    }
  });

  connection.onSelectionRanges(async (params): Promise<SelectionRange[]> => {
    try {
      const found = await current(params.textDocument.uri);
      if (!found) return [];
      const { document, snapshot } = found;
      return params.positions.map((position) => {
        const offset = document.offsetAt(position);
        const spans = listEnclosingSpans(snapshot.index, offset, findWordAt(document.getText(), offset)?.span);
        let selection: SelectionRange | undefined;
        for (const span of [...spans].reverse()) selection = { range: toRange(document, span), ...(selection ? { parent: selection } : {}) };
        return selection ?? { range: { start: position, end: position } };
      });
    } catch (error) {
      connection.console.error(`selectionRange failed: ${String(error)}`);
      return [];
    }
  });
}

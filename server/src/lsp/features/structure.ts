import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange, type SelectionRange } from 'vscode-languageserver';
import { findWordAt, listEnclosingSpans, listFoldableSpans, outlineDocument, type EntityInfo, type OutlineItem } from '../../core';
import type { FeatureContext } from '../context';
import { runSafeAsync } from '../runSafe';
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

  connection.onDocumentSymbol((params) =>
    runSafeAsync(connection, 'documentSymbol', [] as DocumentSymbol[], async () => {
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
      const availability = new Map<string, number | null>();
      for (const figures of [...snapshot.index.components, ...snapshot.index.services]) availability.set(figures.id, figures.availability);
      const describe = (entity: EntityInfo) => {
        const kind = entity.type === 'service' ? 'service' : (entity.kind ?? 'component');
        const value = availability.get(entity.id);
        return value !== undefined && value !== null ? `${kind} · ${(value * 100).toFixed(3)}%` : kind;
      };
      return outlineDocument(snapshot.index, describe).map(convert);
    }),
  );

  connection.onFoldingRanges((params) =>
    runSafeAsync(connection, 'foldingRange', [] as FoldingRange[], async () => {
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
    }),
  );

  connection.onSelectionRanges((params) =>
    runSafeAsync(connection, 'selectionRange', [] as SelectionRange[], async () => {
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
    }),
  );
}

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionList } from 'vscode-languageserver';
import { listCompletions, type CompletionItem as CoreItem } from '../../core';
import type { FeatureContext } from '../context';
import { runSafeAsync } from '../runSafe';
import { toRange } from '../toProto';

const kinds: Record<CoreItem['kind'], CompletionItemKind> = {
  id: CompletionItemKind.Reference,
  kind: CompletionItemKind.EnumMember,
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

/** Completion from the current text and the newest snapshot's ids; never waits for an analysis, only for an index on its way (see settled). */
export function registerCompletion(context: FeatureContext): void {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  context.connection.onCompletion((params): Promise<CompletionList> =>
    runSafeAsync(context.connection, 'completion', empty, async () => {
      const document = context.documents.get(params.textDocument.uri);
      const snapshot = document && (await context.host.settled(document.uri));
      if (!document || !snapshot) return empty;
      const { items, isIncomplete } = listCompletions(snapshot.index, document.getText(), document.offsetAt(params.position), context.schema);
      // Every item replaces the same word: convert its range once.
      const ranges = new Map<string, ReturnType<typeof toRange>>();
      const rangeOf = (span: CoreItem['replaceSpan']) => {
        const key = `${span.start}:${span.end}`;
        if (!ranges.has(key)) ranges.set(key, toRange(document, span));
        return ranges.get(key)!;
      };
      return { isIncomplete, items: items.map((item) => ({
        label: item.label,
        kind: kinds[item.kind],
        ...(item.detail ? { detail: item.detail } : {}),
        ...(item.documentation ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
        ...(item.sortText ? { sortText: item.sortText } : {}),
        insertTextFormat: item.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: rangeOf(item.replaceSpan), newText: item.insertText },
      })) };
    }),
  );
}

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import { listCompletions, type CompletionItem as CoreItem } from '../../core';
import type { FeatureContext } from '../context';
import { runSafe } from '../runSafe';
import { toRange } from '../toProto';

const kinds: Record<CoreItem['kind'], CompletionItemKind> = {
  id: CompletionItemKind.Reference,
  kind: CompletionItemKind.EnumMember,
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

/** Completion from the current text and the newest snapshot's ids; never waits for analysis. */
export function registerCompletion(context: FeatureContext): void {
  context.connection.onCompletion((params): CompletionItem[] =>
    runSafe(context.connection, 'completion', [], () => {
      const document = context.documents.get(params.textDocument.uri);
      const snapshot = document && context.host.latest(document.uri);
      if (!document || !snapshot) return [];
      const items = listCompletions(snapshot.index, document.getText(), document.offsetAt(params.position), context.schema);
      return items.map((item) => ({
        label: item.label,
        kind: kinds[item.kind],
        ...(item.detail ? { detail: item.detail } : {}),
        ...(item.documentation ? { documentation: { kind: MarkupKind.Markdown, value: item.documentation } } : {}),
        ...(item.sortText ? { sortText: item.sortText } : {}),
        insertTextFormat: item.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: toRange(document, item.replaceSpan), newText: item.insertText },
      }));
    }),
  );
}

import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { listCodeActions } from '../../core';
import type { FeatureContext } from '../context';
import { runSafeAsync } from '../runSafe';
import { fromLspDiagnostic, toRange, toSpan } from '../toProto';

/** Quick fixes and the redundancy refactoring, computed on the current version. */
export function registerCodeActions(context: FeatureContext): void {
  const { connection, documents, host } = context;
  connection.onCodeAction((params) =>
    runSafeAsync(connection, 'codeAction', [] as CodeAction[], async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const snapshot = await host.whenCurrent(document);
      const diagnostics = params.context.diagnostics.filter((d) => d.source === 'ha-topology');
      const actions = listCodeActions(snapshot.index, document.getText(), toSpan(document, params.range), diagnostics.map((d) => fromLspDiagnostic(document, d)));
      return actions
        .filter((a) => !params.context.only || params.context.only.some((only) => a.kind.startsWith(only)))
        .map((action) => ({
          title: action.title,
          kind: action.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
          ...(action.isPreferred ? { isPreferred: true } : {}),
          ...(action.fixes !== undefined ? { diagnostics: [diagnostics[action.fixes]!] } : {}),
          edit: { changes: { [document.uri]: action.edits.map((e) => ({ range: toRange(document, e.span), newText: e.newText })) } },
        }));
    }),
  );
}

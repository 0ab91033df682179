import { DocumentHighlightKind, ResponseError, type DocumentHighlight, type Location, type WorkspaceEdit } from 'vscode-languageserver';
import { findIdAt, findOccurrences, renameId } from '../../core';
import type { FeatureContext } from '../context';
import { runSafeAsync } from '../runSafe';
import { toRange } from '../toProto';

/**
 * Definition, references and highlights answer from the newest snapshot (waiting only for an
 * index on its way, see settled); rename waits for the snapshot of the current version,
 * because its edits must be exact.
 */
export function registerNavigation(context: FeatureContext): void {
  const { connection, documents, host } = context;

  const locate = async (uri: string, position: { line: number; character: number }) => {
    const document = documents.get(uri);
    const snapshot = document && (await host.settled(uri));
    if (!document || !snapshot) return undefined;
    const target = findIdAt(snapshot.index, document.getText(), document.offsetAt(position), snapshot.version === document.version);
    return target && { target, snapshot };
  };

  connection.onDefinition((params): Promise<Location | null> =>
    runSafeAsync(connection, 'definition', null, async () => {
      const found = await locate(params.textDocument.uri, params.position);
      if (!found?.target.entity) return null;
      return { uri: params.textDocument.uri, range: toRange(found.snapshot.document, found.target.entity.idSpan) };
    }),
  );

  connection.onReferences((params): Promise<Location[]> =>
    runSafeAsync(connection, 'references', [], async () => {
      const found = await locate(params.textDocument.uri, params.position);
      if (!found) return [];
      return findOccurrences(found.snapshot.index, found.target.id)
        .filter((o) => params.context.includeDeclaration || !o.isDefinition)
        .map((o) => ({ uri: params.textDocument.uri, range: toRange(found.snapshot.document, o.span) }));
    }),
  );

  connection.onDocumentHighlight((params): Promise<DocumentHighlight[]> =>
    runSafeAsync(connection, 'documentHighlight', [], async () => {
      const found = await locate(params.textDocument.uri, params.position);
      if (!found) return [];
      return findOccurrences(found.snapshot.index, found.target.id).map((o) => ({
        range: toRange(found.snapshot.document, o.span),
        kind: o.isDefinition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
      }));
    }),
  );

  connection.onPrepareRename(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    try {
      const snapshot = await host.whenCurrent(document);
      const target = findIdAt(snapshot.index, document.getText(), document.offsetAt(params.position), true);
      if (!target?.entity) return null;
      return { range: toRange(document, target.span), placeholder: target.id };
    } catch (error) {
      connection.console.error(`prepareRename failed: ${String(error)}`);
      return null;
    }
  });

  connection.onRenameRequest(async (params): Promise<WorkspaceEdit | ResponseError<void> | null> => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    try {
      const snapshot = await host.whenCurrent(document);
      // Edits are computed on the analysed text; if the document moved on meanwhile, they would miss.
      if (document.version !== snapshot.version) return new ResponseError(0, 'The document changed while renaming; try again.');
      const text = snapshot.document.getText();
      const target = findIdAt(snapshot.index, text, document.offsetAt(params.position), true);
      if (!target?.entity) return new ResponseError(0, 'Rename works on a component or service id, where it is written (not at a YAML alias).');
      const result = renameId(snapshot.index, text, target.id, params.newName);
      if (!result.ok) return new ResponseError(0, result.message);
      return { changes: { [document.uri]: result.edits.map((e) => ({ range: toRange(document, e.span), newText: e.newText })) } };
    } catch (error) {
      connection.console.error(`rename failed: ${String(error)}`);
      return null;
    }
  });
}

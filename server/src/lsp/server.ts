import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseDocument, createSchemaValidator, defaultAnalysisOptions, type DocumentAnalysis } from '../core';
import { FiguresRequest, defaultServerSettings, type ServerSettings } from '../protocol';
import { AnalysisScheduler } from './analysisScheduler';
import { runSafe } from './runSafe';
import { toLspDiagnostic } from './toProto';

export interface ServerOptions {
  /** The topology schema object; the server compiles it once. */
  readonly schema: Record<string, unknown>;
}

/**
 * Wires the language server to a connection. Handlers stay thin: they get the document,
 * ask the scheduler for its analysis and convert the answer. Settings live in this
 * closure, not in module globals, so several servers can run in one process (as tests do).
 */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const validator = createSchemaValidator(options.schema);
  let settings: ServerSettings = defaultServerSettings;
  let canAskForSettings = false;

  const analyse = (document: TextDocument): DocumentAnalysis =>
    analyseDocument(document.getText(), {
      validator,
      analysis: { ...defaultAnalysisOptions, maxBddNodes: settings.analysis.maxBddNodes },
    });

  const scheduler = new AnalysisScheduler(
    (document) => {
      try {
        return analyse(document);
      } catch (error) {
        connection.console.error(`analysis failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return analyseDocument('', { validator, analyse: false });
      }
    },
    (result) => {
      const document = documents.get(result.uri);
      if (!document || document.version !== result.version) return;
      runSafe(connection, 'publishDiagnostics', undefined, () => {
        void connection.sendDiagnostics({
          uri: result.uri,
          version: result.version,
          diagnostics: result.analysis.diagnostics.map((d) => toLspDiagnostic(document, d)),
        });
      });
    },
    () => settings.validation.debounceMs,
  );

  const refreshSettings = async (): Promise<void> => {
    if (!canAskForSettings) return;
    try {
      const value = (await connection.workspace.getConfiguration('haTopology')) as Partial<ServerSettings> | null;
      settings = {
        validation: { ...defaultServerSettings.validation, ...(value?.validation ?? {}) },
        analysis: { ...defaultServerSettings.analysis, ...(value?.analysis ?? {}) },
      };
    } catch {
      settings = defaultServerSettings;
    }
  };

  connection.onInitialize((params): InitializeResult => {
    canAskForSettings = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      serverInfo: { name: 'ha-topology' },
    };
  });

  connection.onInitialized(() => {
    void refreshSettings().then(() => documents.all().forEach((d) => scheduler.schedule(d, true)));
  });

  connection.onDidChangeConfiguration(() => {
    void refreshSettings().then(() => documents.all().forEach((d) => scheduler.schedule(d, true)));
  });

  documents.onDidOpen((event) => runSafe(connection, 'didOpen', undefined, () => scheduler.schedule(event.document, true)));
  documents.onDidChangeContent((event) => runSafe(connection, 'didChange', undefined, () => scheduler.schedule(event.document)));
  documents.onDidClose((event) =>
    runSafe(connection, 'didClose', undefined, () => {
      scheduler.forget(event.document.uri);
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    }),
  );

  connection.onRequest(FiguresRequest.method, (params: FiguresRequest.Params): FiguresRequest.Result | null =>
    runSafe(connection, FiguresRequest.method, null, () => {
      const document = documents.get(params.uri);
      if (!document) return null;
      const analysis = scheduler.get(document);
      return { kind: 'figures', uri: document.uri, version: document.version, services: analysis.services ?? [] };
    }),
  );

  connection.onShutdown(() => scheduler.dispose());
  documents.listen(connection);
  connection.listen();
}

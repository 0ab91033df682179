import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultServerSettings, type ServerSettings } from '../protocol';
import { AnalysisHost } from './analysisHost';
import type { FeatureContext } from './context';
import { registerCodeActions } from './features/codeActions';
import { registerCompletion } from './features/completion';
import { registerCustomRequests } from './features/custom';
import { publishDiagnostics, publishSnapshot } from './features/diagnostics';
import { registerHover } from './features/hover';
import { registerInlineFigures } from './features/inlineFigures';
import { registerNavigation } from './features/navigation';
import { registerPreview } from './features/preview';
import { registerStructure } from './features/structure';
import { runSafe } from './runSafe';
import { readSettings } from './settings';

export interface ServerOptions {
  /** The topology schema object, for completion; the worker loads its own copy. */
  readonly schema: Record<string, unknown>;
  /** Overrides the analysis worker script (tests run it from the compiled tree). */
  readonly workerPath?: string;
  /** See AnalysisHostOptions.maxStalenessMs. */
  readonly maxStalenessMs?: number;
  /** See AnalysisHostOptions.spareThread. */
  readonly spareThread?: boolean;
}

/**
 * Wires the language server to a connection. Analysis runs on a worker thread; the
 * handlers stay thin: they get the document, ask the analysis host for a snapshot, call the
 * core's language service and convert. Settings live in this closure, not in globals.
 */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  let settings: ServerSettings = defaultServerSettings;
  let canAskForSettings = false;
  const capabilities = { inlayHintRefresh: false, codeLensRefresh: false };

  const host = new AnalysisHost({
    settings: () => settings,
    onAnalysed: (snapshot, diagnosticsPublished) => publishSnapshot(context, snapshot, diagnosticsPublished),
    onDiagnosed: (document, diagnostics) => publishDiagnostics(context, document, diagnostics),
    log: (message) => connection.console.error(message),
    ...(options.workerPath ? { workerPath: options.workerPath } : {}),
    ...(options.maxStalenessMs !== undefined ? { maxStalenessMs: options.maxStalenessMs } : {}),
    ...(options.spareThread !== undefined ? { spareThread: options.spareThread } : {}),
  });
  const context: FeatureContext = { connection, documents, host, settings: () => settings, schema: options.schema, capabilities };

  const refreshSettings = async (): Promise<void> => {
    if (!canAskForSettings) return;
    try {
      settings = readSettings(await connection.workspace.getConfiguration('haTopology'));
    } catch {
      settings = defaultServerSettings;
    }
  };

  connection.onInitialize((params): InitializeResult => {
    canAskForSettings = !!params.capabilities.workspace?.configuration;
    capabilities.inlayHintRefresh = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
    capabilities.codeLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '[', ',', ':', '-'] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'ha-topology' },
    };
  });

  // Analyses wait for the client's settings at start-up, so a file open from the start is
  // analysed with the user's settings, once; a client that never answers holds them 2 s.
  let settingsArrived: Promise<void> = Promise.resolve();
  connection.onInitialized(() => {
    settingsArrived = Promise.race([refreshSettings(), new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
    void settingsArrived.then(() => host.refreshAll());
  });
  const scheduleWithSettings = (what: string, document: TextDocument, immediately: boolean) =>
    void settingsArrived.then(() =>
      runSafe(connection, what, undefined, () => {
        // Closed while the settings were on their way: nothing to analyse.
        if (documents.get(document.uri)) host.schedule(document, immediately);
      }),
    );

  connection.onDidChangeConfiguration(() => {
    void refreshSettings().then(() => host.refreshAll());
  });

  documents.onDidOpen((event) => scheduleWithSettings('didOpen', event.document, true));
  documents.onDidChangeContent((event) => scheduleWithSettings('didChange', event.document, false));
  documents.onDidClose((event) =>
    runSafe(connection, 'didClose', undefined, () => {
      host.forget(event.document.uri);
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    }),
  );

  registerHover(context);
  registerCompletion(context);
  registerNavigation(context);
  registerStructure(context);
  registerCodeActions(context);
  registerInlineFigures(context);
  registerCustomRequests(context);
  registerPreview(context);

  connection.onShutdown(() => host.dispose());
  documents.listen(connection);
  connection.listen();
}

import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { loadSchema } from '../../server/src/node/packageFiles';
import { startServer, type ServerOptions } from '../../server/src/lsp/server';

/**
 * A language server and a client in one process, talking JSON-RPC through a pair of
 * streams exactly as they would over IPC. Collects every published diagnostics message.
 */
export class InProcessServer {
  readonly client: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: (() => void)[] = [];

  /** With `settings`, the client answers `workspace/configuration` with them, as VS Code does. */
  constructor(
    private readonly settings?: Record<string, unknown>,
    serverOptions: Partial<ServerOptions> = {},
  ) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createConnection(toServer, toClient);
    startServer(server, { schema: loadSchema(), ...serverOptions });
    this.client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.client.onNotification('window/logMessage', () => undefined);
    this.client.onRequest('workspace/configuration', () => [this.settings ?? null]);
    this.client.onRequest('workspace/inlayHint/refresh', () => null);
    this.client.onRequest('workspace/codeLens/refresh', () => null);
    this.client.listen();
  }

  async initialize(): Promise<void> {
    const workspace = this.settings ? { configuration: true, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } } : {};
    await this.client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: { workspace } });
    await this.client.sendNotification('initialized', {});
  }

  /** A started server with one document open and analysed: the usual start of a test. */
  static async withDocument(uri: string, text: string): Promise<InProcessServer> {
    const server = new InProcessServer();
    await server.initialize();
    await server.open(uri, text);
    await server.waitForDiagnostics((p) => p.uri === uri);
    return server;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'ha-topology', version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * Resolves with the first published message that satisfies the predicate. The timeout only
   * keeps a broken server from hanging the suite: it is far above any expected wait, so a
   * busy machine never fails a test.
   */
  async waitForDiagnostics(predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 60_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.published.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics within ${timeoutMs} ms; got ${JSON.stringify(this.published.map((p) => [p.uri, p.version]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async dispose(): Promise<void> {
    try {
      await this.client.sendRequest('shutdown');
    } finally {
      this.client.dispose();
    }
  }
}

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderPreviewHtml } from '../../media/src/previewHtml';
import { GraphRequest, readWebviewMessage, WhatIfRequest, type PreviewGraph, type ToWebview } from '../../server/src/protocol';

const viewType = 'haTopology.preview';

/**
 * The preview panel's host. It forwards: graphs from the server to the webview, the cursor
 * to the webview, and the webview's requests (reveal, what-if, export) to VS Code and the
 * server. It decides nothing about topologies; the server and the webview do.
 */
export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private graph: PreviewGraph | undefined;
  private lastMessage: ToWebview | undefined;
  /** The last message of each kind, for the tests: a cursor move must not hide a focus. */
  private readonly lastByKind = new Map<ToWebview['kind'], ToWebview>();
  /** The file and version of the last graph sent to the webview. */
  private shown: { uri: string; version: number } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: async (panel, state: { uri?: string } | undefined) => {
          const uri = state?.uri ? vscode.Uri.parse(state.uri) : vscode.window.activeTextEditor?.document.uri;
          this.adopt(panel, uri);
        },
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor?.document.languageId === 'ha-topology' && editor.document.uri.toString() !== this.uri?.toString()) {
          this.uri = editor.document.uri;
          void this.refresh();
        }
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        // The server publishes diagnostics after each analysis: the moment to redraw.
        if (this.panel && this.uri && event.uris.some((u) => u.toString() === this.uri!.toString())) void this.refresh();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (!this.panel || event.textEditor.document.uri.toString() !== this.uri?.toString()) return;
        const position = event.selections[0]!.active;
        void this.post({ kind: 'cursor', uri: this.uri.toString(), line: position.line, character: position.character });
      }),
    );
  }

  /** Opens the preview of the active topology, in the active column or beside it. */
  open(toTheSide: boolean): void {
    const editor = vscode.window.activeTextEditor;
    const uri = editor?.document.languageId === 'ha-topology' ? editor.document.uri : this.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Open a topology file (*.ha.yaml) to preview it.');
      return;
    }
    const column = toTheSide ? vscode.ViewColumn.Beside : (editor?.viewColumn ?? vscode.ViewColumn.Active);
    if (this.panel) {
      this.panel.reveal(column, toTheSide);
      this.uri = uri;
      void this.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(viewType, 'Topology Preview', { viewColumn: column, preserveFocus: toTheSide }, this.webviewOptions());
    this.adopt(panel, uri);
  }

  /**
   * Opens the preview beside the editor showing only what one service depends on: the
   * service under the cursor, else one picked from the file's services.
   */
  async focusOnService(): Promise<void> {
    this.open(true);
    if (!this.graph) await this.refresh();
    const services = (this.graph?.nodes ?? []).filter((n) => n.type === 'service');
    if (services.length === 0) return;
    const editor = vscode.window.activeTextEditor;
    const line = editor?.document.uri.toString() === this.uri?.toString() ? editor?.selection.active.line : undefined;
    const underCursor = line === undefined ? undefined : services.find((s) => s.range.start.line <= line && line <= s.range.end.line);
    const picked =
      underCursor?.id ??
      (await vscode.window.showQuickPick(services.map((s) => ({ label: s.id, description: s.caption })), { placeHolder: 'Show only what this service depends on' }))?.label;
    if (picked) await this.post({ kind: 'focus', id: picked });
  }

  /** For the tests: the last message the webview was sent, and the last graph. */
  inspect(): { lastMessage: ToWebview | undefined; lastByKind: Record<string, ToWebview>; graph: PreviewGraph | undefined; uri: string | undefined } {
    return { lastMessage: this.lastMessage, lastByKind: Object.fromEntries(this.lastByKind), graph: this.graph, uri: this.uri?.toString() };
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri | undefined): void {
    this.panel = panel;
    this.uri = uri;
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'preview-icon.svg');
    panel.webview.options = this.webviewOptions();
    const media = (file: string) => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'media', file)).toString();
    const nonce = createNonce();
    panel.webview.html = renderPreviewHtml({
      cspSource: panel.webview.cspSource,
      nonce,
      script: media('preview.js'),
      style: media('preview.css'),
      elkWorker: media('elk-worker.js'),
      font: media('codicon.ttf'),
    });
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage((raw) => void this.receive(raw));
  }

  private async receive(raw: unknown): Promise<void> {
    const message = readWebviewMessage(raw);
    if (!message) return;
    switch (message.kind) {
      case 'ready':
        return this.refresh();
      case 'reveal':
        return this.reveal(message.id);
      case 'whatIf': {
        if (!this.uri) return;
        const params: WhatIfRequest.Params = { kind: 'whatIf', uri: this.uri.toString(), failed: message.failed.filter((id) => this.graph?.nodes.some((n) => n.id === id)) };
        const result = await this.client.sendRequest<WhatIfRequest.Result | null>(WhatIfRequest.method, params);
        if (result) await this.post({ kind: 'whatIf', failed: result.failed, services: result.services, downNodes: result.downNodes });
        return;
      }
      case 'export':
        return this.save(message.format, message.data);
    }
  }

  private async refresh(): Promise<void> {
    if (!this.panel || !this.uri) return;
    const uri = this.uri.toString();
    this.panel.title = `Preview ${this.uri.path.split('/').pop()}`;
    try {
      // After a reload the panel may come back before any editor: open the document so that
      // the server has it (opening shows no editor).
      await vscode.workspace.openTextDocument(this.uri);
      const params: GraphRequest.Params = { kind: 'graph', uri };
      const result = await this.client.sendRequest<GraphRequest.Result | null>(GraphRequest.method, params);
      // A graph of the file still shown is drawn even if another request went out meanwhile
      // (its diagnostics came in): waiting for that one would only delay the first picture.
      // An answer for another file, or older than the one on screen, is dropped.
      const shown = this.shown;
      if (!result || result.uri !== this.uri?.toString() || (shown?.uri === result.uri && shown.version > result.version)) return;
      this.shown = { uri: result.uri, version: result.version };
      // Ids the webview may reveal are those of the last graph without errors, or the newest.
      if (!result.graph.hasErrors || !this.graph) this.graph = result.graph;
      await this.post({ kind: 'graph', uri: result.uri, version: result.version, graph: result.graph });
    } catch (error) {
      await this.post({ kind: 'unavailable', message: `The language server did not answer: ${String(error)}` });
    }
  }

  private async reveal(id: string): Promise<void> {
    const node = this.graph?.nodes.find((n) => n.id === id);
    if (!node || !this.uri) return; // Only ids of the topology this panel shows.
    const document = await vscode.workspace.openTextDocument(this.uri);
    const { start, end } = node.selectionRange;
    const selection = new vscode.Range(start.line, start.character, end.line, end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri!.toString());
    await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection, preserveFocus: false });
  }

  private async save(format: 'svg' | 'png', data: string): Promise<void> {
    const base = this.uri ? this.uri.path.replace(/\.ha\.ya?ml$|\.ya?ml$/, '') : 'topology';
    const target = await vscode.window.showSaveDialog({
      defaultUri: this.uri ? this.uri.with({ path: `${base}.${format}` }) : undefined,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    });
    if (!target) return;
    const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    // Say where it went, with a way to look at it; the notification does not hold up the panel.
    void vscode.window.showInformationMessage(`Saved the diagram to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((choice) => {
      if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', target);
    });
  }

  private async post(message: ToWebview): Promise<void> {
    this.lastMessage = message;
    this.lastByKind.set(message.kind, message);
    await this.panel?.webview.postMessage(message);
  }
}

function createNonce(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

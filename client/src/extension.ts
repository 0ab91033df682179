import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { PreviewManager } from './previewPanel';
import { RestartPolicy } from './restartPolicy';
import { createStatusBar } from './statusBar';
import { ProcessIdRequest, SkeletonRequest } from '../../server/src/protocol';

let client: LanguageClient | undefined;

/**
 * Starts the language server over IPC and registers the commands. The client holds no
 * analysis logic: everything it shows comes from the server.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('HA Topology', { log: true });
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  // A server that dies is restarted (up to 4 times in 3 minutes), however many messages
  // failed to reach it before the client noticed (see RestartPolicy).
  const policy = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'ha-topology' }],
    outputChannel: output,
    synchronize: { configurationSection: 'haTopology' },
    errorHandler: {
      // A message that could not be written or read: carry on; if the server died, its exit comes next.
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => (policy.onClosed() === 'restart' ? { action: CloseAction.Restart } : { action: CloseAction.DoNotRestart, message: policy.describeGivingUp('HA Topology') }),
    },
  };
  client = new LanguageClient('haTopology', 'HA Topology', serverOptions, clientOptions);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('haTopology.switchLanguage', async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) await vscode.languages.setTextDocumentLanguage(editor.document, 'ha-topology');
    }),
    vscode.commands.registerCommand('haTopology.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('haTopology.showProblems', async () => {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
  );
  await client.start();
  const previews = new PreviewManager(context, client);
  context.subscriptions.push(
    createStatusBar(client),
    previews,
    // The server words the skeleton; the client only inserts it where the cursor is.
    vscode.commands.registerCommand('haTopology.insertSkeleton', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const params: SkeletonRequest.Params = { kind: 'skeleton' };
      const { snippet } = await client!.sendRequest<SkeletonRequest.Result>(SkeletonRequest.method, params);
      await editor.insertSnippet(new vscode.SnippetString(snippet));
    }),
    vscode.commands.registerCommand('haTopology.openPreview', () => previews.open(false)),
    vscode.commands.registerCommand('haTopology.openPreviewToSide', () => previews.open(true)),
    vscode.commands.registerCommand('haTopology.focusPreviewOnService', () => previews.focusOnService()),
    // For the end-to-end tests: what the preview panel was last sent, and the server's process.
    vscode.commands.registerCommand('haTopology.test.inspectPreview', () => previews.inspect()),
    vscode.commands.registerCommand('haTopology.test.serverProcessId', async () => (await client!.sendRequest<ProcessIdRequest.Result>(ProcessIdRequest.method)).pid),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

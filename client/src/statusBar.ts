import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StatusRequest } from '../../server/src/protocol';

/**
 * The status-bar items for the active topology: the service that decides the SLA verdict, as
 * the server words it (clicking opens the preview beside the editor), and the file's errors
 * in an item of their own (clicking opens the Problems panel). The client only displays.
 */
export function createStatusBar(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('haTopology.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'HA Topology';
  item.command = 'haTopology.openPreviewToSide';
  // Errors in the file are their own item, so they never colour the availability verdict.
  const errorItem = vscode.window.createStatusBarItem('haTopology.errors', vscode.StatusBarAlignment.Left, 49);
  errorItem.name = 'HA Topology errors';
  errorItem.command = 'workbench.actions.view.problems';
  errorItem.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  let generation = 0;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'ha-topology') {
      item.hide();
      errorItem.hide();
      return;
    }
    const mine = ++generation;
    try {
      const params: StatusRequest.Params = { kind: 'status', uri: editor.document.uri.toString() };
      const status = await client.sendRequest<StatusRequest.Result | null>(StatusRequest.method, params);
      if (mine !== generation) return;
      if (!status) {
        item.text = '$(sync~spin) HA: analysing';
        item.tooltip = undefined;
      } else {
        item.text = status.text;
        item.tooltip = status.tooltip;
        item.backgroundColor = status.level === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
        if (status.errors) {
          errorItem.text = status.errors;
          errorItem.show();
        } else {
          errorItem.hide();
        }
      }
      item.show();
    } catch {
      // The server is restarting; the next diagnostics change updates the item.
    }
  };

  const disposables = [
    item,
    errorItem,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) void update();
    }),
  ];
  void update();
  return vscode.Disposable.from(...disposables);
}

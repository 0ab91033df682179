import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StatusRequest } from '../../server/src/protocol';

/**
 * The status-bar item for the active topology: the worst service against its SLA, as the
 * server words it. The client only displays; clicking opens the preview beside the editor.
 */
export function createStatusBar(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('haTopology.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'HA Topology';
  item.command = 'haTopology.openPreviewToSide';
  let generation = 0;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'ha-topology') {
      item.hide();
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
        item.backgroundColor =
          status.level === 'error'
            ? new vscode.ThemeColor('statusBarItem.errorBackground')
            : status.level === 'warning'
              ? new vscode.ThemeColor('statusBarItem.warningBackground')
              : undefined;
      }
      item.show();
    } catch {
      // The server is restarting; the next diagnostics change updates the item.
    }
  };

  const disposables = [
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((uri) => uri.toString() === active)) void update();
    }),
  ];
  void update();
  return vscode.Disposable.from(...disposables);
}

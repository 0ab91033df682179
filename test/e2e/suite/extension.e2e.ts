import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, openTopology, waitForDiagnostics, workspaceFile } from './helpers';

const hasCode = (code: string) => (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code) === code;

describe('HA Topology in VS Code', () => {
  it('recognises topology files and activates', async () => {
    const editor = await openTopology('hosting-company.ha.yaml');
    assert.equal(editor.document.languageId, 'ha-topology');
    const extension = vscode.extensions.all.find((e) => e.packageJSON.name === 'ha-topology');
    assert.ok(extension, 'the extension is installed');
    await eventually(() => (extension.isActive ? true : undefined));
    // The format is written with 2-space indentation; new files start that way too.
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'ha-topology' }).get('tabSize'), 2);
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'ha-topology' }).get('insertSpaces'), true);
  });

  it('shows single points of failure and SLA misses as diagnostics', async () => {
    const example = workspaceFile('hosting-company.ha.yaml');
    await openTopology('hosting-company.ha.yaml');
    const diagnostics = await waitForDiagnostics(example, (d) => d.some(hasCode('single-point-of-failure')));
    assert.deepEqual(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);
    const san = diagnostics.find((d) => d.message.startsWith('"san" is a single point of failure'));
    assert.ok(san, 'the SAN is flagged');
    assert.equal(san.severity, vscode.DiagnosticSeverity.Warning);
    // The HA manager runs on host-1, the primary it must fail over from.
    const defeated = diagnostics.find(hasCode('defeated-failover'));
    assert.ok(defeated, 'the defeated failover is flagged');
    assert.match(defeated.message, /when host-1 fails it takes down the primary host-1 and what the switch requires/);
    assert.ok(diagnostics.some((d) => hasCode('sla-miss')(d) && d.message.startsWith('"mysql"')), 'mysql misses its SLA: the replica is promoted by hand');
    // The web tier needs both VMs at the evening peak, and web-hosting's monthly SLA breaks in many months.
    const noSpare = diagnostics.find(hasCode('no-spare-at-peak'));
    assert.match(noSpare?.message ?? '', /^N\+0 at peak: any one of web-1, web-2 failing drops "web-hosting" during the peak \(needs 2 of 2: 1,000 \/ 600\)\. At peak it makes 6 parts single points of failure: /);
    assert.ok((noSpare?.relatedInformation ?? []).some((r) => /^at peak, "host-1" alone takes down web-hosting/.test(r.message)), 'the parts it makes single points of failure are related information');
    const risk = diagnostics.find(hasCode('sla-breach-risk'));
    assert.match(risk?.message ?? '', /^"web-hosting" meets 99\.95% on average \(99\.\d+%\), but misses 99\.95% in \d+% of months; an outage longer than 30 min in \d+% of months\.$/);
    const broken = workspaceFile('broken.ha.yaml');
    await openTopology('broken.ha.yaml');
    const brokenDiagnostics = await waitForDiagnostics(broken, (d) => d.some(hasCode('sla-miss')));
    assert.ok(brokenDiagnostics.some(hasCode('unknown-reference')));
  });

  it('offers inlay hints and hovers with the computed figures', async () => {
    const editor = await openTopology('hosting-company.ha.yaml');
    await waitForDiagnostics(editor.document.uri, (d) => d.length > 0);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', editor.document.uri, new vscode.Range(0, 0, end.line, end.character));
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.ok(labels.some((l) => /^99\.\d+% · .+ a year · \d+ SPOFs? · SLA 99\.\d+% met, .+ to spare · breached in [\d.]+% of months$/.test(l)), labels.join(' | '));
    assert.ok(labels.some((l) => /^99\.\d+% · .+ a year · SPOF of 6 services$/.test(l)), 'the SAN says how many services it takes down');
    // Failovers, the disks' common cause and the hosts' patching say what they cost.
    assert.ok(labels.some((l) => /^switch works 0% · .+ per switchover · .+ a year of /.test(l)), labels.join(' | '));
    assert.ok(labels.some((l) => /^switch works 80% · /.test(l)), labels.join(' | '));
    assert.ok(labels.some((l) => /% of .+'s downtime.* · .+ a year$/.test(l)), labels.join(' | '));
    assert.ok(labels.some((l) => /^costs .+ a year of /.test(l)), labels.join(' | '));
    // The web tier's load: how many VMs each phase needs.
    assert.ok(labels.includes('needs 2 of 2 (no spare) at peak · 1 of 2 (1 spare) off-peak'), labels.join(' | '));
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('  web-hosting:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 4));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /^\*\*web-hosting\*\* · service · Predicted availability \*\*99\.\d+%\*\*, down .+ a year · SLA 99\.95% met/);
    assert.match(text, /What to fix first/);
    assert.match(text, /Per month: misses 99\.95% in \d+% of months; an outage longer than 30 min in \d+% of months \(about [\d.]+ breaches a year\)\./);
    assert.match(text, /At peak 99\.\d+%, off-peak 99\.\d+%\./);
  });

  it('applies a quick fix and a rename', async () => {
    const editor = await openTopology('broken.ha.yaml');
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some(hasCode('unknown-reference')));
    const unknown = diagnostics.find(hasCode('unknown-reference'))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, unknown.range, vscode.CodeActionKind.QuickFix.value);
    const change = actions.find((a) => a.title === 'Change to "host"');
    assert.ok(change?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(change.edit));
    assert.match(editor.document.getText(), /requires: \[host\] \}/);
    await waitForDiagnostics(editor.document.uri, (d) => !d.some(hasCode('unknown-reference')));
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('  host:'));
    const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, new vscode.Position(line, 3), 'server-1');
    assert.ok(await vscode.workspace.applyEdit(rename));
    assert.equal(editor.document.getText().match(/server-1/g)?.length, 3);
    assert.ok(!/\bhost\b/.test(editor.document.getText().replace(/kind: server/g, '')));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('fixes a misspelt key with the key it suggests', async () => {
    const editor = await openTopology('hosting-company.ha.yaml');
    const original = editor.document.getText();
    const at = editor.document.positionAt(original.indexOf('mttr: 2h'));
    await editor.edit((edit) => edit.replace(new vscode.Range(at, at.translate(0, 4)), 'mtrr'));
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => /Unknown key "mtrr"/.test(x.message)));
    const misspelt = diagnostics.find((x) => /Unknown key "mtrr"/.test(x.message))!;
    assert.match(misspelt.message, /Did you mean "mttr"\?/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, misspelt.range, vscode.CodeActionKind.QuickFix.value);
    const change = actions.find((a) => a.title === 'Change to "mttr"');
    assert.ok(change?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(change.edit));
    assert.equal(editor.document.getText(), original);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('starts an empty topology file from the skeleton command', async () => {
    const uri = workspaceFile('new.ha.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(''));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.equal(editor.document.languageId, 'ha-topology');
    await waitForDiagnostics(uri, (d) => d.some((x) => /The file is empty/.test(x.message)));
    await vscode.commands.executeCommand('haTopology.insertSkeleton');
    assert.match(editor.document.getText(), /^topology: My services\n[\s\S]*requires: \[server-1\]\n$/);
    await waitForDiagnostics(uri, (d) => !d.some((x) => x.severity === vscode.DiagnosticSeverity.Error));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('opens the preview, which receives the graph of the active topology', async () => {
    await openTopology('hosting-company.ha.yaml');
    await vscode.commands.executeCommand('haTopology.openPreviewToSide');
    const inspected = await eventually(async () => {
      const state = await vscode.commands.executeCommand<{ lastMessage?: { kind: string; graph?: { nodes: { id: string; spofFor: string[]; caption: string }[]; edges: { target: string; style?: string }[] } } }>('haTopology.test.inspectPreview');
      return state.lastMessage?.kind === 'graph' ? state.lastMessage : undefined;
    });
    const ids = inspected.graph!.nodes.map((n) => n.id);
    assert.ok(ids.includes('web-hosting') && ids.includes('san'));
    assert.deepEqual(inspected.graph!.nodes.find((n) => n.id === 'san')!.spofFor.length, 6);
    // The VM failover shows how often its switch works, with a dashed edge to the HA manager.
    assert.equal(inspected.graph!.nodes.find((n) => n.id === 'vm-platform/0')!.caption, 'any 1 of 2 · failover 5m · works 0%');
    assert.ok(inspected.graph!.edges.some((e) => e.target === 'ha-manager' && e.style === 'switch'));
    // From the editor: with the cursor in a service, the preview shows only what it depends on.
    const editor = await openTopology('hosting-company.ha.yaml');
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('  mysql:'));
    editor.selection = new vscode.Selection(line + 1, 4, line + 1, 4);
    await vscode.commands.executeCommand('haTopology.focusPreviewOnService');
    const focused = await eventually(async () => {
      const state = await vscode.commands.executeCommand<{ lastByKind: Record<string, { kind: string; id?: string }> }>('haTopology.test.inspectPreview');
      return state.lastByKind.focus;
    });
    assert.equal(focused.id, 'mysql');
  });

  it('restarts the language server when it dies, and diagnostics come back', async () => {
    const editor = await openTopology('broken.ha.yaml');
    await waitForDiagnostics(editor.document.uri, (d) => d.some(hasCode('unknown-reference')));
    const pid = await vscode.commands.executeCommand<number>('haTopology.test.serverProcessId');
    process.kill(pid, 'SIGKILL');
    // A busy editor keeps sending until the client notices: none of that may stop the client.
    await Promise.allSettled(Array.from({ length: 12 }, () => vscode.commands.executeCommand('haTopology.test.serverProcessId')));
    // The client notices, starts a new server and sends it the open documents again.
    const newPid = await eventually(async () => {
      try {
        const next = await vscode.commands.executeCommand<number>('haTopology.test.serverProcessId');
        return next !== pid ? next : undefined;
      } catch {
        return undefined;
      }
    });
    assert.notEqual(newPid, pid);
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('  db:'));
    await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), '  extra: { kind: server, mtbf: 1000h, mttr: 1h, requires: [nowhere] }\n'));
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => x.message.startsWith('"nowhere" is not a component')));
    assert.ok(diagnostics.some(hasCode('unknown-reference')));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('switches a plain YAML file to the topology language', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('plain.yaml'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'yaml');
    await vscode.commands.executeCommand('haTopology.switchLanguage');
    await eventually(() => (vscode.window.activeTextEditor?.document.languageId === 'ha-topology' ? true : undefined));
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { analyse, readFixture } from '../helpers/core';
import { InProcessServer } from '../helpers/lspClient';
import { applyEdits, extractMarkers } from '../helpers/markers';

const fixture = extractMarkers(readFixture('lsp', 'version2.ha.yaml'));
const uri = 'file:///version2.ha.yaml';

describe('figures of failovers, common causes and maintenance in the editor', () => {
  let server: InProcessServer;
  const web = analyse(fixture.text).services!.find((s) => s.id === 'web')!;
  before(async () => {
    server = await InProcessServer.withDocument(uri, fixture.text);
  });
  after(() => server.dispose());

  const hover = async (marker: string) => {
    const result = (await server.client.sendRequest('textDocument/hover', { textDocument: { uri }, position: fixture.position(marker) })) as Hover;
    return (result.contents as { value: string }).value;
  };
  const hintOn = async (marker: string) => {
    const hints = (await server.client.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } })) as InlayHint[];
    const line = fixture.position(marker).line;
    return hints.filter((h) => h.position.line === line).map((h) => String(h.label));
  };

  it('shows a failover’s switch success, outage per switchover and yearly cost inline and on hover', async () => {
    const failover = web.failovers[0]!;
    // The switch needs an HA manager independent of the primary: s = success · a(ha-manager with its host).
    const haManager = (4000 / 4001) * (20000 / 20004);
    assert.ok(Math.abs(failover.switchSuccess - 0.98 * haManager) < 1e-12, String(failover.switchSuccess));
    assert.ok(Math.abs(failover.minutesPerSwitchover - (failover.switchSuccess * 2 + (1 - failover.switchSuccess) * 45)) < 1e-9);
    const [label] = await hintOn('failover');
    assert.match(label!, /^switch works 98\.0% · [\d.]+ min per switchover · [\d.]+ min a year of web$/);
    const text = await hover('failover');
    assert.match(text, /^\*\*Switchovers cost web [\d.]+ min a year\*\*/);
    assert.match(text, /switchovers a year \(failures of host-1 with the rest able to take over\)/);
  });

  it('shows a common cause’s share of the service’s downtime', async () => {
    const cause = web.causes.find((c) => c.kind === 'common-cause')!;
    assert.equal(cause.id, 'common:disk');
    assert.ok(cause.share > 0 && cause.share < 1);
    const labels = await hintOn('common');
    assert.ok(labels.some((l) => new RegExp(`^${Math.round(cause.share * 100)}% of web's downtime · `).test(l)), labels.join(' | '));
    assert.match(await hover('common'), /^\*\*Common cause `common:disk` costs web /);
  });

  it('shows what planned maintenance costs each service', async () => {
    const maintenance = web.causes.find((c) => c.kind === 'maintenance')!;
    assert.equal(maintenance.id, 'host-1');
    assert.ok(maintenance.minutesPerYear > 0);
    const labels = await hintOn('maintenance');
    assert.ok(labels.some((l) => /^costs [\d.]+ s a year of web$/.test(l)), labels.join(' | '));
    assert.match(await hover('maintenance'), /^\*\*Maintenance of `host-1` costs web /);
  });

  it('hovers any key with what the schema says, for the object it is written in', async () => {
    assert.match(await hover('success-key'), /^\*\*success\*\*\n\nThe chance that the switch works by itself/);
    assert.match(await hover('every'), /^\*\*every\*\*/);
  });

  it('offers what it suggests as a quick fix for a misspelt key, kind or duration unit', async () => {
    const misspelt = fixture.text
      .replace('success: 98%', 'sucess: 98%')
      .replace('maintenance: { every:', 'maintenance: { evry:')
      .replace('host-2: { kind: server', 'host-2: { kind: sever')
      .replace('time: 2m', 'time: 2 minutse');
    await server.change(uri, 10, misspelt);
    const published = await server.waitForDiagnostics((p) => p.uri === uri && p.version === 10);
    const unknown = published.diagnostics.filter((d) => /did you mean/i.test(String(d.message)));
    assert.deepEqual(unknown.map((d) => d.code).sort(), ['invalid-duration', 'schema', 'schema', 'unknown-kind'], published.diagnostics.map((d) => String(d.message)).join('\n'));
    let fixed = misspelt;
    for (const diagnostic of unknown) {
      const actions = (await server.client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
      const change = actions.find((a) => a.title.startsWith('Change to'))!;
      assert.equal(change.isPreferred, true);
      fixed = applyEdits(fixed, change.edit!.changes![uri]!);
    }
    assert.equal(fixed, fixture.text.replace('time: 2m', 'time: 2 minute'));
    await server.change(uri, 11, fixture.text);
  });

  it('completes the new keys with snippets, their values, and a failover group that can fail', async () => {
    const marked = extractMarkers(
      fixture.text
        .replace('    mttr: 30m\n', '    mttr: 30m\n    {|key|}\n')
        .replace('success: 98%', 'success: {|success|}')
        .replace('requires: [host-3]', 'requires: [{|requirement|}host-3]')
        .replace('services:\n', '{|top|}\nservices:\n'),
    );
    await server.change(uri, 30, marked.text);
    const complete = async (marker: string) =>
      ((await server.client.sendRequest('textDocument/completion', { textDocument: { uri }, position: marked.position(marker) })) as { items: CompletionItem[] }).items;
    const keys = await complete('key');
    const maintenance = keys.find((i) => i.label === 'maintenance')!;
    assert.equal(maintenance.insertTextFormat, 2, 'a snippet');
    assert.match(maintenance.textEdit ? (maintenance.textEdit as { newText: string }).newText : maintenance.insertText!, /^maintenance: \{ every: \$\{1:30d\}, duration: \$\{2:1h\} \}$/);
    assert.ok(keys.some((i) => i.label === 'commonCause'));
    assert.deepEqual((await complete('success')).map((i) => i.label), ['99%', '95%', '90%']);
    const groups = await complete('requirement');
    const canFail = groups.find((i) => i.label === 'failover group that can fail')!;
    const group = canFail.textEdit ? (canFail.textEdit as { newText: string }).newText : canFail.insertText!;
    // Members are the file's components as choices, never made-up ids that would show as unknown.
    assert.match(group, /^\{ any: \[\$\{1\|host-1,host-2,host-3,[^|]*\|\}, \$\{2\|host-2,/);
    assert.ok(!/primary|standby/.test(group), group);
    const top = (await complete('top')).find((i) => i.label === 'commonCause')!;
    const inserted = top.textEdit ? (top.textEdit as { newText: string }).newText : top.insertText!;
    assert.match(inserted, /^commonCause:\n {2}- members: \[\$\{1\}, \$\{2\}\]\n {4}beta: \$\{3:5%\}$/);
    await server.change(uri, 31, fixture.text);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, Diagnostic, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { readFixture } from '../helpers/core';
import { InProcessServer } from '../helpers/lspClient';
import { extractMarkers } from '../helpers/markers';

const fixture = extractMarkers(readFixture('lsp', 'demand.ha.yaml'));
const uri = 'file:///demand.ha.yaml';

describe('demand and contracts in the editor', () => {
  let server: InProcessServer;
  let diagnostics: Diagnostic[];
  before(async () => {
    server = await InProcessServer.withDocument(uri, fixture.text);
    diagnostics = (await server.waitForDiagnostics((p) => p.uri === uri)).diagnostics;
  });
  after(() => server.dispose());

  const hover = async (marker: string) => {
    const result = (await server.client.sendRequest('textDocument/hover', { textDocument: { uri }, position: fixture.position(marker) })) as Hover;
    return (result.contents as { value: string }).value;
  };
  const hintsOn = async (marker: string) => {
    const hints = (await server.client.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } })) as InlayHint[];
    return hints.filter((h) => h.position.line === fixture.position(marker).line).map((h) => String(h.label));
  };

  it('says at each load how many must be up in each phase, inline and on hover', async () => {
    assert.deepEqual(await hintsOn('group-load'), ['needs 2 of 2 (no spare) at peak · 1 of 2 (1 spare) off-peak']);
    // 300 / 400 needs one of three, at all times: one phase for this demand.
    assert.deepEqual(await hintsOn('component-load'), ['needs 1 of 3 (2 spare)']);
    const text = await hover('group-load');
    assert.match(text, /^\*\*Needs 2 of 2 members at peak, 1 off-peak\*\*/);
    assert.match(text, /- At peak \(10% of the time\): 1,000 \/ 600 = 1\.667, rounded up: 2\./);
    assert.match(text, /No spare at peak \(N\+0\)/);
  });

  it('warns once about no spare at peak, with the parts it makes single points of failure as related information', () => {
    const noSpare = diagnostics.filter((d) => d.code === 'no-spare-at-peak');
    assert.equal(noSpare.length, 1);
    assert.equal(noSpare[0]!.range.start.line, fixture.position('group-load').line);
    assert.match(String(noSpare[0]!.message), /At peak it makes 4 parts single points of failure: web-1, host-1, web-2, host-2/);
    assert.deepEqual(diagnostics.filter((d) => d.code === 'single-point-of-failure'), [], 'no separate warning for what exists only at peak');
  });

  it('puts the SLA risk on the service hover and its inline figure', async () => {
    const text = await hover('shop');
    assert.match(text, /Per month: misses 99\.9% in [\d.]+% of months; an outage longer than 30 min in [\d.]+% of months/);
    assert.match(text, /At peak 99\.\d+%, off-peak 99\.\d+%\./);
    const [label] = await hintsOn('shop');
    assert.match(label!, / · breached in [\d.]+% of months$/);
    // The SLA terms' keys are documented where they are written.
    assert.match(await hover('sla'), /^\*\*sla\*\*/);
  });

  it('completes the new keys and offers a group sized by load', async () => {
    const marked = extractMarkers(fixture.text.replace('      - app\n', '      - app\n      - {|requirement|}\n').replace('services:\n', '  db:\n    kind: database\n    {|key|}\nservices:\n'));
    await server.change(uri, 20, marked.text);
    const complete = async (marker: string) =>
      ((await server.client.sendRequest('textDocument/completion', { textDocument: { uri }, position: marked.position(marker) })) as { items: CompletionItem[] }).items;
    const keys = await complete('key');
    assert.ok(keys.some((i) => i.label === 'capacity'), keys.map((i) => i.label).join(' '));
    const load = keys.find((i) => i.label === 'load')!;
    assert.match(load.textEdit ? (load.textEdit as { newText: string }).newText : load.insertText!, /^load: \{ peak: \$\{1:1000\}, normal: \$\{2:300\} \}$/);
    const groups = await complete('requirement');
    const sized = groups.find((i) => i.label === 'group sized by load');
    assert.ok(sized, groups.map((i) => i.label).join(' | '));
    const inserted = sized.textEdit ? (sized.textEdit as { newText: string }).newText : sized.insertText!;
    assert.match(inserted, /capacity: \$\{4:400\}, load: \{ peak: \$\{5:1000\}, normal: \$\{6:300\} \} \}$/);
    await server.change(uri, 21, fixture.text);
  });
});

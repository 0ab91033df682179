import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, InlayHint, Location, SelectionRange, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { generateDataCentre } from '../../bench/generate';
import { StatusRequest } from '../../server/src/protocol';
import { analyse, repoRoot } from '../helpers/core';
import { InProcessServer } from '../helpers/lspClient';
import { applyEdits, extractMarkers } from '../helpers/markers';

const fixture = extractMarkers(readFileSync(join(repoRoot, 'test', 'fixtures', 'lsp', 'features.ha.yaml'), 'utf8'));
const uri = 'file:///features.ha.yaml';

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length - 1;
}

describe('editor features over a real connection', () => {
  let server: InProcessServer;
  let version = 1;
  before(async () => {
    server = await InProcessServer.withDocument(uri, fixture.text);
  });
  after(() => server.dispose());

  const request = <T>(method: string, params: object) => server.client.sendRequest(method, params) as Promise<T>;
  const at = (name: string) => ({ textDocument: { uri }, position: fixture.position(name) });

  it('walks the dependency path of a single point of failure in related information', async () => {
    const published = server.published.filter((p) => p.uri === uri).pop()!;
    // One cause, one problem: host-1 is reported once, where it is defined, for both services.
    const spofs = published.diagnostics.filter((d) => d.code === 'single-point-of-failure');
    assert.deepEqual(spofs.map((d) => String(d.message).split(' is ')[0]), ['"power"', '"host-1"', '"db"'], 'each cause once, no warning per service');
    const onComponent = spofs.find((d) => String(d.message).startsWith('"host-1"'))!;
    assert.equal(onComponent.message, '"host-1" is a single point of failure for 2 services: website, admin. It defeats the redundancy of one group that depends on it (see related information).');
    assert.equal(onComponent.range.start.line, fixture.position('host-def').line);
    const steps = onComponent.relatedInformation!.map((r) => r.message);
    // The shortest chain from each service down to the component.
    assert.deepEqual(steps.slice(0, 2), ['website needs host-1: website requires web-1', 'web-1 requires host-1']);
    assert.ok(steps.includes('admin needs host-1: admin requires website'), steps.join(' | '));
    // The redundancy it defeats is related information, not a warning of its own.
    assert.ok(steps.some((m) => /^it defeats this redundancy: "web-1" and "web-2" are redundant, but both depend on "host-1"/.test(m)), steps.join(' | '));
    assert.equal(published.diagnostics.filter((d) => d.code === 'defeated-redundancy').length, 0);
  });

  it('hovers a service with its figures, how they were computed and the top fixes', async () => {
    const hover = await request<Hover>('textDocument/hover', at('site-def'));
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /^\*\*website\*\* · service · Predicted availability \*\*99\.\d+%\*\*, down [\d.]+ (min|h) a year · \*\*Misses its SLA\*\* of 99\.99% by /);
    assert.match(text, /Requires: any of \(web-1, web-2\) · db\./);
    assert.match(text, /Single points of failure: .*`host-1`/);
    assert.match(text, /What to fix first:\n1\. make `[\w-]+` never fail: saves [\d.]+ (min|h|s) a year/);
    assert.match(text, /\*How:\*/);
    assert.equal(hover.range!.start.line, fixture.position('site-def').line);
  });

  it('hovers a reference with the component’s data and the services it can take down', async () => {
    const hover = await request<Hover>('textDocument/hover', at('host-ref'));
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /^\*\*host-1\*\* · hypervisor · \*\*99\.\d+%\*\* with what it requires, down [\d.]+ h a year\n\n\*\*Single point of failure\*\* for/);
    assert.match(text, /MTBF 2\.28 y, MTTR 8 h: on its own 99\.960%, failing 0\.438 times a year/);
    assert.match(text, /\*\*Single point of failure\*\* for `website`, `admin`/);
    assert.match(text, /a = MTBF \/ \(MTBF \+ MTTR\) = 20000 h \/ 20008 h/);
  });

  it('completes ids inside requires, without the id being defined, with kind and availability', async () => {
    const marked = extractMarkers(fixture.text.replace('requires: [host-1] }\n  db:', 'requires: [{|here|}] }\n  db:'));
    version++;
    await server.change(uri, version, marked.text);
    const { items } = await request<{ items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: marked.position('here') });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('host-1') && labels.includes('power') && labels.includes('website'));
    assert.ok(!labels.includes('web-2'), 'the id being defined is not offered');
    assert.match(items.find((i) => i.label === 'host-1')!.detail!, /^hypervisor · 99\.\d+%$/);
    assert.ok(labels.includes('any group') && labels.includes('atLeast group') && labels.includes('failover group'));
  });

  it('completes kinds, keys with their descriptions, and duration units', async () => {
    const marked = extractMarkers(
      fixture.text
        .replace('    kind: database\n', '    kind: {|kind|}\n    {|key|}\n')
        .replace('    mttr: 8h\n', '    mttr: 8{|unit|}\n'),
    );
    version++;
    await server.change(uri, version, marked.text);
    const { items: kinds } = await request<{ items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: marked.position('kind') });
    assert.ok(kinds.some((i) => i.label === 'database') && kinds.some((i) => i.label === 'load-balancer'));
    const { items: keys } = await request<{ items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: marked.position('key') });
    const keyLabels = keys.map((i) => i.label);
    assert.ok(keyLabels.includes('replicas') && keyLabels.includes('availability'));
    assert.ok(!keyLabels.includes('mtbf'), 'keys already present are not offered');
    assert.match((keys.find((i) => i.label === 'replicas')!.documentation as { value: string }).value, /identical instances/);
    const { items: units } = await request<{ items: CompletionItem[] }>('textDocument/completion', { textDocument: { uri }, position: marked.position('unit') });
    assert.deepEqual(units.map((i) => i.label), ['8s', '8m', '8h', '8d', '8w', '8y']);
    version++;
    await server.change(uri, version, fixture.text);
  });

  it('goes to the definition and finds every reference and highlight', async () => {
    const definition = await request<Location>('textDocument/definition', at('host-ref'));
    assert.equal(definition.range.start.line, fixture.position('host-def').line);
    const references = await request<Location[]>('textDocument/references', { ...at('host-def'), context: { includeDeclaration: true } });
    assert.equal(references.length, 4);
    const highlights = await request<{ kind: number }[]>('textDocument/documentHighlight', at('host-ref'));
    assert.deepEqual(highlights.map((h) => h.kind).sort(), [2, 2, 2, 3]);
  });

  it('renames an id everywhere, and refuses invalid or taken names', async () => {
    const edit = await request<WorkspaceEdit>('textDocument/rename', { ...at('host-def'), newName: 'hv-1' });
    const renamed = applyEdits(fixture.text, edit.changes![uri]!);
    assert.ok(!renamed.includes('host-1'));
    assert.equal(renamed.match(/hv-1/g)!.length, 4);
    assert.deepEqual(analyse(renamed).diagnostics.filter((d) => d.severity === 'error'), []);
    await assert.rejects(request('textDocument/rename', { ...at('host-def'), newName: '1bad' }), /not a valid id/);
    await assert.rejects(request('textDocument/rename', { ...at('host-def'), newName: 'power' }), /already used/);
    const prepared = await request<{ placeholder: string }>('textDocument/prepareRename', at('db-ref'));
    assert.equal(prepared.placeholder, 'db');
  });

  it('outlines services and components, folds blocks and expands selections', async () => {
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const components = symbols.find((s) => s.name === 'components')!;
    assert.deepEqual(components.children!.map((c) => c.name), ['power', 'host-1', 'web-1', 'web-2', 'db']);
    assert.deepEqual(symbols.find((s) => s.name === 'services')!.children!.map((c) => c.name), ['website', 'admin']);
    const folds = await request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    const hostLine = fixture.position('host-def').line;
    assert.ok(folds.some((f) => f.startLine === hostLine && f.endLine === hostLine + 4), JSON.stringify(folds));
    const [selection] = await request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [fixture.position('db-ref')] });
    const chain: string[] = [];
    for (let s: SelectionRange | undefined = selection; s; s = s.parent) chain.push(`${s.range.start.line}:${s.range.start.character}-${s.range.end.line}:${s.range.end.character}`);
    assert.ok(chain.length >= 4, chain.join(' '));
    assert.equal(chain[0], `${fixture.position('db-ref').line}:8-${fixture.position('db-ref').line}:10`);
  });

  it('offers quick fixes: the closest id, a stub, and a replica for a single point of failure', async () => {
    const broken = fixture.text.replace('requires: [host-1] }\n  db:', 'requires: [host1] }\n  db:');
    version++;
    await server.change(uri, version, broken);
    const published = await server.waitForDiagnostics((p) => p.uri === uri && p.version === version);
    const unknown = published.diagnostics.find((d) => d.code === 'unknown-reference')!;
    const actions = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } });
    const change = actions.find((a) => a.title === 'Change to "host-1"')!;
    assert.equal(change.isPreferred, true);
    assert.equal(applyEdits(broken, change.edit!.changes![uri]!), fixture.text);
    const stub = actions.find((a) => a.title === 'Create component "host1"')!;
    const withStub = applyEdits(broken, stub.edit!.changes![uri]!);
    assert.deepEqual(analyse(withStub).diagnostics.filter((d) => d.severity === 'error'), []);

    version++;
    await server.change(uri, version, fixture.text);
    const clean = await server.waitForDiagnostics((p) => p.uri === uri && p.version === version);
    const spof = clean.diagnostics.find((d) => d.code === 'single-point-of-failure' && String(d.message).startsWith('"host-1"'))!;
    const fixes = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: spof.range, context: { diagnostics: [spof] } });
    const replica = fixes.find((a) => a.title.startsWith('Add a replica to "host-1"'))!;
    const replicated = applyEdits(fixture.text, replica.edit!.changes![uri]!);
    assert.match(replicated, / {2}host-1:\n {4}replicas: 2\n {4}kind: hypervisor/);
    const after = analyse(replicated);
    assert.deepEqual(after.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.ok(!after.services!.find((s) => s.id === 'website')!.spofs.includes('host-1'));
  });

  it('adds a replica to a flow-style component and turns a requirement into a redundancy group', async () => {
    const text = fixture.text;
    const powerSpof = (await server.waitForDiagnostics((p) => p.uri === uri && p.version === version)).diagnostics.find(
      (d) => d.code === 'single-point-of-failure' && String(d.message).startsWith('"power"'),
    )!;
    const fixes = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: powerSpof.range, context: { diagnostics: [powerSpof] } });
    const replicated = applyEdits(text, fixes.find((a) => a.title.startsWith('Add a replica to "power"'))!.edit!.changes![uri]!);
    assert.match(replicated, /power: \{ kind: power, mtbf: 2000h, mttr: 2h, replicas: 2 \}/);
    const refactor = await request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: fixture.position('db-ref'), end: fixture.position('db-ref') }, context: { diagnostics: [] } });
    const group = refactor.find((a) => a.kind === 'refactor.rewrite')!;
    assert.equal(group.title, 'Make "db" redundant: require any of "db" and a copy "db-2"');
    const grouped = applyEdits(text, group.edit!.changes![uri]!);
    assert.match(grouped, /- \{ any: \[db, db-2\] \}/);
    assert.match(grouped, / {2}db-2:\n {4}kind: database\n {4}mtbf: 4380h/);
    assert.deepEqual(analyse(grouped).diagnostics.filter((d) => d.severity === 'error'), []);
  });

  it('shows availability and downtime inline after every service and component, with SPOFs and the SLA margin where they matter', async () => {
    const hints = await request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } });
    const lines = fixture.text.split('\n');
    const byLine = new Map(hints.map((h) => [h.position.line, String(h.label)]));
    assert.equal(hints.length, 7);
    const website = byLine.get(lineOf(fixture.text, 'website:'))!;
    assert.match(website, /^99\.\d+% · [\d.]+ (min|h) a year · 3 SPOFs · misses SLA 99\.99% by [\d.]+ (min|h) · breached in \d+% of months$/);
    assert.equal(hints.find((h) => String(h.label) === website)!.position.character, lines[lineOf(fixture.text, 'website:')]!.length);
    assert.match(byLine.get(lineOf(fixture.text, 'web-1:'))!, /^99\.\d+% · [\d.]+ h a year$/);
  });

  it('summarises the worst service against its SLA for the status bar', async () => {
    const status = await request<StatusRequest.Result>(StatusRequest.method, { kind: 'status', uri });
    assert.equal(status.level, 'warning');
    assert.match(status.text, /^\$\(warning\) Worst: website 99\.\d+% \/ SLA 99\.99%$/);
    assert.equal(status.errors, undefined, 'no errors, no error item');
    assert.match(status.tooltip, /2 of 2 services miss their SLA\n✗ website: 99\.\d+%, [\d.]+ h a year \(SLA 99\.99%\)/);
  });
});

describe('settings', () => {
  it('shows code lenses instead of inlay hints, in the chosen unit, with a default SLA', async () => {
    const server = new InProcessServer({ inlineFigures: { style: 'codeLens' }, downtimeUnit: 'hours', defaultSla: '99.99%' });
    try {
      await server.initialize();
      const plain = 'topology: t\ncomponents:\n  a: { availability: 99.9% }\nservices:\n  s: { requires: [a] }\n';
      await server.open(uri, plain);
      const published = await server.waitForDiagnostics((p) => p.uri === uri);
      assert.ok(published.diagnostics.some((d) => d.code === 'sla-miss'), 'the default SLA from the settings applies');
      const hints = (await server.client.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } })) as InlayHint[];
      assert.deepEqual(hints, []);
      const lenses = (await server.client.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command: { title: string } }[];
      assert.deepEqual(lenses.map((l) => l.command.title).sort(), ['99.90% · 8.76 h a year · 1 SPOF · misses SLA 99.99% by 7.88 h', '99.90% · 8.76 h a year · SPOF of 1 service']);
    } finally {
      await server.dispose();
    }
  });
});

describe('completion on a large file', () => {
  it('sends at most 200 ids, best matches of what was typed first, and says the list is incomplete', async () => {
    const server = new InProcessServer();
    try {
      await server.initialize();
      const ids = Array.from({ length: 300 }, (_, i) => `c${i}`);
      const body = ids.map((id) => `  ${id}: { availability: 99% }`).join('\n');
      const marked = extractMarkers(`topology: t\ncomponents:\n${body}\nservices:\n  s: { requires: [{|empty|}] }\n  t: { requires: [c29{|typed|}] }\n`);
      await server.open(uri, marked.text);
      await server.waitForDiagnostics((p) => p.uri === uri);
      const all = (await server.client.sendRequest('textDocument/completion', { textDocument: { uri }, position: marked.position('empty') })) as { isIncomplete: boolean; items: CompletionItem[] };
      assert.equal(all.isIncomplete, true);
      assert.equal(all.items.filter((i) => i.kind === 18).length, 200);
      const typed = (await server.client.sendRequest('textDocument/completion', { textDocument: { uri }, position: marked.position('typed') })) as { isIncomplete: boolean; items: CompletionItem[] };
      assert.equal(typed.isIncomplete, false);
      // Editors filter by letters in order, so the server does too.
      const expected = ids.filter((id) => /c.*2.*9/.test(id));
      assert.deepEqual(typed.items.filter((i) => i.kind === 18).map((i) => i.label).sort(), expected.sort());
    } finally {
      await server.dispose();
    }
  });
});

describe('diagnostics first, the editor index after', () => {
  it("answers hover right after a version's diagnostics from that version, though its index comes later", async () => {
    const server = new InProcessServer();
    const fresh = new InProcessServer();
    try {
      await server.initialize();
      await fresh.initialize();
      const text = generateDataCentre(3000);
      const edited = text.replace('grid-0: { kind: power, mtbf: 2000h, mttr: 2h }', 'grid-0: { kind: power, mtbf: 2000h, mttr: 20h }');
      assert.notEqual(edited, text);
      const offset = text.indexOf('grid-0:') + 2;
      const before = text.slice(0, offset);
      const position = { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
      const hoverOn = async (on: InProcessServer) => ((await on.client.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover).contents as { value: string };
      await server.open(uri, text);
      await server.waitForDiagnostics((p) => p.uri === uri && p.version === 1, 60_000);
      const first = await hoverOn(server);
      await server.change(uri, 2, edited);
      await server.waitForDiagnostics((p) => p.uri === uri && p.version === 2, 60_000);
      const second = await hoverOn(server);
      await fresh.open(uri, edited);
      await fresh.waitForDiagnostics((p) => p.uri === uri && p.version === 1, 60_000);
      assert.notEqual(second.value, first.value, 'the edit changes what the hover says');
      assert.equal(second.value, (await hoverOn(fresh)).value, 'the hover is that of the version whose diagnostics are shown');
    } finally {
      await server.dispose();
      await fresh.dispose();
    }
  });
});

describe('responsiveness', () => {
  it('answers hover from the last snapshot while a large file is being analysed', async () => {
    const server = new InProcessServer();
    try {
      await server.initialize();
      const text = generateDataCentre(5000);
      await server.open(uri, text);
      await server.waitForDiagnostics((p) => p.uri === uri && p.version === 1, 60_000);
      await server.change(uri, 2, text.replace('topology: Generated data centre', 'topology: Edited'));
      const offset = text.indexOf('requires: [tor-') + 'requires: ['.length + 1;
      const before = text.slice(0, offset);
      const position = { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
      const hover = (await server.client.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover;
      const analysedYet = server.published.some((p) => p.uri === uri && p.version === 2);
      assert.match((hover.contents as { value: string }).value, /\*\*tor-/);
      assert.equal(analysedYet, false, 'the hover came back before the new version was analysed');
      await server.waitForDiagnostics((p) => p.uri === uri && p.version === 2, 60_000);
    } finally {
      await server.dispose();
    }
  });
});

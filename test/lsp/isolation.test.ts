import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateChain } from '../../bench/generate';
import { InProcessServer } from '../helpers/lspClient';

// A file whose analysis runs until the time limit: 20,000 components in one chain (finding the
// figures of every component of a chain is quadratic). With the limit at its ceiling it keeps
// a document's thread busy for up to a minute on any machine.
const chain = generateChain;
const small = 'topology: small\ncomponents:\n  a: { availability: 99% }\n  b: { availability: 99% }\nservices:\n  s: { requires: [a, b] }\n';

describe('one document never stalls another', () => {
  let server: InProcessServer;
  before(async () => {
    server = new InProcessServer({ analysis: { timeLimitMs: 60_000 } });
    await server.initialize();
  });
  after(() => server.dispose());

  it('a small file gets its diagnostics while a slow file is still being analysed', async () => {
    const slow = 'file:///slow.ha.yaml';
    const quick = 'file:///quick.ha.yaml';
    await server.open(slow, chain(20_000));
    await server.open(quick, small);
    const published = await server.waitForDiagnostics((p) => p.uri === quick);
    assert.ok(published.diagnostics.some((d) => d.code === 'single-point-of-failure'));
    assert.ok(!server.published.some((p) => p.uri === slow), 'the slow file is still being analysed');
    await server.close(slow);
  });

  it('closing a document stops its analysis: nothing of it is published after the close', async () => {
    const slow = 'file:///closed-slow.ha.yaml';
    await server.open(slow, chain(20_000));
    await server.close(slow);
    await server.waitForDiagnostics((p) => p.uri === slow && p.diagnostics.length === 0);
    const quick = 'file:///after-close.ha.yaml';
    await server.open(quick, small);
    await server.waitForDiagnostics((p) => p.uri === quick);
    // Rename, which waits for the exact version, answers too.
    const edit = (await server.client.sendRequest('textDocument/rename', { textDocument: { uri: quick }, position: { line: 2, character: 3 }, newName: 'alpha' })) as { changes: Record<string, unknown[]> };
    assert.equal(edit.changes[quick]!.length, 2);
    assert.deepEqual(server.published.filter((p) => p.uri === slow && p.diagnostics.length > 0), []);
  });
});

describe('typing never starves the diagnostics', () => {
  let server: InProcessServer;
  before(async () => {
    server = new InProcessServer({ analysis: { timeLimitMs: 1000 }, validation: { debounceMs: 0 } }, { maxStalenessMs: 2000 });
    await server.initialize();
  });
  after(() => server.dispose());

  it('publishes fresh diagnostics while the user types steadily on a file slower to analyse than the typing', async () => {
    const uri = 'file:///typing.ha.yaml';
    const text = chain(20_000);
    await server.open(uri, text);
    // An edit every 100 ms for 10 s; each analysis takes at least the 1 s time limit, so
    // cancelling on every edit would publish nothing until the typing stops.
    let version = 1;
    for (let i = 0; i < 100; i++) {
      version++;
      await server.change(uri, version, text.replace('topology: chain', `topology: chain ${version}`));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const duringTyping = server.published.filter((p) => p.uri === uri);
    assert.ok(duringTyping.length >= 1, 'at least one result was published while typing');
    const final = await server.waitForDiagnostics((p) => p.uri === uri && p.version === version);
    assert.ok(final.diagnostics.length > 0);
  });
});

describe('the first keystroke after a pause', () => {
  let server: InProcessServer;
  before(async () => {
    server = new InProcessServer({ analysis: { timeLimitMs: 60_000 }, validation: { debounceMs: 0 } }, { maxStalenessMs: 2000 });
    await server.initialize();
  });
  after(() => server.dispose());

  it('is dropped for the next one like any other: a document left alone is not behind', async () => {
    const uri = 'file:///paused.ha.yaml';
    await server.open(uri, small);
    await server.waitForDiagnostics((p) => p.uri === uri);
    // Longer than the staleness limit: the diagnostics on screen are current all along.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // A version that takes up to a minute to analyse, then one more keystroke. Had the pause
    // counted as waiting, the first would be kept and published before the second.
    await server.change(uri, 2, chain(20_000));
    // (Sent together, the two would be one analysis: the debounce keeps the newest.)
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.change(uri, 3, small.replace('topology: small', 'topology: smaller'));
    await server.waitForDiagnostics((p) => p.uri === uri && p.version === 3);
    assert.deepEqual(server.published.filter((p) => p.uri === uri && p.version === 2), []);
  });
});

describe('opening a file', () => {
  let server: InProcessServer;
  before(async () => {
    // The longest debounce there is: an analysis that waited for it would take 5 s.
    server = new InProcessServer({ validation: { debounceMs: 5000 } });
    await server.initialize();
  });
  after(() => server.dispose());

  it('analyses at once, without waiting for the typing debounce', async () => {
    const text = 'topology: t\ncomponents:\n  a: { availability: 99% }\nservices:\n  s: { requires: [a] }\n';
    // The settings arrive after start-up; once a first file has its diagnostics, they are in.
    await server.open('file:///first.ha.yaml', text);
    await server.waitForDiagnostics((p) => p.uri === 'file:///first.ha.yaml');
    const uri = 'file:///opened.ha.yaml';
    const started = Date.now();
    await server.open(uri, text);
    await server.waitForDiagnostics((p) => p.uri === uri);
    // The debounce cannot fire early, so this fails whenever the open waited for it, on any
    // machine; it passes on a machine that analyses a five-line file in under 5 s.
    assert.ok(Date.now() - started < 5000, `the diagnostics came ${Date.now() - started} ms after the open`);
  });
});

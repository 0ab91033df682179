import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { runIn } from '../helpers/cli';
import { analyse, repoRoot } from '../helpers/core';
import { InProcessServer } from '../helpers/lspClient';
import { applyMutation, type Mutation } from '../helpers/mutate';
import { mutationArbitrary } from '../helpers/mutationArbitrary';

// A fixed-seed subset of the fuzzing; bench/fuzz.bench.ts runs the long version.
const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');
const mutations = fc.array(mutationArbitrary, { minLength: 1, maxLength: 5 });
const mutate = (list: Mutation[]) => list.reduce(applyMutation, example);

function withinTime<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms))]);
}

describe('fuzzing', () => {
  it('the core never throws and keeps every range inside the text', () => {
    fc.assert(
      fc.property(mutations, (list) => {
        const text = mutate(list);
        const result = analyse(text);
        for (const d of result.diagnostics) assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `${d.code} span`);
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  it('the CLI exits 0 or 1 on every mutated file, never with an internal error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-fuzz-'));
    const samples = fc.sample(mutations, { seed: 12, numRuns: 25 });
    for (const [i, list] of samples.entries()) {
      writeFileSync(join(folder, `f${i}.ha.yaml`), mutate(list));
      for (const format of ['text', 'sarif']) {
        const result = await runIn(folder, ['check', '--format', format, `f${i}.ha.yaml`]);
        assert.ok(result.code === 0 || result.code === 1, `exit ${result.code} for f${i}: ${result.stderr}`);
      }
    }
  });

  describe('the language server', () => {
    let server: InProcessServer;
    before(async () => {
      server = new InProcessServer();
      await server.initialize();
    });
    after(() => server.dispose());

    it('answers every request on every mutated version, each within 10 s', async () => {
      const uri = 'file:///fuzz.ha.yaml';
      await server.open(uri, example);
      const samples = fc.sample(fc.tuple(mutations, fc.array(fc.nat(), { minLength: 3, maxLength: 3 })), { seed: 13, numRuns: 30 });
      let version = 1;
      let answered = 0;
      for (const [list, offsets] of samples) {
        const text = mutate(list);
        version++;
        await server.change(uri, version, text);
        const lines = text.split('\n');
        const positions = offsets.map((o) => {
          const line = o % lines.length;
          return { line, character: o % ((lines[line]?.length ?? 0) + 1) };
        });
        const requests: [string, object][] = [
          ['textDocument/documentSymbol', { textDocument: { uri } }],
          ['textDocument/foldingRange', { textDocument: { uri } }],
          ['textDocument/selectionRange', { textDocument: { uri }, positions }],
          ['textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }],
          ...positions.flatMap((position): [string, object][] => [
            ['textDocument/hover', { textDocument: { uri }, position }],
            ['textDocument/completion', { textDocument: { uri }, position }],
            ['textDocument/definition', { textDocument: { uri }, position }],
            ['textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }],
            ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }],
          ]),
        ];
        for (const [method, params] of requests) {
          await withinTime(server.client.sendRequest(method, params), 10_000, method);
          answered++;
        }
      }
      assert.equal(answered, samples.length * 19);
      // And it still analyses a good file correctly afterwards.
      version++;
      await server.change(uri, version, example);
      const published = await server.waitForDiagnostics((p) => p.uri === uri && p.version === version, 30_000);
      assert.ok(published.diagnostics.some((d) => d.code === 'single-point-of-failure'));
    });
  });
});

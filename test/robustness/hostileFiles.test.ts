import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateAliasBomb, generateChain, generateDataCentre } from '../../bench/generate';
import { defaultAnalysisOptions } from '../../server/src/core';
import { analyse, countingClock } from '../helpers/core';

const bomb = generateAliasBomb(9);

const chain = generateChain;

const cases: { name: string; text: string; expect: string[] }[] = [
  { name: 'an alias bomb (billion laughs)', text: bomb, expect: ['alias-limit'] },
  { name: 'a dependency cycle', text: 'topology: t\ncomponents:\n  a: { availability: 99%, requires: [b] }\n  b: { availability: 99%, requires: [a] }\nservices:\n  s: { requires: [a] }\n', expect: ['dependency-cycle'] },
  { name: '3,000-deep flow nesting', text: `topology: t\ncomponents: ${'['.repeat(3000)}${']'.repeat(3000)}\nservices: {}\n`, expect: ['nesting-limit'] },
  { name: '3,000-deep block nesting', text: `topology: t\ncomponents:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(2 * (i + 1))}a${i}:`).join('\n')}\nservices: {}\n`, expect: ['nesting-limit'] },
  { name: 'binary content', text: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'), expect: ['schema'] },
  { name: 'an empty file', text: '', expect: ['schema'] },
  { name: 'a bare scalar', text: 'just a scalar', expect: ['schema'] },
  { name: 'wrong types everywhere', text: 'topology: [1]\nsla: {a: 1}\ndefaults: 5\ncomponents: [a, b]\nservices: "x"\n', expect: ['schema'] },
  { name: 'duplicate keys', text: 'topology: t\ntopology: u\ncomponents:\n  a: { availability: 99% }\n  a: { availability: 98% }\nservices:\n  s: { requires: [a] }\n', expect: ['duplicate-key'] },
  {
    name: 'HTML in ids and descriptions',
    text: 'topology: "<script>alert(1)</script>"\ncomponents:\n  "<img src=x onerror=alert(1)>": { availability: 99% }\n  b: { availability: 99%, description: "<b>bold</b>" }\nservices:\n  s: { requires: [b] }\n',
    expect: ['schema'],
  },
  { name: 'a billion replicas', text: 'topology: t\ncomponents:\n  a: { availability: 99%, replicas: 1000000000 }\nservices:\n  s: { requires: [a] }\n', expect: ['schema'] },
  { name: 'huge and odd numbers', text: 'topology: t\ncomponents:\n  a: { mtbf: 1e308, mttr: 1e-308 }\n  b: { mtbf: 99999999999999999999999h, mttr: .000001s, replicas: 1000 }\nservices:\n  s: { requires: [a, b] }\n', expect: [] },
];

describe('hostile files', () => {
  for (const c of cases) {
    it(`answers ${c.name} with diagnostics, without throwing`, () => {
      const result = analyse(c.text);
      const codes = new Set(result.diagnostics.map((d) => d.code));
      for (const code of c.expect) assert.ok(codes.has(code as never), `${code} in ${[...codes].join(', ')}`);
      for (const d of result.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= c.text.length && d.span.start <= d.span.end, `span of ${d.code} inside the text`);
    });
  }

  it('analyses a 20,000-component data centre', () => {
    const result = analyse(generateDataCentre(20_000));
    assert.ok(result.topology.components.size >= 19_000);
    assert.ok(result.services!.length > 1000);
    assert.ok(result.services!.every((s) => s.exact));
  });

  it('stops a 20,000-long dependency chain at the time limit, says which limit, and keeps single points of failure exact', () => {
    const result = analyse(chain(20_000), { analysis: { ...defaultAnalysisOptions, timeLimitMs: 150 }, clock: countingClock() });
    const limit = result.diagnostics.find((d) => d.code === 'analysis-limit');
    assert.ok(limit, result.diagnostics.map((d) => d.code).join(', '));
    assert.match(limit.message, /^The analysis stopped at the time limit \(150 ms\): figures of \d+ components were left out\. Single points of failure are still exact\.$/);
    assert.equal(result.services!.length, 1);
    assert.equal(result.services![0]!.spofs.length, 20_000);
    // Each cause once, on the component: 20,000 warnings, each naming the one service.
    const spofs = result.diagnostics.filter((d) => d.code === 'single-point-of-failure');
    assert.equal(spofs.length, 20_000);
    assert.ok(spofs.every((d) => /^"[\w-]+" is a single point of failure for s\.$/.test(d.message)), spofs[0]!.message);
  });

  it('bounds the whole run by the time limit, parsing included', () => {
    // A clock that counts calls: the limit is spent while the file is still being read.
    const result = analyse(chain(20_000), { analysis: { ...defaultAnalysisOptions, timeLimitMs: 20 }, clock: countingClock() });
    const limit = result.diagnostics.find((d) => d.code === 'analysis-limit');
    assert.ok(limit, result.diagnostics.map((d) => d.code).join(', '));
    assert.match(limit.message, /time limit \(20 ms\)/);
    assert.ok(!result.diagnostics.some((d) => d.code === 'unknown-reference'), 'a file cut short is not read as a file with missing ids');
  });
});

describe('configurable limits, each reported when hit', () => {
  it('file size', () => {
    const result = analyse('topology: t\ncomponents: {}\nservices: {}\n', { parseLimits: { maxFileSize: 10, maxDepth: 200, maxAliasNodes: 10_000 } });
    assert.deepEqual(result.diagnostics.map((d) => d.code), ['file-too-large']);
  });

  it('nesting depth', () => {
    const result = analyse('topology: t\ncomponents:\n  a:\n    requires:\n      - any:\n        - b\nservices: {}\n', { parseLimits: { maxFileSize: 1e6, maxDepth: 3, maxAliasNodes: 10_000 } });
    assert.ok(result.diagnostics.some((d) => d.code === 'nesting-limit'));
  });

  it('alias expansion', () => {
    const result = analyse('topology: t\ncomponents:\n  a: &x { availability: 99% }\n  b: *x\n  c: *x\nservices: {}\n', { parseLimits: { maxFileSize: 1e6, maxDepth: 200, maxAliasNodes: 2 } });
    assert.ok(result.diagnostics.some((d) => d.code === 'alias-limit'));
  });

  it('decision-diagram size and analysis time', () => {
    const ids = Array.from({ length: 14 }, (_, i) => `c${i}`);
    const text = `topology: t\ncomponents:\n${ids.map((id) => `  ${id}: { availability: 90% }`).join('\n')}\nservices:\n  s: { requires: [{ atLeast: 7, of: [${ids.join(', ')}] }] }\n`;
    assert.ok(analyse(text, { analysis: { ...defaultAnalysisOptions, maxBddNodes: 30 } }).diagnostics.some((d) => d.code === 'approximate-analysis'));
    assert.ok(analyse(chain(3000), { analysis: { ...defaultAnalysisOptions, timeLimitMs: 1 }, clock: countingClock() }).diagnostics.some((d) => d.code === 'analysis-limit'));
  });
});

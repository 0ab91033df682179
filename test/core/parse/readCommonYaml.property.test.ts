import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { generateAliasBomb, generateChain, generateDataCentre, generateMesh } from '../../../bench/generate';
import { Budget } from '../../../server/src/core/budget';
import { defaultParseLimits, parseYaml } from '../../../server/src/core/parse/parseYaml';
import { readCommonYaml } from '../../../server/src/core/parse/readCommonYaml';
import { repoRoot } from '../../helpers/core';

/**
 * The fast reader of common YAML must give exactly the tree, diagnostics and shared spans
 * that the full parser gives, wherever it answers; everywhere else it must step aside.
 */
function compare(text: string): void {
  const fast = parseYaml(text);
  const full = parseYaml(text, defaultParseLimits, Budget.unlimited(), { fast: false });
  assert.deepStrictEqual(fast, full, `the fast reader differs on:\n${text}`);
}

/** Whether the fast reader answers for this text itself, without the full parser. */
function isReadFast(text: string): boolean {
  return readCommonYaml(text, Budget.unlimited()) !== 'not-common';
}

function listYamlFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return listYamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe('the fast reader of common YAML', () => {
  it('reads every fixture, the example and the generated files exactly as the full parser does', () => {
    const oneLine = `{ topology: t, components: { ${Array.from({ length: 50 }, (_, i) => `c${i}: { availability: 99.9%, requires: [c${(i + 1) % 50}] }`).join(', ')} }, services: { s: { requires: [c0] } } }`;
    const texts = [
      ...listYamlFiles(join(repoRoot, 'test', 'fixtures')).map((path) => readFileSync(path, 'utf8')),
      readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8'),
      generateDataCentre(2_000),
      generateMesh().text,
      generateChain(500),
      generateAliasBomb(4),
      oneLine,
      '[a, { b: c }]\n',
      '{ a: 1 }\nb: 2\n',
    ];
    for (const text of texts) compare(text);
    // The texts it must read itself: otherwise the comparison above would prove nothing.
    for (const text of [readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8'), generateDataCentre(2_000), generateMesh().text, generateChain(500), oneLine]) {
      assert.ok(isReadFast(text), 'the fast reader reads the file itself');
    }
    assert.ok(!isReadFast(generateAliasBomb(4)), 'aliases are left to the full parser');
  });

  it('leaves a repeated key to the full parser, in maps of a few keys and of many', () => {
    const keys = (count: number) => Array.from({ length: count }, (_, i) => `k${i}`);
    for (const count of [3, 8, 12]) {
      // The repeat comes last: after the reader has started keeping a set of keys, for the larger maps.
      const flow = `m: { ${[...keys(count), 'k1'].map((k) => `${k}: 1`).join(', ')} }\n`;
      const block = `m:\n${[...keys(count), 'k1'].map((k) => `  ${k}: 1\n`).join('')}`;
      for (const text of [flow, block]) {
        assert.ok(!isReadFast(text), `a repeated key is left to the full parser:\n${text}`);
        compare(text);
        assert.ok(isReadFast(text.replace(/k1: 1(\n?)( })?\n?$/, (_, newline, close) => `k${count}: 1${newline}${close ?? ''}\n`)), 'the same map without the repeat is read fast');
      }
    }
  });

  it('agrees with the full parser on generated documents and on mutations of the example', () => {
    // Mostly what topology files hold, sometimes what the fast reader must leave alone.
    const scalar = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('web', 'db-1', '"quoted"', "'it''s'", '1', '-3', '1.5', '99.9%', '8760h', 'a b', 'a:b', 'x # comment', '') },
      { weight: 1, arbitrary: fc.constantFrom('0x1F', '0o17', '.5', '1e3', '.inf', '.nan', '~', 'null', 'true', 'False', '"a\\"b"', '&anchor x', '*alias', '!tag x', '|', '[a', 'a, b', '- x', '? x', '@x', '<<', 'a: b') },
      // Where a plain scalar's value is decided from its first and last characters alone.
      { weight: 1, arbitrary: fc.constantFrom('0x1d', '0xbad', '1.', '12ab', '30d', '7f', 'n', 't', 'yes', 'No', 'nulls', 'truex', '-.Inf', '+3', '+x', '00', '1_000', '.x', '~x') },
    );
    const key = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('kind', 'requires', 'any', 'a', 'b', '"quoted key"', "'k'", 'a b') },
      { weight: 1, arbitrary: fc.constantFrom('1', 'true', '~', 'k:x', 'dup', 'dup') },
    );
    const leaf = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`), fc.array(fc.tuple(key, scalar), { maxLength: 3 }).map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`));
    const block: fc.Memo<string[]> = fc.memo((n) =>
      n <= 1
        ? fc.array(fc.tuple(key, leaf).map(([k, v]) => `${k}: ${v}`), { minLength: 1, maxLength: 3 })
        : fc
            .array(
              fc.oneof(
                fc.tuple(key, leaf).map(([k, v]) => [`${k}: ${v}`]),
                fc.tuple(key, block(n - 1)).map(([k, lines]) => [`${k}:`, ...lines.map((l) => `  ${l}`)]),
                fc.tuple(key, fc.array(block(n - 1), { minLength: 1, maxLength: 2 })).map(([k, items]) => [`${k}:`, ...items.flatMap((lines) => lines.map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`))]),
                fc.tuple(key, fc.array(leaf, { minLength: 1, maxLength: 2 })).map(([k, items]) => [`${k}:`, ...items.map((l) => `- ${l}`)]),
                fc.constantFrom(['# comment'], [''], ['   '], ['  # indented comment']),
              ),
              { minLength: 1, maxLength: 4 },
            )
            .map((groups) => groups.flat()),
    );
    let readFast = 0;
    fc.assert(
      // Indented as a whole too: the incremental parser reads each section entry alone.
      fc.property(block(3), fc.boolean(), fc.constantFrom('', '', '  ', '    '), (lines, crlf, indent) => {
        const text = lines.map((line) => indent + line).join(crlf ? '\r\n' : '\n') + '\n';
        compare(text);
        if (isReadFast(text)) readFast++;
      }),
      { numRuns: 400, seed: 12 },
    );
    // Enough of them must be read by the fast reader for the comparison to test it.
    assert.ok(readFast >= 60, `only ${readFast} of 400 generated documents were read by the fast reader`);
    const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');
    fc.assert(
      fc.property(fc.nat({ max: example.length - 1 }), fc.constantFrom(' ', '\n', ':', '-', '#', '"', "'", '[', ']', '{', '}', ',', '&', '*', '\t', '  ', ''), fc.nat({ max: 3 }), (at, insert, remove) => {
        compare(example.slice(0, at) + insert + example.slice(at + remove));
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

/*
 * Parsing must grow linearly with the input, whatever its shape. Parses the same topology
 * written one entry per line and as one single-line flow map, at doubling sizes, and prints
 * each time with the ratio to the previous size (about 2 for linear work, 4 for quadratic)
 * and to the `yaml` package's own parse of the same text in the same run.
 */
import { parseAllDocuments } from 'yaml';
import { parseYaml } from '../server/src/core/parse/parseYaml';
import { medianMs } from './measure';

function componentsOf(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `c${i}: { availability: 99.9%, requires: [c${(i + 1) % n}] }`);
}


for (const shape of ['block', 'one line'] as const) {
  console.log(`\n${shape}: components | KB | yaml package ms | ours ms | ours / yaml | ours vs half the size`);
  let previous: number | undefined;
  for (const n of [2_500, 5_000, 10_000, 20_000, 40_000]) {
    const entries = componentsOf(n);
    const text =
      shape === 'block'
        ? `topology: t\ncomponents:\n${entries.map((e) => `  ${e}`).join('\n')}\nservices:\n  s: { requires: [c0] }\n`
        : `{ topology: t, components: { ${entries.join(', ')} }, services: { s: { requires: [c0] } } }`;
    const yamlMs = medianMs(() => parseAllDocuments(text, { uniqueKeys: false }));
    const oursMs = medianMs(() => parseYaml(text, { maxFileSize: 1e9, maxAliasNodes: 10_000, maxDepth: 200 }));
    const growth = previous === undefined ? '' : `${(oursMs / previous).toFixed(2)}×`;
    console.log(`${n} | ${(text.length / 1024).toFixed(0)} | ${yamlMs.toFixed(0)} | ${oursMs.toFixed(0)} | ${(oursMs / yamlMs).toFixed(2)} | ${growth}`);
    previous = oursMs;
  }
}

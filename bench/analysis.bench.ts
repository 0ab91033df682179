/*
 * Times each stage of the core on generated topologies and prints peak memory, with the
 * ratio to a baseline measured in the same run: parsing the same text with `yaml.parse`,
 * the least any YAML tool must do. Run with `npm run bench` (builds first).
 */
import { parse as parseYamlPlain } from 'yaml';
import { analyseTopology } from '../server/src/core/analysis/analyseTopology';
import { defaultAnalysisOptions } from '../server/src/core/analysis/results';
import { buildModel } from '../server/src/core/model/buildModel';
import { checkReferences } from '../server/src/core/model/checkReferences';
import { findCycles } from '../server/src/core/model/findCycles';
import { findUnused } from '../server/src/core/model/findUnused';
import { parseYaml } from '../server/src/core/parse/parseYaml';
import { createSchemaValidator } from '../server/src/core/validate/validateSchema';
import { analyseDocument, IncrementalParser } from '../server/src/core';
import { loadSchema } from '../server/src/node/packageFiles';
import { generateDataCentre, generateMesh } from './generate';

const validator = createSchemaValidator(loadSchema());

function time<T>(run: () => T, repeat: number): { ms: number; value: T } {
  let value = run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.hrtime.bigint();
    value = run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, value };
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function benchmark(name: string, text: string, repeat: number): void {
  const baseline = time(() => parseYamlPlain(text, { maxAliasCount: -1 }), repeat).ms;
  const heapBefore = heapMb();
  const parsed = time(() => parseYaml(text), repeat);
  const validated = time(() => validator.validate(parsed.value.root), repeat);
  const model = time(() => {
    const built = buildModel(parsed.value.root);
    return { built, checks: [...checkReferences(built.topology), ...findCycles(built.topology), ...findUnused(built.topology)] };
  }, repeat);
  const analysis = time(() => analyseTopology(model.value.built.topology, defaultAnalysisOptions), repeat);
  const whole = time(() => analyseDocument(text, { validator }), repeat);
  // What the editor does after a keystroke: only the entries the edit touched are parsed again.
  const parser = new IncrementalParser();
  parser.parse(text);
  let n = 0;
  const edited = time(() => analyseDocument(text.replace('mttr: 2h', `mttr: ${2 + (++n % 7)}h`), { validator, parser }), repeat);
  const heapAfter = heapMb();
  const components = model.value.built.topology.components.size;
  const services = model.value.built.topology.services.size;
  const maxNodes = Math.max(0, ...analysis.value.services.map((s) => s.bddNodes));
  const exact = analysis.value.services.every((s) => s.exact);
  const row = (stage: string, ms: number) => console.log(`  ${stage.padEnd(10)} ${ms.toFixed(2).padStart(9)} ms   ${(ms / baseline).toFixed(2).padStart(7)} × yaml.parse`);
  console.log(`\n${name}: ${components} components, ${services} services, ${(text.length / 1024).toFixed(0)} KiB, largest BDD ${maxNodes} nodes, ${exact ? 'all exact' : 'some estimated'}`);
  row('yaml.parse', baseline);
  row('parse', parsed.ms);
  row('validate', validated.ms);
  row('model', model.ms);
  row('analysis', analysis.ms);
  row('total', whole.ms);
  row('after edit', edited.ms);
  console.log(`  heap retained ${(heapAfter - heapBefore).toFixed(1)} MiB, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

console.log(`Node ${process.version}; median of repeated runs after a warm-up.`);
for (const size of [100, 1000, 10000]) benchmark(`data centre ${size}`, generateDataCentre(size), size >= 10000 ? 5 : 15);
const mesh = generateMesh();
benchmark(`dense mesh (${mesh.nodes} nodes, ${mesh.links} links)`, mesh.text, 15);

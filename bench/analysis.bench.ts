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
import { AnalysisMemo, analyseDocument, IncrementalParser } from '../server/src/core';
import { createPackageValidator } from '../server/src/node/packageFiles';
import { generateDataCentre, generateMesh } from './generate';

// The validator the extension ships, with the schema's checks compiled ahead of time.
const validator = createPackageValidator();

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
  // Each run validates a tree of its own: the validator remembers verdicts by entry, and the
  // same tree again would only measure that memory.
  const trees = Array.from({ length: repeat + 1 }, () => parseYaml(text).root);
  let tree = 0;
  const validated = time(() => validator.validate(trees[tree++]), repeat);
  trees.length = 0;
  const model = time(() => {
    const built = buildModel(parsed.value.root);
    return { built, checks: [...checkReferences(built.topology), ...findCycles(built.topology), ...findUnused(built.topology)] };
  }, repeat);
  const analysis = time(() => analyseTopology(model.value.built.topology, defaultAnalysisOptions), repeat);
  const whole = time(() => analyseDocument(text, { validator }), repeat);
  // What the editor does after a keystroke: only the entries the edit touched are parsed
  // again, and only what the edit changed is analysed again (one parser and one memo, as the
  // editor keeps per document). Each edit alternates between two values, so every run
  // changes the text, and its result is checked against a fresh analysis.
  const incremental = (edit: (n: number) => string) => {
    const parser = new IncrementalParser();
    const memo = new AnalysisMemo();
    analyseDocument(text, { validator, parser, memo });
    let n = 0;
    const timed = time(() => analyseDocument(edit(++n % 2), { validator, parser, memo }), repeat);
    const fresh = analyseDocument(edit(n % 2), { validator });
    if (JSON.stringify(fresh.services) !== JSON.stringify(timed.value.services)) throw new Error('an incremental result differs from a fresh analysis');
    // The analysis stage alone, on models built beforehand: what the memo saves.
    const models = [edit(0), edit(1)].map((version) => buildModel(parseYaml(version).root).topology);
    const alone = new AnalysisMemo();
    analyseTopology(models[0]!, defaultAnalysisOptions, undefined, alone);
    let m = 0;
    const stage = time(() => analyseTopology(models[++m % 2]!, defaultAnalysisOptions, undefined, alone), repeat);
    return { ms: timed.ms, analysisMs: stage.ms, diagnosticsMs: timeDiagnosticsFirst(edit) };
  };
  // What the editor waits for after a keystroke: the diagnostics, with fixes and components'
  // figures left for later. As in the editor, each version is completed (untimed) before the
  // next edit comes, and the last is checked against a fresh analysis.
  const timeDiagnosticsFirst = (edit: (n: number) => string) => {
    const parser = new IncrementalParser();
    const memo = new AnalysisMemo();
    analyseDocument(text, { validator, parser, memo });
    const samples: number[] = [];
    let complete: ReturnType<typeof analyseDocument> | undefined;
    for (let n = 1; n <= repeat + 1; n++) {
      const start = process.hrtime.bigint();
      const first = analyseDocument(edit(n % 2), { validator, parser, memo, diagnosticsFirst: true });
      if (n > 1) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      complete = first.complete!();
    }
    const fresh = analyseDocument(edit((repeat + 1) % 2), { validator });
    if (JSON.stringify(fresh.services) !== JSON.stringify(complete!.services) || JSON.stringify(fresh.diagnostics) !== JSON.stringify(complete!.diagnostics) || JSON.stringify(fresh.components) !== JSON.stringify(complete!.components)) throw new Error('an analysis with diagnostics first differs from a fresh analysis');
    samples.sort((x, y) => x - y);
    return samples[Math.floor(samples.length / 2)]!;
  };
  const edits = {
    // The same length: nothing after the edit moves, and what was read of those entries is kept.
    'failure data of one component': (n: number) => text.replace(/\n {2}(vm-[\w-]+): \{ kind: vm,/, (_, id) => `\n  ${id}: { kind: vm, mtbf: 9000h, mttr: ${n + 1}h,`),
    // One character more or less: every entry after the first VM moves, and is read again.
    'failure data of one component, moving every later entry': (n: number) => text.replace(/\n {2}(vm-[\w-]+): \{ kind: vm,/, (_, id) => `\n  ${id}: { kind: vm, mtbf: 9000h, mttr: ${n ? 10 : 9}h,`),
    'a default every VM uses': (n: number) => text.replace('vm: { mtbf: 8760h, mttr: 30m }', `vm: { mtbf: 8760h, mttr: ${31 + n}m }`),
    "one service's requirements": (n: number) => text.replace(/(\n {2}web-[\w-]+:\n {4}requires: \[)(lb-[\w-]+)/, (_, head) => `${head}${n ? 'core-0' : 'db-0'}`),
  };
  const editRows = Object.entries(edits).map(([label, edit]) => ({ label, ms: edit(0) === text || edit(1) === text ? undefined : incremental(edit) }));
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
  for (const { label, ms } of editRows) {
    if (ms === undefined) continue;
    console.log(`  after an edit to ${label}: ${ms.ms.toFixed(2)} ms, ${(whole.ms / ms.ms).toFixed(1)}× faster than the whole file; the analysis stage ${ms.analysisMs.toFixed(2)} ms, ${(analysis.ms / ms.analysisMs).toFixed(1)}× faster than from scratch; its diagnostics first ${ms.diagnosticsMs.toFixed(2)} ms`);
  }
  console.log(`  heap retained ${(heapAfter - heapBefore).toFixed(1)} MiB, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

console.log(`Node ${process.version}; median of repeated runs after a warm-up.`);
for (const size of [100, 1000, 10000]) benchmark(`data centre ${size}`, generateDataCentre(size), size >= 10000 ? 5 : 15);
const mesh = generateMesh();
benchmark(`dense mesh (${mesh.nodes} nodes, ${mesh.links} links)`, mesh.text, 15);

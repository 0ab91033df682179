/*
 * What version 2 costs. For the generated data centres (their failover groups are version
 * 1's short form) and the same files with a tenth of their `any` groups turned into
 * switchovers that need an HA manager and can fail, prints the whole pipeline's time
 * (`analyseDocument`) and the ratio between them; the time of reading alone, with the fast
 * reader and with the yaml package; and, with `--baseline <git revision>`, the same plain
 * files through that revision's pipeline, built in a temporary worktree and measured in
 * alternating rounds with this one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyseDocument, createSchemaValidator } from '../server/src/core';
import { Budget } from '../server/src/core/budget';
import { defaultParseLimits, parseYaml } from '../server/src/core/parse/parseYaml';
import { loadSchema } from '../server/src/node/packageFiles';
import { generateDataCentre } from './generate';
import { alternatingMedians } from './measure';

const validator = createSchemaValidator(loadSchema());

/** Every tenth `{ any: [...] }` becomes a switchover that needs the HA manager and works 99% of the time. */
function withFailoverRequires(text: string): string {
  let count = 0;
  const groups = text.replace(/\{ any: \[([^\]]*)\] \}/g, (group, members: string) => (count++ % 10 === 0 ? `{ any: [${members}], failover: { time: 1m, success: 99%, manual: 30m, requires: [ha-manager] } }` : group));
  return groups.replace('components:\n', 'components:\n  ha-manager: { kind: application, mtbf: 2000h, mttr: 1h }\n');
}

type Core = { analyseDocument: typeof analyseDocument; createSchemaValidator: typeof createSchemaValidator; parseYaml: (text: string) => unknown };

/** Builds the core of another revision in a temporary worktree and loads it. */
function loadBaseline(revision: string): { core: Core; cleanUp: () => void } {
  const root = resolve(__dirname, '..', '..');
  const folder = mkdtempSync(join(tmpdir(), 'ha-baseline-'));
  execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', folder, '--end-of-options', revision], { stdio: 'ignore' });
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'));
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: folder, stdio: 'inherit' });
  const entry = join(folder, 'out', 'server', 'src', 'core', 'index.js');
  if (!existsSync(entry)) throw new Error(`no core at ${entry}`);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const core = { ...(require(entry) as Core), parseYaml: (require(join(folder, 'out', 'server', 'src', 'core', 'parse', 'parseYaml.js')) as Core).parseYaml };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    core,
    cleanUp: () => {
      execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', folder], { stdio: 'ignore' });
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

const at = process.argv.indexOf('--baseline');
const baseline = at > 0 && process.argv[at + 1] ? loadBaseline(process.argv[at + 1]!) : undefined;
const baselineValidator = baseline?.core.createSchemaValidator(loadSchema());
try {
  for (const size of [1_000, 10_000]) {
    const plain = generateDataCentre(size);
    const v2 = withFailoverRequires(plain);
    const groups = (v2.match(/requires: \[ha-manager\]/g) ?? []).length;
    // Both versions must agree before their times mean anything.
    if (analyseDocument(v2, { validator }).services?.length !== analyseDocument(plain, { validator }).services?.length) throw new Error('the two files differ in services');
    const [plainMs, v2Ms] = alternatingMedians(() => analyseDocument(plain, { validator }), () => analyseDocument(v2, { validator }));
    console.log(`${size} components: ${plainMs.toFixed(0)} ms as generated; ${v2Ms.toFixed(0)} ms with ${groups} switchovers needing an HA manager (${(v2Ms / plainMs).toFixed(2)}×)`);
    const [fastMs, fullMs] = alternatingMedians(() => parseYaml(plain), () => parseYaml(plain, defaultParseLimits, Budget.unlimited(), { fast: false }));
    console.log(`  reading alone: ${fastMs.toFixed(0)} ms with the fast reader, ${fullMs.toFixed(0)} ms with the yaml package (${(fullMs / fastMs).toFixed(1)}× faster)`);
    if (baseline && baselineValidator) {
      const theirs = baseline.core.analyseDocument(plain, { validator: baselineValidator });
      const ours = analyseDocument(plain, { validator });
      if (theirs.services?.length !== ours.services?.length) throw new Error('the baseline reads the file differently');
      const [oursMs, theirsMs] = alternatingMedians(() => analyseDocument(plain, { validator }), () => baseline.core.analyseDocument(plain, { validator: baselineValidator }));
      const [ourReadMs, theirReadMs] = alternatingMedians(() => parseYaml(plain), () => baseline.core.parseYaml(plain));
      console.log(
        `  against ${process.argv[at + 1]}: ${oursMs.toFixed(0)} ms here, ${theirsMs.toFixed(0)} ms there (${(oursMs / theirsMs).toFixed(2)}× its time);` +
          ` after reading: ${(oursMs - ourReadMs).toFixed(0)} ms here, ${(theirsMs - theirReadMs).toFixed(0)} ms there (${((oursMs - ourReadMs) / (theirsMs - theirReadMs)).toFixed(2)}×)`,
      );
    }
  }
} finally {
  baseline?.cleanUp();
}

/*
 * The long fuzzing run (the test suite runs a fixed-seed subset): random mutations of the
 * example fed to the core for a given time, counting cases, exceptions and the slowest case,
 * against the baseline of the unmutated example analysed in the same run.
 * Run with `npm run bench:fuzz [seconds]` (default 60).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyseDocument, createSchemaValidator } from '../server/src/core';
import { loadSchema } from '../server/src/node/packageFiles';
import { applyMutation } from '../test/helpers/mutate';
import { mutationArbitrary } from '../test/helpers/mutationArbitrary';

const seconds = Number(process.argv[2] ?? 60);
const validator = createSchemaValidator(loadSchema());
const example = readFileSync(join(__dirname, '..', '..', 'examples', 'hosting-company.ha.yaml'), 'utf8');

let started = performance.now();
analyseDocument(example, { validator });
const baseline = performance.now() - started;
let cases = 0;
let thrown = 0;
let slowest = 0;
let slowestCase = '';
const deadline = Date.now() + seconds * 1000;
for (let seed = 1; Date.now() < deadline; seed++) {
  for (const list of fc.sample(fc.array(mutationArbitrary, { minLength: 1, maxLength: 8 }), { seed, numRuns: 50 })) {
    const text = list.reduce(applyMutation, example);
    started = performance.now();
    try {
      analyseDocument(text, { validator });
    } catch (error) {
      thrown++;
      console.error(`seed ${seed}: ${String(error)}`);
    }
    const elapsed = performance.now() - started;
    if (elapsed > slowest) {
      slowest = elapsed;
      slowestCase = list.map((m) => m.kind).join(', ');
    }
    cases++;
  }
}
console.log(`${cases} mutated files in ${seconds} s: ${thrown} exceptions; slowest ${slowest.toFixed(0)} ms (${(slowest / baseline).toFixed(1)}× the unmutated example's ${baseline.toFixed(1)} ms; mutations: ${slowestCase})`);
process.exitCode = thrown > 0 ? 1 : 0;

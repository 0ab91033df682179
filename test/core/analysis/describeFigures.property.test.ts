import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, it } from 'node:test';
import fc from 'fast-check';
import { defaultAnalysisOptions, type DocumentAnalysis } from '../../../server/src/core';
import { analyse, repoRoot } from '../../helpers/core';
import { drawSpec, toYaml } from '../../helpers/randomTopology';

/*
 * With `maxFixes: 0` (what `ha-topology check` asks for when its format lists no fixes) no
 * fix is ranked, but what switchovers, common causes and maintenance cost each service is
 * still measured: every figure and every diagnostic must be what the full analysis gives,
 * the list of fixes alone left empty.
 */

/** The analysis' services with their fixes left out, and its diagnostics. */
function withoutFixes(analysis: DocumentAnalysis) {
  return { services: analysis.services?.map(({ fixes: _fixes, ...rest }) => rest), diagnostics: analysis.diagnostics };
}

function assertSameButFixes(text: string): void {
  const full = analyse(text);
  const costsOnly = analyse(text, { analysis: { ...defaultAnalysisOptions, maxFixes: 0 } });
  assert.deepEqual(withoutFixes(costsOnly), withoutFixes(full));
  for (const service of costsOnly.services ?? []) assert.deepEqual(service.fixes, [], `${service.id} lists no fix`);
}

suite('services measured without ranking fixes', () => {
  it('report the switchovers and causes of the bundled example as the full analysis does', () => {
    const text = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');
    const full = analyse(text);
    // The example has switchovers, common causes and maintenance that cost its services time.
    assert.ok(full.services!.some((s) => s.failovers.some((f) => f.outageMinutesPerYear > 0)));
    assert.ok(full.services!.some((s) => s.causes.some((c) => c.kind === 'common-cause' && c.minutesPerYear > 0)));
    assert.ok(full.services!.some((s) => s.causes.some((c) => c.kind === 'maintenance' && c.minutesPerYear > 0)));
    assertSameButFixes(text);
  });

  it('give every figure but the fixes that the full analysis gives, on random topologies', () => {
    let costed = 0;
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const text = toYaml(drawSpec((arb) => gen(() => arb)));
        assertSameButFixes(text);
        const services = analyse(text).services ?? [];
        if (services.some((s) => s.failovers.length > 0 || s.causes.length > 0)) costed++;
      }),
      { numRuns: 300, seed: 20261128 },
    );
    // Most draws must have a cost to compare, or the property says little.
    assert.ok(costed >= 100, `only ${costed} of 300 topologies had a switchover or a cause`);
  });
});

/*
 * With a few fixes asked for, the analysis recomputes (with every switchover refigured) only
 * the events whose bound lets them still rank among the first; with many asked for, every
 * event. The first few must be the same fixes with the same savings either way: a bound too
 * tight would drop an event that belongs there.
 */
suite('the first fixes, with few of them asked for', () => {
  it('are the first fixes of the analysis that recomputes every one, on random topologies with switchovers', () => {
    let pruned = 0;
    fc.assert(
      fc.property(fc.gen(), fc.integer({ min: 1, max: 3 }), (gen, maxFixes) => {
        const text = toYaml(drawSpec((arb) => gen(() => arb)));
        const every = analyse(text, { analysis: { ...defaultAnalysisOptions, maxFixes: 1000 } });
        const few = analyse(text, { analysis: { ...defaultAnalysisOptions, maxFixes } });
        for (const service of few.services ?? []) {
          const full = every.services!.find((s) => s.id === service.id)!;
          assert.deepEqual(service.fixes, full.fixes.slice(0, maxFixes), `${service.id} in ${text}`);
          if (full.failovers.length > 0 && full.fixes.length > maxFixes) pruned++;
        }
      }),
      { numRuns: 400, seed: 20261128, endOnFailure: true },
    );
    // Services with a switchover and more fixes than asked for are where the bound decides.
    assert.ok(pruned >= 80, `only ${pruned} services had a switchover and fixes left out`);
  });
});

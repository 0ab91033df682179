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

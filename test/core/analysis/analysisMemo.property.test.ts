import assert from 'node:assert/strict';
import { describe as suite, it } from 'node:test';
import fc from 'fast-check';
import { AnalysisMemo, IncrementalParser, type DocumentAnalysis } from '../../../server/src/core';
import { analyse } from '../../helpers/core';
import { drawExpr, drawFailure, drawSpec, toYaml, type Spec } from '../../helpers/randomTopology';

/*
 * An analysis that reuses the previous version's results (AnalysisMemo) must give what a
 * fresh analysis gives, after any sequence of edits: to failure data, requirements, SLAs,
 * switchovers, replicas, the peak share, and services added or removed.
 */

type Draw = <T>(arb: fc.Arbitrary<T>) => T;

/** One random edit of the spec, in place; returns what it changed, for failure messages. */
function editSpec(spec: Spec, g: Draw): string {
  const components = spec.components;
  const pick = <T>(items: readonly T[]): T => items[g(fc.nat({ max: items.length - 1 }))]!;
  switch (g(fc.integer({ min: 0, max: 8 }))) {
    case 0:
    case 1: {
      // Failure data alone: the circuit keeps its structure unless an event appears or goes.
      const component = pick(components);
      component.failure = drawFailure(g, false);
      return `failure of ${component.id}`;
    }
    case 2: {
      const component = pick(components);
      const later = components.slice(components.indexOf(component) + 1).map((c) => c.id);
      component.requires = later.length === 0 ? [] : [drawExpr(g, later, 2)];
      return `requires of ${component.id}`;
    }
    case 3: {
      const service = pick(spec.services);
      service.requires = [drawExpr(g, components.map((c) => c.id), 2)];
      return `requires of ${service.id}`;
    }
    case 4: {
      const service = pick(spec.services);
      service.sla = g(fc.constantFrom(undefined, '99%', '99.9%', '99.99%'));
      return `sla of ${service.id}`;
    }
    case 5: {
      const service = pick(spec.services);
      service.own = g(fc.boolean()) ? drawFailure(g, false) : null;
      return `own failure of ${service.id}`;
    }
    case 6: {
      const component = pick(components);
      component.replicas = g(fc.integer({ min: 1, max: 3 }));
      component.quorum = Math.min(component.quorum, component.replicas);
      if (component.load) component.load = { ...component.load, peak: Math.min(component.load.peak, component.replicas * component.load.capacity) };
      if (component.replicas < 2) delete component.beta;
      return `replicas of ${component.id}`;
    }
    case 7: {
      spec.peakShare = g(fc.constantFrom(0.1, 0.35, 1));
      return 'peak share';
    }
    default: {
      if (spec.services.length > 1 && g(fc.boolean())) {
        const removed = spec.services.pop()!;
        return `removed ${removed.id}`;
      }
      const id = `s${spec.services.length}`;
      spec.services.push({ id, own: null, requires: [drawExpr(g, components.map((c) => c.id), 2)] });
      return `added ${id}`;
    }
  }
}

/** Equal, with numbers equal to 1e-12 relative: reused and fresh results may sum in another order. */
function assertSame(actual: unknown, expected: unknown, path: string): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    const tolerance = 1e-12 * Math.max(Math.abs(actual), Math.abs(expected)) + 1e-15;
    assert.ok(actual === expected || Math.abs(actual - expected) <= tolerance, `${path}: ${actual} reused, ${expected} fresh`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, `${path}: length`);
    actual.forEach((item, i) => assertSame(item, expected[i], `${path}[${i}]`));
    return;
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const key of Object.keys(actual)) assertSame((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  assert.deepEqual(actual, expected, path);
}

function resultsOf(analysis: DocumentAnalysis) {
  return { services: analysis.services, components: analysis.components, diagnostics: analysis.diagnostics, sites: analysis.sites };
}

suite('analysis that reuses the previous version', () => {
  it('equals a fresh analysis after every edit of random edit sequences', () => {
    let edits = 0;
    let reusedServices = 0;
    let keptStructure = 0;
    let circuitsReused = 0;
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const g: Draw = (arb) => gen(() => arb);
        const spec = drawSpec(g);
        const memo = new AnalysisMemo();
        // As in the editor: unchanged entries come back as the same objects, and so do their entities.
        const parser = new IncrementalParser();
        const history: string[] = [];
        const options = { analysis: { maxBddNodes: 1_000_000, seed: 1, maxFixes: 5 } };
        const count = g(fc.integer({ min: 1, max: 6 }));
        for (let step = 0; step <= count; step++) {
          if (step > 0) history.push(editSpec(spec, g));
          const text = toYaml(spec);
          // As the editor does on some steps: diagnostics first, fixes ranked and components
          // measured afterwards, the components sometimes asked for first (by the preview).
          const later = g(fc.boolean());
          const first = analyse(text, { ...options, memo, parser, diagnosticsFirst: later });
          const fresh = analyse(text, options);
          if (later && g(fc.boolean())) assertSame(first.withComponents!().components, fresh.components, `components first after ${history.join(', ') || 'nothing'}`);
          const reused = first.complete?.() ?? first;
          assert.deepEqual(first.diagnostics, reused.diagnostics, 'the diagnostics do not wait for the fixes');
          assertSame(resultsOf(reused), resultsOf(fresh), `after ${history.join(', ') || 'nothing'} in ${text}`);
          if (step > 0) {
            edits++;
            reusedServices += memo.lastRun?.servicesReused ?? 0;
            if (memo.lastRun?.reusedStructure) keptStructure++;
            circuitsReused += memo.lastRun?.circuitsReused ?? 0;
          }
        }
      }),
      { seed: 20261127, numRuns: 150, endOnFailure: true, includeErrorInReport: true },
    );
    // The comparison must exercise reuse, not only fresh analyses.
    assert.ok(edits >= 400, `only ${edits} edits`);
    assert.ok(reusedServices >= 100, `only ${reusedServices} services were reused`);
    assert.ok(keptStructure >= 100, `only ${keptStructure} edits kept the diagrams`);
    assert.ok(circuitsReused >= 100, `only ${circuitsReused} circuits were made from the previous one`);
  });
});

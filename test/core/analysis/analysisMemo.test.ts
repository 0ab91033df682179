import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, it } from 'node:test';
import { AnalysisMemo, IncrementalParser, OperationCancelled } from '../../../server/src/core';
import { analyse, repoRoot } from '../../helpers/core';

const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');

/** Analyses `before`, then `after` with what `before` left, and checks `after` against a fresh analysis. */
function analyseEdit(before: string, after: string): AnalysisMemo {
  assert.notEqual(after, before, 'the edit must change the text');
  const memo = new AnalysisMemo();
  analyse(before, { memo });
  const reused = analyse(after, { memo });
  const fresh = analyse(after);
  assert.deepEqual(JSON.parse(JSON.stringify(reused.services)), JSON.parse(JSON.stringify(fresh.services)));
  assert.deepEqual(reused.diagnostics, fresh.diagnostics);
  return memo;
}

suite('analysis that reuses the previous version (the bundled example)', () => {
  const services = analyse(example).services!.length;
  const components = analyse(example).components!.length;

  it('keeps every decision diagram after an edit to failure data, and recomputes only what depends on it', () => {
    // dns-2 is one of the three DNS servers; only the dns service needs it.
    const memo = analyseEdit(example, example.replace('  dns-2:\n    kind: vm\n', '  dns-2:\n    kind: vm\n    mtbf: 8760h\n    mttr: 2h\n'));
    // Two load phases (the example has a peak share): both circuits are the previous ones with new figures.
    // dns-2 itself grows, so the structural findings are found again.
    // The example's four failover groups, in each phase, depend not on dns-2: their figures are found.
    assert.deepEqual(memo.lastRun, { reusedStructure: true, circuitsReused: 2, servicesReused: services - 1, componentsReused: components - 1, switchoversReused: 8, gatesWalkedForOrder: 0, findingsReused: false });
  });

  it('finds the switchovers an edit does not touch on every edit, not every second one', () => {
    const memo = new AnalysisMemo();
    analyse(example, { memo });
    const switchovers = memo.circuits().reduce((sum, circuit) => sum + circuit.events.filter((event) => event.failover).length, 0);
    assert.equal(switchovers, 8);
    const repairedIn = (hours: number) => example.replace('  dns-2:\n    kind: vm\n', `  dns-2:\n    kind: vm\n    mtbf: 8760h\n    mttr: ${hours}h\n`);
    for (const hours of [2, 3, 4]) {
      analyse(repairedIn(hours), { memo });
      assert.equal(memo.lastRun?.switchoversReused, switchovers, `the edit to ${hours}h`);
    }
  });

  it("keeps the model's checks of a file's first analysis for the first edit", () => {
    const memo = new AnalysisMemo();
    analyse(example, { memo });
    const opened = memo.modelChecks;
    assert.ok(opened, 'the first analysis leaves its checks');
    analyse(example.replace('    sla: 99.5%\n', '    sla: 99.7%\n'), { memo });
    // Taken over, not found again: the same list of unused components, not an equal one.
    assert.equal(memo.modelChecks?.unused, opened.unused);
  });

  it('keeps every decision diagram after an edit to an SLA, and recomputes only that service', () => {
    const memo = analyseEdit(example, example.replace('    sla: 99.5%\n', '    sla: 99.7%\n'));
    // The same length: nothing moves, and no structural finding reads an SLA.
    assert.deepEqual(memo.lastRun, { reusedStructure: true, circuitsReused: 2, servicesReused: services - 1, componentsReused: components, switchoversReused: 8, gatesWalkedForOrder: 0, findingsReused: true });
  });

  it('takes over the structural findings after edits to failure data or that move whole entities, and only then', () => {
    // Every VM's repair time, in the same number of characters.
    assert.equal(analyseEdit(example, example.replace('vm: { mtbf: 8760h, mttr: 30m }', 'vm: { mtbf: 8760h, mttr: 45m }')).lastRun?.findingsReused, true);
    // Text that moves every entity after it, each in one piece: the findings move with them.
    const title = analyseEdit(example, example.replace('topology: Hosting company', 'topology: Hosting company, Berlin'));
    assert.equal(title.lastRun?.findingsReused, true);
    const comment = analyseEdit(example, example.replace('\ncomponents:\n', '\ncomponents:\n  # A line that moves every component and service.\n'));
    assert.equal(comment.lastRun?.findingsReused, true);
    // A load of the same length and the same need keeps the circuit, but the N+0 warning gives the amounts.
    const load = analyseEdit(example, example.replace('load: { peak: 1000,', 'load: { peak: 1100,'));
    assert.equal(load.lastRun?.circuitsReused, 2);
    assert.equal(load.lastRun?.findingsReused, false);
  });

  it('rebuilds only the services that depend on a component whose requirements change', () => {
    const memo = analyseEdit(example, example.replace('  dns-1:\n    kind: vm\n    requires: [host-1]', '  dns-1:\n    kind: vm\n    requires: [host-2]'));
    // A structural edit: the switchovers are found by the keys of what they compute.
    assert.deepEqual({ ...memo.lastRun, gatesWalkedForOrder: undefined }, { reusedStructure: false, circuitsReused: 0, servicesReused: services - 1, componentsReused: components - 1, switchoversReused: 8, gatesWalkedForOrder: undefined, findingsReused: false });
  });

  it('keeps reusing across a chain of edits of both kinds', () => {
    const memo = new AnalysisMemo();
    const failure = example.replace('  dns-2:\n    kind: vm\n', '  dns-2:\n    kind: vm\n    mtbf: 8760h\n    mttr: 2h\n');
    const requirement = failure.replace('  dns-1:\n    kind: vm\n    requires: [host-1]', '  dns-1:\n    kind: vm\n    requires: [host-2]');
    const sla = requirement.replace('    sla: 99.5%\n', '    sla: 99.7%\n');
    const runs = [example, failure, requirement, sla, failure].map((text) => {
      analyse(text, { memo });
      return memo.lastRun;
    });
    // Each step changes one service (the last goes back two steps: dns and management differ).
    assert.deepEqual(runs.slice(1).map((run) => run?.servicesReused), [services - 1, services - 1, services - 1, services - 2]);
  });

  it('finds what a structural edit did not change after an edit to figures that every service shares', () => {
    // Two load phases: the same function in each phase has one number (see renameShapes).
    const memo = new AnalysisMemo();
    // Every service runs on the hypervisors: all of them change, and so does every gate above.
    const figures = example.replace('  hypervisor: { mtbf: 40000h, mttr: 8h }', '  hypervisor: { mtbf: 40000h, mttr: 6h }');
    const rewired = figures.replace('  dns-1:\n    kind: vm\n    requires: [host-1]', '  dns-1:\n    kind: vm\n    requires: [host-2]');
    analyse(example, { memo });
    analyse(figures, { memo });
    assert.equal(memo.lastRun?.servicesReused, 0);
    const reused = analyse(rewired, { memo });
    // Only dns needs dns-1: the others are found under the keys of what the edit before left.
    assert.equal(memo.lastRun?.servicesReused, services - 1);
    const fresh = analyse(rewired);
    assert.deepEqual(JSON.parse(JSON.stringify(reused.services)), JSON.parse(JSON.stringify(fresh.services)));
    assert.deepEqual(reused.diagnostics, fresh.diagnostics);
  });

  it('files the keys an edit to figures left out when a structural edit comes (one load phase)', () => {
    const text = (mttr: string, d: string) =>
      `topology: t\ndefaults:\n  vm: { mtbf: 8760h, mttr: ${mttr} }\ncomponents:\n  h1: { mtbf: 40000h, mttr: 8h }\n  h2: { mtbf: 40000h, mttr: 8h }\n` +
      `  v1: { kind: vm, requires: [{ any: [h1, h2] }] }\n  v2: { kind: vm, requires: [{ any: [h1, h2] }] }\n  v3: { kind: vm, requires: [h1] }\n` +
      `services:\n  a: { requires: [v1] }\n  b: { requires: [v2] }\n  c: { requires: [{ any: [v1, v2] }] }\n  d: { requires: [${d}] }\n`;
    const memo = new AnalysisMemo();
    analyse(text('30m', 'v3'), { memo });
    // Every VM, so every service, changes: typed twice, as figures are.
    analyse(text('45m', 'v3'), { memo });
    analyse(text('50m', 'v3'), { memo });
    assert.deepEqual([memo.lastRun?.reusedStructure, memo.lastRun?.servicesReused], [true, 0]);
    const reused = analyse(text('50m', 'v3, h2'), { memo });
    assert.deepEqual([memo.lastRun?.reusedStructure, memo.lastRun?.servicesReused], [false, 3]);
    const fresh = analyse(text('50m', 'v3, h2'));
    assert.deepEqual(JSON.parse(JSON.stringify(reused.services)), JSON.parse(JSON.stringify(fresh.services)));
    assert.deepEqual(reused.diagnostics, fresh.diagnostics);
  });

  it('compiles the circuit afresh when only a threshold changes, and reuses it when only figures do', () => {
    const text = (k: number, mttr: string) =>
      `topology: quorum\ncomponents:\n  a: { mtbf: 1000h, mttr: ${mttr} }\n  b: { mtbf: 1000h, mttr: 1h }\n  c: { mtbf: 1000h, mttr: 1h }\nservices:\n  s:\n    requires: [{ atLeast: ${k}, of: [a, b, c] }]\n`;
    assert.equal(analyseEdit(text(2, '1h'), text(1, '1h')).lastRun?.circuitsReused, 0);
    assert.equal(analyseEdit(text(2, '1h'), text(2, '2h')).lastRun?.circuitsReused, 1);
  });

  it('stops ranking fixes for a newer version, remembering the services ranked so far', () => {
    const memo = new AnalysisMemo();
    analyse(example, { memo });
    // Every service changes: none is remembered from the first version.
    const edited = example.replace('  hypervisor: { mtbf: 40000h, mttr: 8h }', '  hypervisor: { mtbf: 40000h, mttr: 6h }');
    let calls = 0;
    let cancelAfter = Infinity;
    const first = analyse(edited, { memo, diagnosticsFirst: true, isCancelled: () => ++calls > cancelAfter });
    // Cancelled once three more services are ranked.
    cancelAfter = calls + 3;
    assert.throws(() => first.complete!(), OperationCancelled);
    const again = analyse(edited, { memo });
    assert.equal(memo.lastRun?.servicesReused, 3);
    assert.equal(memo.lastRun?.reusedStructure, true);
    const fresh = analyse(edited);
    assert.deepEqual(JSON.parse(JSON.stringify(again.services)), JSON.parse(JSON.stringify(fresh.services)));
    assert.deepEqual(again.diagnostics, fresh.diagnostics);
  });

  it('recomputes every service that an edit to a shared dependency reaches', () => {
    // Every VM and so every service runs on the hypervisors: a new default for them changes all.
    const memo = analyseEdit(example, example.replace('  hypervisor: { mtbf: 40000h, mttr: 8h }', '  hypervisor: { mtbf: 40000h, mttr: 6h }'));
    assert.equal(memo.lastRun?.reusedStructure, true);
    assert.equal(memo.lastRun?.circuitsReused, 2);
    assert.equal(memo.lastRun?.servicesReused, 0);
  });
});

suite('analysis that reuses the previous version (events shared between versions)', () => {
  const text = `topology: t
components:
  a: { mtbf: 1000h, mttr: 10h }
  b: { mtbf: 1000h, mttr: 10h }
  c: { mtbf: 2000h, mttr: 5h }
services:
  s:
    requires:
      - any: [a, b]
      - c
commonCause:
  - id: pair
    members: [a, b]
    beta: 3%
`;

  it('shares the events of entities an edit did not touch, and makes afresh those whose data or common cause changed', () => {
    // As in the editor: the parser gives unchanged entries again, and the model keeps their entities.
    const memo = new AnalysisMemo();
    const parser = new IncrementalParser();
    analyse(text, { memo, parser });
    const eventOf = (name: string) => memo.circuits()[0]!.events.find((event) => event.name === name)!;
    const steps = [
      // Only the group's β: a and b are the same entities, but their events carry (1 − β) of their failures.
      { edit: text.replace('beta: 3%', 'beta: 5%'), kept: ['c'], made: ['a', 'b'] },
      { edit: text.replace('beta: 3%', 'beta: 5%').replace('c: { mtbf: 2000h, mttr: 5h }', 'c: { mtbf: 2000h, mttr: 6h }'), kept: ['a', 'b'], made: ['c'] },
    ];
    for (const { edit, kept, made } of steps) {
      const before = new Map(['a', 'b', 'c'].map((name) => [name, eventOf(name)]));
      const reused = analyse(edit, { memo, parser });
      const fresh = analyse(edit);
      assert.equal(memo.lastRun?.circuitsReused, 1);
      assert.deepEqual(JSON.parse(JSON.stringify(reused.services)), JSON.parse(JSON.stringify(fresh.services)));
      assert.deepEqual(reused.diagnostics, fresh.diagnostics);
      for (const name of kept) assert.equal(eventOf(name), before.get(name), `${name}'s event is shared`);
      for (const name of made) assert.notEqual(eventOf(name), before.get(name), `${name}'s event is made afresh`);
    }
  });
});

suite('analysis that reuses the previous version (a long chain)', () => {
  it('stays linear when an edit reorders the events of a 3,000-component chain', () => {
    // (Comparing orders entity by entity would walk about count² / 2 gates.)
    const count = 3_000;
    const chain = Array.from({ length: count }, (_, i) => `  c${i}: { mtbf: 1000h, mttr: 1h${i + 1 < count ? `, requires: [c${i + 1}]` : ''} }`).join('\n');
    const before = `topology: chain\ncomponents:\n  z: { mtbf: 500h, mttr: 2h }\n${chain}\nservices:\n  s: { requires: [c0] }\n  t: { requires: [z] }\n`;
    // z now requires the chain: it is compiled after the chain instead of before it, so every
    // entity's events may have changed order, and comparing them one by one would walk the chain
    // once per component.
    const after = before.replace('  z: { mtbf: 500h, mttr: 2h }', '  z: { mtbf: 500h, mttr: 2h, requires: [c0] }');
    const memo = analyseEdit(before, after);
    assert.equal(memo.lastRun?.reusedStructure, false);
    // Linear: a few times the circuit (a handful of gates a component), not count² / 2.
    assert.ok(memo.lastRun!.gatesWalkedForOrder <= 20 * count + 10_000, `${memo.lastRun!.gatesWalkedForOrder} gates walked to compare orders`);
  });
});

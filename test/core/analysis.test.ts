import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAnalysisOptions } from '../../server/src/core';
import { analyse, repoRoot } from '../helpers/core';
import { assertClose, figuresOf } from '../helpers/topologies';

const p = 0.9;
const q = 1 - p;

function components(ids: string[], availability = p): string {
  return ids.map((id) => `  ${id}: { availability: ${availability} }`).join('\n');
}

describe('availability in closed form', () => {
  it('series: every requirement must hold', () => {
    const f = figuresOf(`topology: t\ncomponents:\n${components(['a', 'b', 'c'])}\nservices:\n  s: { requires: [a, b, c] }\n`);
    assertClose(f.availability, p ** 3);
    assertClose(f.unavailability, 1 - p ** 3, 1e-12);
    assert.deepEqual([...f.spofs].sort(), ['a', 'b', 'c']);
  });

  it('parallel: any one member suffices', () => {
    const f = figuresOf(`topology: t\ncomponents:\n${components(['a', 'b'])}\nservices:\n  s: { requires: [{ any: [a, b] }] }\n`);
    assertClose(f.unavailability, q * q, 1e-12);
    assert.deepEqual(f.spofs, []);
  });

  it('k-of-n: at least 2 of 3', () => {
    const f = figuresOf(`topology: t\ncomponents:\n${components(['a', 'b', 'c'])}\nservices:\n  s: { requires: [{ atLeast: 2, of: [a, b, c] }] }\n`);
    assertClose(f.availability, 3 * p ** 2 - 2 * p ** 3);
  });

  it('replicas with a quorum are k-of-n over independent instances', () => {
    const f = figuresOf(`topology: t\ncomponents:\n  db: { availability: ${p}, replicas: 3, quorum: 2 }\nservices:\n  s: { requires: [db] }\n`);
    assertClose(f.availability, 3 * p ** 2 - 2 * p ** 3);
    assert.deepEqual(f.spofs, []);
  });

  it('the bridge network, which is not series-parallel', () => {
    for (const r of [0.5, 0.9, 0.99]) {
      const text = `topology: bridge\ncomponents:\n${components(['x1', 'x2', 'x3', 'x4', 'x5'], r)}\nservices:\n  s:\n    requires:\n      - any:\n          - all: [x1, x4]\n          - all: [x2, x5]\n          - all: [x1, x3, x5]\n          - all: [x2, x3, x4]\n`;
      assertClose(figuresOf(text).availability, 2 * r ** 2 + 2 * r ** 3 - 5 * r ** 4 + 2 * r ** 5, 1e-12, `p=${r}`);
    }
  });

  it('a shared host under a parallel pair is counted once, and is the single point of failure', () => {
    const text = `topology: shared\ncomponents:\n  host: { availability: 0.99 }\n  vm1: { availability: ${p}, requires: [host] }\n  vm2: { availability: ${p}, requires: [host] }\nservices:\n  s: { requires: [{ any: [vm1, vm2] }] }\n`;
    const f = figuresOf(text);
    assertClose(f.availability, 0.99 * (1 - q * q));
    assert.deepEqual(f.spofs, ['host']);
    // Treating the two VMs as independent would give a different (wrong) answer.
    assert.ok(Math.abs(f.availability - (1 - (1 - 0.99 * p) ** 2)) > 1e-3);
    const components = analyse(text).components!;
    const vm1 = components.find((c) => c.id === 'vm1')!;
    assertClose(vm1.availability, 0.99 * p, 1e-12, 'a component’s availability includes what it requires');
    assert.deepEqual([...vm1.spofs].sort(), ['host', 'vm1']);
    // One cause, one problem: the host's warning, with the pair it defeats as related information.
    const diagnostics = analyse(text).diagnostics.filter((d) => d.severity === 'warning');
    assert.deepEqual(diagnostics.map((d) => d.code), ['single-point-of-failure']);
    assert.match(diagnostics[0]!.message, /^"host" is a single point of failure for s\. It defeats the redundancy of one group/);
    assert.ok(diagnostics[0]!.related!.some((r) => /"vm1" and "vm2" are redundant, but both depend on "host"/.test(r.message)));
  });

  it('a service’s own failures are in series but never reported as its single point of failure', () => {
    const f = figuresOf(`topology: t\ncomponents:\n${components(['a', 'b'])}\nservices:\n  s: { availability: 0.99, requires: [{ any: [a, b] }] }\n`);
    assertClose(f.availability, 0.99 * (1 - q * q));
    assert.deepEqual(f.spofs, []);
  });
});

describe('failure frequency, outages and failover', () => {
  const mtbf = 1000;
  const mttr = 10;
  const a = mtbf / (mtbf + mttr);
  const w = 1 / (mtbf + mttr);

  it('series of two: w = a_b·w_a + a_a·w_b, and MTBF and outage length follow', () => {
    const f = figuresOf(`topology: t\ncomponents:\n  a: { mtbf: ${mtbf}h, mttr: ${mttr}h }\n  b: { mtbf: ${mtbf}h, mttr: ${mttr}h }\nservices:\n  s: { requires: [a, b] }\n`);
    const frequency = 2 * a * w;
    assertClose(f.failuresPerYear, frequency * 8760, 1e-12, 'failures per year');
    assertClose(f.mtbfHours, (a * a) / frequency, 1e-12, 'mtbf');
    assertClose(f.meanOutageHours, (1 - a * a) / frequency, 1e-9, 'outage');
    assertClose(f.downtimeMinutesPerYear, (1 - a * a) * 8760 * 60, 1e-9, 'downtime per year');
    assertClose(f.downtimeMinutesPerMonth, (1 - a * a) * 720 * 60, 1e-9, 'downtime per month');
    assert.equal(f.frequencyPartial, false);
  });

  it('parallel of two: the pair fails when one fails while the other is down', () => {
    const f = figuresOf(`topology: t\ncomponents:\n  a: { mtbf: ${mtbf}h, mttr: ${mttr}h }\n  b: { mtbf: ${mtbf}h, mttr: ${mttr}h }\nservices:\n  s: { requires: [{ any: [a, b] }] }\n`);
    assertClose(f.failuresPerYear, 2 * (1 - a) * w * 8760, 1e-12);
  });

  it('failover adds the switchovers (failures of the primary while the other can take over) times the switchover time', () => {
    const f = figuresOf(`topology: t\ncomponents:\n  a: { mtbf: ${mtbf}h, mttr: ${mttr}h }\n  b: { mtbf: ${mtbf}h, mttr: ${mttr}h }\nservices:\n  s: { requires: [{ any: [a, b], failover: 6m }] }\n`);
    // Version 2's correction: a failure of a while b is down is no switchover.
    const switchovers = w * a;
    const pseudo = switchovers * 0.1;
    assertClose(f.unavailability, 1 - (1 - (1 - a) ** 2) * (1 - pseudo), 1e-9);
    assertClose(f.failuresPerYear, ((1 - pseudo) * 2 * (1 - a) * w + (1 - (1 - a) ** 2) * switchovers) * 8760, 1e-9);
    assert.deepEqual(f.spofs, []);
    // A primary that never failed would also never be switched from: everything is recomputed.
    assert.deepEqual(f.fixes.map((x) => x.id).slice(0, 2), ['a', 'failover of a (s)']);
    assertClose(f.fixes[1]!.savesMinutesPerYear, (1 - (1 - a) ** 2) * pseudo * 8760 * 60, 1e-9);
    assertClose(f.failovers[0]!.switchoversPerYear, switchovers * 8760, 1e-12);
    assert.equal(f.failovers[0]!.switchSuccess, 1);
  });

  it('a standby that never failed would take over at every failure of the primary: its fix counts the switchovers it adds', () => {
    // The standby is not in the primary: its own share of the switchovers is nil, yet fixing
    // it doubles them. A fix ranked from its share alone would skip that.
    const f = figuresOf(`topology: t\ncomponents:\n  a: { mtbf: ${mtbf}h, mttr: ${mttr}h }\n  b: { availability: 50% }\nservices:\n  s: { requires: [{ any: [a, b], failover: 6m }] }\n`);
    const pseudo = w * 0.5 * 0.1;
    const before = 1 - (1 - (1 - a) * 0.5) * (1 - pseudo);
    const after = w * 0.1;
    assertClose(f.unavailability, before, 1e-9);
    assertClose(f.fixes.find((x) => x.id === 'b')!.savesMinutesPerYear, (before - after) * 8760 * 60, 1e-9);
  });

  it('refigures the switchovers of a pair that shares a switch for a fix of the switch or of the standby', () => {
    // a and b both need the switch sw, so the primary (a, sw) and the rest (b, sw) share an
    // event. A failure of a is a switchover when sw and b are up: rate w_a · A_sw · A_b. With
    // sw fixed it is w_a · A_b, with b fixed w_a · A_sw; the service is up while sw, one of a
    // and b, and the switchover are.
    const f = figuresOf(
      `topology: t\ncomponents:\n  sw: { mtbf: 100h, mttr: 50h }\n  a: { mtbf: 10h, mttr: 1h, requires: [sw] }\n  b: { mtbf: 10h, mttr: 10h, requires: [sw] }\nservices:\n  s: { requires: [{ any: [a, b], failover: 1h }] }\n`,
    );
    const [asw, aa, ab, wa] = [2 / 3, 10 / 11, 0.5, 1 / 11];
    const up = (sw: number, b: number, switchover: number) => sw * (1 - (1 - aa) * (1 - b)) * (1 - switchover);
    const before = 1 - up(asw, ab, wa * asw * ab);
    assertClose(f.unavailability, before, 1e-9);
    assertClose(f.failovers[0]!.switchoversPerYear, wa * asw * ab * 8760, 1e-9);
    const saves = (id: string) => f.fixes.find((x) => x.id === id)!.savesMinutesPerYear / (8760 * 60);
    assertClose(saves('sw'), before - (1 - up(1, ab, wa * ab)), 1e-9, 'fix of the switch');
    assertClose(saves('b'), before - (1 - up(asw, 1, wa * asw)), 1e-9, 'fix of the standby');
  });

  it('ranks first a fix that stops an inner group switching over, when asked for one fix only', () => {
    // Each failure of p is a switchover inside x (1 h), and so a failure of x that the
    // outer group switches over from (10 h): fixing p saves those outer switchovers, which
    // p's own share of the outer group's switchovers (p matters there only while q is down)
    // does not show. Asked for one fix, the analysis must still find it, not the outer
    // switchover itself, which comes second.
    const text = `topology: t\ncomponents:\n  p: { mtbf: 100h, mttr: 36s }\n  q: { mtbf: 100000h, mttr: 1h }\n  y: { mtbf: 100000h, mttr: 1h }\n  z: { availability: 99.9% }\n  x: { requires: [{ any: [p, q], failover: 1h }] }\nservices:\n  s: { requires: [z, { any: [x, y], failover: 10h }] }\n`;
    const every = analyse(text, { analysis: { ...defaultAnalysisOptions, maxFixes: 1000 } }).services![0]!.fixes;
    assert.deepEqual(every.slice(0, 2).map((fix) => fix.id), ['p', 'failover of x (s)']);
    assert.deepEqual(analyse(text, { analysis: { ...defaultAnalysisOptions, maxFixes: 1 } }).services![0]!.fixes, every.slice(0, 1));
  });

  it('components with only an availability make frequencies partial', () => {
    const f = figuresOf(`topology: t\ncomponents:\n  a: { mtbf: ${mtbf}h, mttr: ${mttr}h }\n  b: { availability: 99% }\nservices:\n  s: { requires: [a, b] }\n`);
    assert.equal(f.frequencyPartial, true);
    assertClose(f.failuresPerYear, 0.99 * w * 8760, 1e-12);
  });

  it('ranks fixes by the downtime each would save', () => {
    const f = figuresOf(`topology: t\ncomponents:\n  weak: { availability: 0.99 }\n  strong: { availability: 0.9999 }\nservices:\n  s: { requires: [weak, strong] }\n`);
    assert.deepEqual(f.fixes.map((x) => x.id), ['weak', 'strong']);
    assertClose(f.fixes[0]!.savesMinutesPerYear, 0.9999 * 0.01 * 8760 * 60, 1e-9);
  });
});

describe('precision and SLA', () => {
  it('keeps six significant digits at nine nines and beyond', () => {
    const nine = figuresOf(`topology: t\ncomponents:\n  a: { availability: 99.9999999% }\nservices:\n  s: { requires: [a] }\n`);
    assertClose(nine.unavailability, 1e-9, 1e-6, 'nine nines');
    assertClose(nine.nines, 9, 1e-6);
    // Three independent parts at 99.99% in parallel: 1e-12, which 1 − a cannot represent to six digits.
    const twelve = figuresOf(`topology: t\ncomponents:\n${components(['a', 'b', 'c'], 0.9999)}\nservices:\n  s: { requires: [{ any: [a, b, c] }] }\n`);
    assertClose(twelve.unavailability, 1e-12, 1e-6, 'twelve nines');
  });

  it('flags an SLA miss with the gap in minutes per year, and a met SLA as met', () => {
    const missed = figuresOf(`topology: t\ncomponents:\n  a: { availability: 99.9% }\nservices:\n  s: { sla: 99.95%, requires: [a] }\n`);
    assert.equal(missed.meetsSla, false);
    assertClose(missed.slaGapMinutesPerYear, 0.0005 * 8760 * 60, 1e-9);
    const met = figuresOf(`topology: t\nsla: 99.9%\ncomponents:\n  a: { availability: 99.9% }\nservices:\n  s: { requires: [a] }\n`);
    assert.equal(met.meetsSla, true);
    assert.equal(met.sla, 0.999);
    const none = figuresOf(`topology: t\ncomponents:\n  a: { availability: 99.9% }\nservices:\n  s: { requires: [a] }\n`);
    assert.equal(none.sla, null);
    assert.equal(none.meetsSla, null);
  });
});

describe('the size budget', () => {
  it('falls back to a seeded Monte Carlo estimate with a 95% interval, marked approximate', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const text = `topology: t\ncomponents:\n${components([...ids, 'host'], 0.9)}\nservices:\n  s: { requires: [host, { atLeast: 6, of: [${ids.join(', ')}] }] }\n`;
    const exact = figuresOf(text);
    const result = analyse(text, { analysis: { maxBddNodes: 20, seed: 7, maxFixes: 10 } });
    const estimate = result.services![0]!;
    assert.equal(estimate.exact, false);
    assert.ok(estimate.confidence95);
    assert.ok(estimate.confidence95.low <= exact.unavailability && exact.unavailability <= estimate.confidence95.high);
    assert.ok(result.diagnostics.some((d) => d.code === 'approximate-analysis'));
    assert.deepEqual(estimate.spofs, ['host']);
    assert.deepEqual(exact.spofs, ['host']);
    const again = analyse(text, { analysis: { maxBddNodes: 20, seed: 7, maxFixes: 10 } }).services![0]!;
    assert.equal(again.unavailability, estimate.unavailability, 'the same seed gives the same estimate');
  });
});

describe('numbers that mean what they say', () => {
  it('an event that cannot fail (availability 100% or 1) is never a single point of failure nor a fix', () => {
    for (const perfect of ['100%', '1']) {
      const f = figuresOf(`topology: t\ncomponents:\n  perfect: { availability: ${perfect} }\n  a: { availability: 99% }\n  b: { availability: 99% }\nservices:\n  s: { requires: [perfect, { any: [a, b] }] }\n`);
      assert.deepEqual(f.spofs, [], perfect);
      assert.ok(!f.fixes.some((x) => x.id === 'perfect'), perfect);
      assertClose(f.unavailability, 0.01 * 0.01, 1e-9);
    }
  });

  it('a failover whose primary has only an availability makes the frequency partial', () => {
    const f = figuresOf(`topology: t\ncomponents:\n  a: { availability: 99% }\n  b: { mtbf: 1000h, mttr: 10h }\nservices:\n  s: { requires: [{ any: [a, b], failover: 5m }] }\n`);
    assert.equal(f.frequencyPartial, true);
  });

  it('a switchover longer than the primary’s time between failures is capped, and says so on the failover key', () => {
    const text = `topology: t\ncomponents:\n  a: { mtbf: 2h, mttr: 1h }\n  b: { mtbf: 1000h, mttr: 10h }\nservices:\n  s: { requires: [{ any: [a, b], failover: 5h }] }\n`;
    const result = analyse(text);
    const capped = result.diagnostics.find((d) => d.code === 'failover-capped');
    assert.ok(capped, result.diagnostics.map((d) => d.code).join(', '));
    assert.equal(text.slice(capped.span.start, capped.span.end), 'failover');
    assert.equal(result.services![0]!.availability, 0);
  });

  it('a value the schema rejects is not used by the analysis', () => {
    const result = analyse(`topology: t\ncomponents:\n  a: { mtbf: 1e300h, mttr: 1h }\n  b: { availability: 99% }\nservices:\n  s: { requires: [a, b] }\n`);
    assert.ok(result.diagnostics.some((d) => d.severity === 'error' && d.code === 'schema'), 'the schema rejects 1e300h');
    const a = result.topology.components.get('a')!;
    assert.equal(a.failure.kind, 'never', 'a rejected mtbf is not used');
    assertClose(result.services![0]!.availability, 0.99);
  });

  it('a duration unit named like an object property is just an unknown unit', () => {
    const result = analyse(`topology: t\ncomponents:\n  a: { mtbf: 5 constructor, mttr: 1h }\nservices:\n  s: { requires: [a] }\n`);
    assert.ok(result.diagnostics.some((d) => d.code === 'invalid-duration' && /Unknown duration unit "constructor"/.test(d.message)));
  });
});

describe('version 2: failover that can fail, common cause, maintenance', () => {
  const a = 1000 / 1010;
  const w = 1 / 1010;
  const pair = (failover: string, extra = '') =>
    `topology: t\ncomponents:\n  host-1: { mtbf: 1000h, mttr: 10h }\n  host-2: { mtbf: 1000h, mttr: 10h }\n${extra}services:\n  s: { requires: [{ any: [host-1, host-2], failover: ${failover} }] }\n`;

  it('success 100% and no requires is the same as the short form', () => {
    const short = figuresOf(pair('6m'));
    const long = figuresOf(pair('{ time: 6m, success: 100% }'));
    assertClose(long.unavailability, short.unavailability, 1e-15);
    assertClose(long.failuresPerYear, short.failuresPerYear!, 1e-15);
  });

  it('a switch that needs the primary itself never works: s_c = 0, every switchover is manual', () => {
    const f = figuresOf(pair('{ time: 6m, manual: 1h, requires: [host-1] }'));
    assert.equal(f.failovers[0]!.requiresHold, 0);
    assert.equal(f.failovers[0]!.switchSuccess, 0);
    const pseudo = w * a * 1;
    assertClose(f.unavailability, 1 - (1 - (1 - a) ** 2) * (1 - pseudo), 1e-9);
  });

  it('a switch that needs an independent part of availability p: s_c = p, s = success · p', () => {
    const f = figuresOf(pair('{ time: 6m, success: 90%, manual: 1h, requires: [ha] }', '  ha: { availability: 95% }\n'));
    assertClose(f.failovers[0]!.requiresHold, 0.95, 1e-12);
    assertClose(f.failovers[0]!.switchSuccess, 0.9 * 0.95, 1e-12);
    const s = 0.9 * 0.95;
    const pseudo = w * a * (s * 0.1 + (1 - s) * 1);
    assertClose(f.unavailability, 1 - (1 - (1 - a) ** 2) * (1 - pseudo), 1e-9);
    // The switch's requirement is never a single point of failure of the service.
    assert.deepEqual(f.spofs, []);
  });

  it('manual defaults to the primary’s own mean outage', () => {
    const f = figuresOf(pair('{ time: 6m, success: 0% }'));
    // The primary's mean outage u/w is its MTTR, 10 h.
    assertClose(f.unavailability, 1 - (1 - (1 - a) ** 2) * (1 - w * a * 10), 1e-9);
  });

  it('reports a defeated failover when the HA manager runs on the host it must fail over from', () => {
    const text = `topology: t\ncomponents:\n  host-1: { mtbf: 1000h, mttr: 10h }\n  host-2: { mtbf: 1000h, mttr: 10h }\n  ha-manager: { availability: 99.9%, requires: [host-1] }\n  vm-1: { availability: 99.9%, requires: [host-1] }\n  vm-2: { availability: 99.9%, requires: [host-2] }\nservices:\n  s: { requires: [{ any: [vm-1, vm-2], failover: { time: 5m, manual: 45m, requires: [ha-manager] } }] }\n`;
    const result = analyse(text);
    const defeated = result.diagnostics.find((d) => d.code === 'defeated-failover');
    assert.ok(defeated, result.diagnostics.map((d) => d.code).join(', '));
    assert.equal(text.slice(defeated.span.start, defeated.span.end), 'failover');
    assert.match(defeated.message, /when host-1 fails .* costs 45 min instead of 5 min/);
    assert.ok(defeated.related!.length >= 2);
  });

  it('a beta-factor pair: own rates (1 − β)λ and a common event of rate β·λ, the pair’s figures in closed form', () => {
    const beta = 0.1;
    const f = figuresOf(`topology: t\ncomponents:\n  disk: { mtbf: 1000h, mttr: 10h, replicas: 2, commonCause: 10% }\nservices:\n  s: { requires: [disk] }\n`);
    const own = (1000 / (1 - beta)) / (1000 / (1 - beta) + 10);
    const common = 1 / beta / 1000;
    const commonA = (1000 / beta) / (1000 / beta + 10);
    assertClose(f.availability, commonA * (1 - (1 - own) ** 2), 1e-12);
    assert.deepEqual(f.spofs, ['common:disk']);
    assert.ok(common > 0);
  });

  it('a top-level common-cause group names its event by its id, and the id defaults to common:a+b', () => {
    const named = figuresOf(`topology: t\ncommonCause:\n  - { id: web-pair, members: [web-1, web-2], beta: 10% }\ncomponents:\n  web-1: { availability: 99% }\n  web-2: { availability: 99% }\nservices:\n  s: { requires: [{ any: [web-1, web-2] }] }\n`);
    assert.deepEqual(named.spofs, ['web-pair']);
    assertClose(named.unavailability, 1 - (1 - 0.1 * 0.01) * (1 - (0.9 * 0.01) ** 2), 1e-12);
    const unnamed = figuresOf(`topology: t\ncommonCause:\n  - { members: [web-1, web-2], beta: 10% }\ncomponents:\n  web-1: { availability: 99% }\n  web-2: { availability: 99% }\nservices:\n  s: { requires: [{ any: [web-1, web-2] }] }\n`);
    assert.deepEqual(unnamed.spofs, ['common:web-1+web-2']);
  });

  it('rejects common-cause groups the model cannot hold, each at its own range', () => {
    const cases: [string, RegExp][] = [
      ['  a: { availability: 99%, commonCause: 5% }\n', /at least two things that fail/],
      ['  a: { availability: 99%, replicas: 2, commonCause: 100% }\n', /beta factor is a share in \[0, 1\)/],
      ['  a: { replicas: 2, commonCause: 5% }\n', /no failure data/],
    ];
    for (const [component, message] of cases) {
      const result = analyse(`topology: t\ncomponents:\n${component}services:\n  s: { requires: [a] }\n`);
      assert.ok(result.diagnostics.some((d) => d.severity === 'error' && message.test(d.message)), `${component}: ${result.diagnostics.map((d) => d.message).join(' | ')}`);
    }
    const mixed = analyse(`topology: t\ncommonCause:\n  - { members: [a, b], beta: 5% }\ncomponents:\n  a: { availability: 99% }\n  b: { mtbf: 100h, mttr: 1h }\nservices:\n  s: { requires: [a, b] }\n`);
    assert.ok(mixed.diagnostics.some((d) => /mix mtbf\/mttr with availability/.test(d.message)));
  });

  it('planned maintenance is an event of its own: duration / every in series, and it can be a single point of failure', () => {
    const f = figuresOf(`topology: t\ncomponents:\n  host: { availability: 99.9%, maintenance: { every: 30d, duration: 2h } }\nservices:\n  s: { requires: [host] }\n`);
    assertClose(f.unavailability, 1 - 0.999 * (1 - 2 / 720), 1e-12);
    assert.deepEqual([...f.spofs].sort(), ['host', 'host (maintenance)']);
    assert.ok(f.fixes.some((x) => x.id === 'host (maintenance)'));
    const bad = analyse(`topology: t\ncomponents:\n  host: { availability: 99.9%, maintenance: { every: 2h, duration: 2h } }\nservices:\n  s: { requires: [host] }\n`);
    assert.ok(bad.diagnostics.some((d) => d.code === 'invalid-maintenance'));
  });
});

describe('services alone', () => {
  it('without components’ own figures gives the same services and the same diagnostics', () => {
    const text = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');
    const whole = analyse(text);
    const servicesOnly = analyse(text, { analysis: { ...defaultAnalysisOptions, componentFigures: false } });
    assert.ok(whole.components!.length > 20);
    assert.deepEqual(servicesOnly.components, []);
    assert.deepEqual(servicesOnly.services, whole.services);
    assert.deepEqual(servicesOnly.diagnostics, whole.diagnostics);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../helpers/core';
import { assertClose, figuresOf } from '../../helpers/topologies';

/*
 * Version 2's demand and contracts, checked against closed forms written here from the
 * format's definitions, and the SLA risks against a seeded simulation of the outage process.
 */

const p = 0.9;
const u = (k: number, n: number) => 1 - atLeast(k, n, p);

/** Pr[at least k of n independent parts are up], each up with probability a. */
function atLeast(k: number, n: number, a: number): number {
  let total = 0;
  for (let i = k; i <= n; i++) total += choose(n, i) * a ** i * (1 - a) ** (n - i);
  return total;
}

function choose(n: number, k: number): number {
  let value = 1;
  for (let i = 1; i <= k; i++) value = (value * (n - k + i)) / i;
  return value;
}

describe('load and capacity', () => {
  it('three instances of capacity 400 under a load of 1,000 are 3-of-3, with no spare at peak', () => {
    const text = `topology: t\ncomponents:\n  web: { availability: ${p}, replicas: 3, capacity: 400, load: 1000 }\nservices:\n  s: { requires: [web] }\n`;
    assertClose(figuresOf(text).unavailability, u(3, 3), 1e-12);
    const result = analyse(text);
    const warning = result.diagnostics.find((d) => d.code === 'no-spare-at-peak');
    assert.match(warning?.message ?? '', /^N\+0 at peak: any one of web#1\.\.web#3 failing drops "web" during the peak \(needs 3 of 3: 1,000 \/ 400\)\.$/);
    assert.equal(text.slice(warning!.span.start, warning!.span.end), 'load');
  });

  it('with load { peak: 1000, normal: 300 } and peakShare 10%, the figures are 0.1 u(3 of 3) + 0.9 u(1 of 3)', () => {
    const text = `topology: t\npeakShare: 10%\ncomponents:\n  web: { availability: ${p}, replicas: 3, capacity: 400, load: { peak: 1000, normal: 300 } }\nservices:\n  s: { requires: [web] }\n`;
    const figures = figuresOf(text);
    assertClose(figures.unavailability, 0.1 * u(3, 3) + 0.9 * u(1, 3), 1e-12);
    assert.deepEqual(figures.availabilityByPhase && [figures.availabilityByPhase.peak, figures.availabilityByPhase.normal].map((a) => Number(a.toFixed(12))), [p ** 3, 1 - (1 - p) ** 3].map((a) => Number(a.toFixed(12))));
    // Single points of failure are those of the peak; those that exist only at peak are
    // reported once, on the demand that makes them so.
    assert.deepEqual([...figures.spofs].sort(), ['web#1', 'web#2', 'web#3']);
    const diagnostics = analyse(text).diagnostics;
    assert.ok(!diagnostics.some((d) => d.code === 'single-point-of-failure'), diagnostics.map((d) => d.message).join('\n'));
    const warning = diagnostics.find((d) => d.code === 'no-spare-at-peak');
    assert.match(warning?.message ?? '', /needs 3 of 3: 1,000 \/ 400\)\. At peak it makes one part a single point of failure: web \(see related information\)\.$/);
    assert.deepEqual(warning!.related!.map((r) => r.message), ['at peak, "web" alone takes down s']);
  });

  it('an "of" group sized by its load is the same k-of-n, per phase', () => {
    const parts = ['a', 'b', 'c', 'd'].map((id) => `  ${id}: { availability: ${p} }`).join('\n');
    const text = `topology: t\npeakShare: 25%\ncomponents:\n${parts}\nservices:\n  s: { requires: [{ of: [a, b, c, d], capacity: 100, load: { peak: 250, normal: 100 } }] }\n`;
    assertClose(figuresOf(text).unavailability, 0.25 * u(3, 4) + 0.75 * u(1, 4), 1e-12);
  });

  it('a version 1 file, and one whose phases need the same, mean exactly what they meant', () => {
    const plain = `topology: t\ncomponents:\n  web: { availability: ${p}, replicas: 3, quorum: 2 }\nservices:\n  s: { requires: [web] }\n`;
    const same = `topology: t\npeakShare: 10%\ncomponents:\n  web: { availability: ${p}, replicas: 3, capacity: 400, load: { peak: 800, normal: 700 } }\nservices:\n  s: { requires: [web] }\n`;
    assert.equal(figuresOf(plain).unavailability, figuresOf(same).unavailability);
    assert.equal(figuresOf(same).availabilityByPhase, null);
  });

  it('says in the user’s terms when the members cannot carry the load, at the load', () => {
    const text = `topology: t\ncomponents:\n  a: { availability: ${p} }\n  b: { availability: ${p} }\nservices:\n  s: { requires: [{ of: [a, b], capacity: 400, load: 1000 }] }\n`;
    const error = analyse(text).diagnostics.find((d) => d.code === 'capacity-too-small');
    assert.match(error?.message ?? '', /^needs 3 of 2 members at peak: 1,000 \/ 400\./);
    assert.equal(text.slice(error!.span.start, error!.span.end), '1000');
    // The analysis goes on: the group never holds, so the service is always down.
    assertClose(analyse(text).services![0]!.unavailability, 1, 1e-12);
  });
});

/** The outage process the format states: independent Poisson streams with exponential lengths. */
interface Stream {
  rate: number;
  mean: number;
}

/** A seeded generator (xorshift32), written here so the simulation shares nothing with the engine. */
function seeded(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** Simulates periods of length T: the share whose downtime exceeds B, and the share with an outage longer than m. */
function simulate(streams: readonly Stream[], T: number, B: number, m: number, periods: number, seed: number): { breach: number; long: number } {
  const random = seeded(seed);
  const exponential = (mean: number) => -Math.log(1 - random()) * mean;
  let breaches = 0;
  let longs = 0;
  for (let n = 0; n < periods; n++) {
    let downtime = 0;
    let long = false;
    for (const { rate, mean } of streams) {
      for (let t = exponential(1 / rate); t < T; t += exponential(1 / rate)) {
        const length = exponential(mean);
        downtime += length;
        if (length > m) long = true;
      }
    }
    if (downtime > B) breaches++;
    if (long) longs++;
  }
  return { breach: breaches / periods, long: longs / periods };
}

/** The half-width of a 99.9% interval for a share estimated from n trials. */
function halfWidth(share: number, n: number): number {
  return 3.29 * Math.sqrt(Math.max(share * (1 - share), 1 / n) / n);
}

describe('SLA terms and the risk of breaching them', () => {
  it('is 0 when nothing can fail', () => {
    const figures = figuresOf('topology: t\ncomponents:\n  a: { availability: 100% }\nservices:\n  s: { requires: [a], sla: { target: 99.9%, per: month, maxOutage: 30m } }\n');
    assert.equal(figures.breachProbability, 0);
    assert.equal(figures.longOutageProbability, 0);
    assert.equal(figures.slaPeriod, 'month');
  });

  it('matches the closed form of a single stream, Σ Poisson(n) · Pr[Gamma(n, d) > B], to 1e-6', () => {
    // One part in series: outages at rate 1 / (MTBF + MTTR), each lasting an exponential time of mean MTTR.
    for (const [mtbf, mttr, target, per, T] of [
      [4380, 2, '99.9%', 'month', 720],
      [2000, 0.25, '99.95%', 'month', 720],
      [20, 0.05, '99%', 'quarter', 2190],
      [8760, 8, '99.99%', 'year', 8760],
      [300, 1, '99.5%', 'month', 720],
    ] as const) {
      const figures = figuresOf(`topology: t\ncomponents:\n  a: { mtbf: ${mtbf}h, mttr: ${mttr}h }\nservices:\n  s: { requires: [a], sla: { target: ${target}, per: ${per} } }\n`);
      const mu = T / (mtbf + mttr);
      const b = ((1 - Number.parseFloat(target) / 100) * T) / mttr;
      // Pr[S > B] = Σ_{n≥1} e^{-μ} μ^n / n! · Σ_{k<n} e^{-b} b^k / k!, summed in logs.
      let expected = 0;
      let tail = 0;
      for (let n = 1; n < 4000; n++) {
        tail += Math.exp(-b + (n - 1) * Math.log(b) - logFactorial(n - 1));
        expected += Math.exp(-mu + n * Math.log(mu) - logFactorial(n)) * tail;
      }
      assert.ok(Math.abs(figures.breachProbability! - expected) < 1e-6, `${mtbf}/${mttr} per ${per}: engine ${figures.breachProbability}, closed form ${expected}`);
    }
  });

  it('agrees with a seeded simulation of a million months of streams with very different lengths', () => {
    // A series of: a host (4 h repairs), a process that restarts in 15 s, monthly 20-minute
    // patching, and a failover pair whose switch takes 15 s when it works (90%) and 1 h by hand.
    const text = [
      'topology: t',
      'components:',
      '  host: { mtbf: 8000h, mttr: 4h }',
      '  proc: { mtbf: 300h, mttr: 15s }',
      '  box: { mtbf: 20000h, mttr: 1h, maintenance: { every: 30d, duration: 20m } }',
      '  db-1: { mtbf: 3000h, mttr: 6h }',
      '  db-2: { mtbf: 3000h, mttr: 6h }',
      'services:',
      '  s:',
      '    requires: [host, proc, box, { any: [db-1, db-2], failover: { time: 15s, success: 90%, manual: 1h } }]',
      '    sla: { target: 99.95%, per: month, maxOutage: 30m }',
      '',
    ].join('\n');
    const figures = figuresOf(text);
    // The streams from the format's definitions: rate I_B(i) · w_i, mean u_i / w_i; for a series
    // system I_B(i) is the product of the other parts' availabilities.
    const part = (mtbf: number, mttr: number) => ({ a: mtbf / (mtbf + mttr), w: 1 / (mtbf + mttr), d: mttr });
    const host = part(8000, 4);
    const proc = part(300, 15 / 3600);
    const box = part(20000, 1);
    const patch = { a: 1 - 1 / 3 / 720, w: 1 / 720, d: 1 / 3 };
    const db = part(3000, 6);
    const pair = 1 - (1 - db.a) ** 2;
    // Switchovers: the primary fails while the other is up; 90% take 15 s, the rest 1 h.
    const switchovers = db.w * db.a;
    const failover = { a: 1 - switchovers * (0.9 * (15 / 3600) + 0.1 * 1) };
    const parts = [host, proc, box, patch];
    const product = (xs: readonly { a: number }[]) => xs.reduce((prod, x) => prod * x.a, 1);
    const seriesExcept = (skip: object) => product([...parts, { a: pair }, failover].filter((x) => x !== skip));
    const streams: Stream[] = [
      ...parts.map((x) => ({ rate: seriesExcept(x) * x.w, mean: x.d })),
      // A database decides only while the other is down; its outages last its own repair time.
      ...[1, 2].map(() => ({ rate: (1 - db.a) * product([...parts, failover]) * db.w, mean: db.d })),
      // The switchover pseudo-event decides while the pair holds: two streams, switch and manual.
      { rate: pair * product(parts) * switchovers * 0.9, mean: 15 / 3600 },
      { rate: pair * product(parts) * switchovers * 0.1, mean: 1 },
    ];
    // The streams add up to the service's failure frequency, as the format requires.
    assertClose(streams.reduce((sum, x) => sum + x.rate, 0) * 8760, figures.failuresPerYear!, 1e-9);
    const periods = 1_000_000;
    const simulated = simulate(streams, 720, 0.0005 * 720, 0.5, periods, 20261127);
    const breach = figures.breachProbability!;
    const long = figures.longOutageProbability!;
    assert.ok(Math.abs(simulated.breach - breach) <= halfWidth(breach, periods), `breach: engine ${breach}, simulated ${simulated.breach}`);
    assert.ok(Math.abs(simulated.long - long) <= halfWidth(long, periods), `long outage: engine ${long}, simulated ${simulated.long}`);
    // Not a vacuous check: the risks are far from 0 and 1.
    assert.ok(breach > 0.02 && breach < 0.5 && long > 0.02 && long < 0.5, `breach ${breach}, long ${long}`);
  });

  it('warns about a service that meets its target on average but misses it in more than 10% of periods', () => {
    const text = 'topology: t\ncomponents:\n  mx: { mtbf: 4380h, mttr: 2h }\nservices:\n  mail:\n    requires: [mx]\n    sla: { target: 99.9%, per: month, maxOutage: 30m }\n';
    const warning = analyse(text).diagnostics.find((d) => d.code === 'sla-breach-risk');
    assert.match(warning?.message ?? '', /^"mail" meets 99\.9% on average \(99\.954%\), but misses 99\.9% in 11% of months; an outage longer than 30 min in 12% of months\.$/);
    assert.equal(text.slice(warning!.span.start, warning!.span.end), '99.9%');
    // The same downtime as many short outages averages out over a month: no warning.
    const smooth = analyse(text.replace('{ mtbf: 4380h, mttr: 2h }', '{ mtbf: 43.8h, mttr: 72s }'));
    assert.ok(smooth.services![0]!.breachProbability! < 0.01, `breach ${smooth.services![0]!.breachProbability}`);
    assert.ok(!smooth.diagnostics.some((d) => d.code === 'sla-breach-risk'));
  });

  it('says the risks are lower bounds where some part has no frequency', () => {
    const text = 'topology: t\ncomponents:\n  mx: { mtbf: 4380h, mttr: 2h }\n  dns: { availability: 99.99% }\nservices:\n  mail:\n    requires: [mx, dns]\n    sla: { target: 99.9%, per: month }\n';
    const warning = analyse(text).diagnostics.find((d) => d.code === 'sla-breach-risk');
    assert.match(warning?.message ?? '', /misses 99\.9% in at least \d+% of months/);
  });
});

function logFactorial(n: number): number {
  let total = 0;
  for (let i = 2; i <= n; i++) total += Math.log(i);
  return total;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatAgainstTarget } from '../../../server/src/core';
import { analyse } from '../../helpers/core';

/** The number a printed percentage says. */
const valueOf = (printed: string) => Number(printed.replace(/%$/, ''));

describe('numbers that agree with their verdicts', () => {
  it('prints a missed SLA below its target and a met one at or above it, whatever the digits', () => {
    const targets = fc.constantFrom(0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99995, 0.99999);
    // Availabilities near the target, where rounding would blur the verdict, and far from it.
    const near = fc.tuple(targets, fc.double({ min: -1e-6, max: 1e-6, noNaN: true })).map(([t, d]) => [t, Math.min(1, t + d)] as const);
    const anywhere = fc.tuple(targets, fc.double({ min: 0.5, max: 1, noNaN: true })).map(([t, a]) => [t, a] as const);
    fc.assert(
      fc.property(fc.oneof(near, anywhere), ([target, availability]) => {
        const unavailability = 1 - availability;
        const meets = unavailability <= (1 - target) * (1 + 1e-9);
        const printed = formatAgainstTarget(availability, unavailability, target, meets);
        const written = Number((target * 100).toPrecision(12));
        if (meets) assert.ok(valueOf(printed) >= written, `${printed} meets ${written}%`);
        else assert.ok(valueOf(printed) < written, `${printed} misses ${written}%`);
      }),
      { numRuns: 2000, seed: 3, includeErrorInReport: true },
    );
  });

  it('says so in the SLA message: "predicted at 99.8999…% against an SLA of 99.9%"', () => {
    // Down 1.0001 times what 99.9% allows: "99.90%" would read as meeting it.
    const text = 'topology: t\ncomponents:\n  a: { availability: 99.89999% }\nservices:\n  s: { sla: 99.9%, requires: [a] }\n';
    const miss = analyse(text).diagnostics.find((d) => d.code === 'sla-miss')!;
    const printed = /predicted at ([\d.]+%)/.exec(miss.message)![1]!;
    assert.ok(valueOf(printed) < 99.9, miss.message);
  });
});

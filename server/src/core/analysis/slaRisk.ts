import type { OutageStream } from './outageStreams';

/** The two risks of one SLA period, as probabilities. */
export interface SlaRisk {
  /** The chance that the downtime of one period exceeds what the target allows. */
  readonly breach: number;
  /** With a longest tolerated outage: the chance of at least one longer outage in a period. */
  readonly longOutage: number | undefined;
}

/**
 * The risks of one period of `periodHours` under the outage model: independent Poisson
 * streams of outages with exponential lengths. The downtime `S` of a period is then a
 * compound Poisson sum, whose Laplace transform is known in closed form,
 *
 *   E[e^{-sS}] = exp(-T · Σ_i f_i · s d_i / (1 + s d_i)),
 *
 * and `Pr[S > B]` is found by numerical inversion of `(1 − E[e^{-sS}]) / s` (Abate and
 * Whitt's Euler algorithm, whose discretisation error is about e^{-A} ≈ 1e-8 here).
 * The longest outages are independent thinned streams: `1 − exp(-T Σ f_i e^{-m/d_i})`.
 */
export function measureSlaRisk(streams: readonly OutageStream[], unavailabilityTarget: number, periodHours: number, maxOutageHours?: number): SlaRisk {
  const allowed = unavailabilityTarget * periodHours;
  const breach = streams.length === 0 ? 0 : allowed <= 0 ? 1 - Math.exp(-periodHours * totalRate(streams)) : clamp(invertTail(streams, periodHours, allowed));
  const longOutage =
    maxOutageHours === undefined ? undefined : -Math.expm1(-periodHours * streams.reduce((sum, s) => sum + s.ratePerHour * Math.exp(-maxOutageHours / s.meanHours), 0));
  return { breach, longOutage };
}

function totalRate(streams: readonly OutageStream[]): number {
  return streams.reduce((sum, s) => sum + s.ratePerHour, 0);
}

function clamp(p: number): number {
  return Math.min(1, Math.max(0, p));
}

const A = 18.4;
const EULER = 11;
const TERMS_PER_SPREAD = 8;
const MAX_TERMS = 50_000;
const binomials = Array.from({ length: EULER + 1 }, (_, k) => choose(EULER, k) / 2 ** EULER);

/**
 * `Pr[S > t]` by inverting its transform along the line Re(s) = A / 2t, with Euler summation.
 * The series is a Fourier series of period 2t, so a downtime concentrated within a few
 * standard deviations σ ≪ t (many short outages) needs about t / σ terms before the
 * averaging takes over; fewer would blur the step.
 */
function invertTail(streams: readonly OutageStream[], periodHours: number, t: number): number {
  const deviation = Math.sqrt(periodHours * streams.reduce((sum, s) => sum + 2 * s.ratePerHour * s.meanHours * s.meanHours, 0));
  const TERMS = Math.min(MAX_TERMS, Math.max(15, Math.ceil((TERMS_PER_SPREAD * t) / Math.max(deviation, 1e-300))));
  const x = A / (2 * t);
  const h = Math.PI / t;
  const term = (k: number) => tailTransform(streams, periodHours, x, k * h);
  let sum = term(0) / 2;
  for (let k = 1; k <= TERMS; k++) sum += (k % 2 === 0 ? 1 : -1) * term(k);
  // The partial sums from TERMS to TERMS + EULER, averaged with binomial weights.
  let averaged = binomials[0]! * sum;
  for (let j = 1; j <= EULER; j++) {
    const k = TERMS + j;
    sum += (k % 2 === 0 ? 1 : -1) * term(k);
    averaged += binomials[j]! * sum;
  }
  return (Math.exp(A / 2) / t) * averaged;
}

/** The real part of `(1 − exp(φ(s))) / s` at s = re + i·im, φ(s) = −T Σ f_i s d_i / (1 + s d_i). */
function tailTransform(streams: readonly OutageStream[], periodHours: number, re: number, im: number): number {
  let phiRe = 0;
  let phiIm = 0;
  for (const { ratePerHour, meanHours: d } of streams) {
    // s d / (1 + s d) = 1 − 1 / (1 + s d)
    const a = 1 + re * d;
    const b = im * d;
    const norm = a * a + b * b;
    phiRe -= ratePerHour * (1 - a / norm);
    phiIm -= ratePerHour * (b / norm);
  }
  phiRe *= periodHours;
  phiIm *= periodHours;
  // 1 − e^φ, kept accurate where φ is tiny (a service that almost never fails): with
  // e^φ − 1 = (e^Re cos Im − 1) + i e^Re sin Im and e^Re cos Im − 1 = expm1(Re) cos Im − 2 sin²(Im / 2).
  const half = Math.sin(phiIm / 2);
  const oneMinusRe = -(Math.expm1(phiRe) * Math.cos(phiIm) - 2 * half * half);
  const oneMinusIm = -(Math.exp(phiRe) * Math.sin(phiIm));
  // Divided by s = re + i im: the real part of (p + iq)(re − i im) / |s|².
  return (oneMinusRe * re + oneMinusIm * im) / (re * re + im * im);
}

function choose(n: number, k: number): number {
  let value = 1;
  for (let i = 1; i <= k; i++) value = (value * (n - k + i)) / i;
  return value;
}

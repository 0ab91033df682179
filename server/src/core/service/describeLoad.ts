import type { LoadFigures } from '../analysis/results';
import { formatAmount } from '../model/readLoad';

/** True when the file has two phases for this demand: some time off-peak, and a need that differs. */
function isPhased(load: LoadFigures): boolean {
  return load.peakShare < 1 && load.needAtPeak !== load.needOffPeak;
}

/** "3 of 4 (1 spare)", "4 of 4 (no spare)", "5 of 4: not enough". */
function formatNeed(need: number, count: number): string {
  if (need > count) return `${need} of ${count}: not enough`;
  const spare = count - need;
  return `${need} of ${count} (${spare === 0 ? 'no spare' : `${spare} spare`})`;
}

/** The inline label of a `load` key: "needs 3 of 4 (1 spare) at peak · 1 of 4 (3 spare) off-peak". */
export function labelLoad(load: LoadFigures): { label: string; tooltip: string } {
  const atPeak = formatNeed(load.needAtPeak, load.count);
  const label = isPhased(load) ? `needs ${atPeak} at peak · ${formatNeed(load.needOffPeak, load.count)} off-peak` : `needs ${atPeak}`;
  return { label, tooltip: `How many ${load.unit} must be up to carry the load: load / capacity, rounded up.` };
}

/** The hover of a `load` key: how many must be up in each phase, and why. */
export function describeLoadSite(load: LoadFigures): string {
  const phased = isPhased(load);
  const lines = [`**Needs ${load.needAtPeak} of ${load.count} ${load.unit}${phased ? ` at peak, ${load.needOffPeak} off-peak` : ''}**`, ''];
  const share = `${Number((load.peakShare * 100).toPrecision(3))}%`;
  const explain = (demand: number, need: number) => `${formatAmount(demand)} / ${formatAmount(load.capacity)} = ${formatAmount(demand / load.capacity)}, rounded up: ${need}`;
  if (phased) {
    lines.push(`- At peak (${share} of the time): ${explain(load.peak, load.needAtPeak)}.`, `- Off-peak: ${explain(load.normal, load.needOffPeak)}.`);
  } else {
    lines.push(`${explain(load.peak, load.needAtPeak)}.`);
  }
  const spare = load.count - load.needAtPeak;
  lines.push(
    '',
    spare < 0
      ? `There are not enough ${load.unit} to carry the peak: the service is down whenever the load is that high.`
      : spare === 0
        ? `No spare at peak (N+0): any one of the ${load.unit} failing takes it down${phased ? ' during the peak' : ''}.`
        : `${spare} spare at peak: it survives ${spare === 1 ? 'any one failure' : `any ${spare} failures`} among the ${load.unit}.`,
  );
  if (phased) lines.push('', `*How:* every figure is weighted over the two phases: ${share} × the figure at peak + the rest × the figure off-peak. Single points of failure are those at peak.`);
  return lines.join('\n');
}

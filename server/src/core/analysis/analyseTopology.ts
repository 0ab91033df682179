import type { Diagnostic } from '../diagnostics';
import type { Topology } from '../model/types';
import { analyseService } from './analyseService';
import { compileCircuit } from './circuit';
import { assignFailoverFigures } from './failoverEvents';
import { findDefeatedRedundancy } from './findDefeatedRedundancy';
import type { AnalysisOptions, ServiceFigures } from './results';

export interface TopologyAnalysis {
  readonly services: readonly ServiceFigures[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs the availability analysis of every service. A failure inside one service's analysis
 * becomes a diagnostic on that service; the others are still reported.
 */
export function analyseTopology(topology: Topology, options: AnalysisOptions): TopologyAnalysis {
  const circuit = compileCircuit(topology);
  const failoverExact = assignFailoverFigures(circuit, options.maxBddNodes);
  const services: ServiceFigures[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const service of topology.services.values()) {
    let figures: ServiceFigures;
    try {
      figures = analyseService(circuit, service, options);
    } catch (error) {
      diagnostics.push({
        code: 'analysis-failed',
        severity: 'error',
        message: `The analysis of "${service.id}" failed: ${error instanceof Error ? error.message : String(error)}`,
        span: service.idSpan,
      });
      continue;
    }
    if (!failoverExact) figures = { ...figures, exact: false };
    services.push(figures);
    diagnostics.push(...describeFigures(figures, service.idSpan, service.sla?.span));
  }
  diagnostics.push(...findDefeatedRedundancy(topology, circuit));
  return { services, diagnostics };
}

function describeFigures(
  figures: ServiceFigures,
  idSpan: Diagnostic['span'],
  slaSpan: Diagnostic['span'] | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (figures.spofs.length > 0) {
    diagnostics.push({
      code: 'single-point-of-failure',
      severity: 'warning',
      message: `"${figures.id}" goes down if any one of these fails: ${figures.spofs.join(', ')}.`,
      span: idSpan,
      data: { spofs: figures.spofs },
    });
  }
  if (figures.meetsSla === false && figures.sla !== null) {
    diagnostics.push({
      code: 'sla-miss',
      severity: 'warning',
      message: `"${figures.id}" is predicted at ${formatPercent(figures.availability, figures.unavailability, 1)} against an SLA of ${formatPercent(figures.sla, 1 - figures.sla)}: ${figures.slaGapMinutesPerYear!.toFixed(1)} minutes of downtime a year too many.`,
      span: slaSpan ?? idSpan,
    });
  }
  if (!figures.exact) {
    const interval = figures.confidence95;
    diagnostics.push({
      code: 'approximate-analysis',
      severity: 'information',
      message: `"${figures.id}" is too large to analyse exactly within the node budget; its figures are a Monte Carlo estimate${interval ? ` (unavailability between ${interval.low.toExponential(2)} and ${interval.high.toExponential(2)} with 95% confidence)` : ''}.`,
      span: idSpan,
    });
  }
  return diagnostics;
}

/**
 * Formats an availability with as many decimals as its nines need, so that targets read
 * as written (99.95%, 99.9%, 99%) and predictions show one digit more.
 */
export function formatPercent(availability: number, unavailability: number, extraDigits = 0): string {
  if (unavailability <= 0) return '100%';
  const decimals = Math.min(12, Math.max(0, Math.ceil(-Math.log10(unavailability) - 1e-9) - 2 + extraDigits));
  return `${(availability * 100).toFixed(decimals)}%`;
}

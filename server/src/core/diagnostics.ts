import type { Span } from './text/span';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * Every diagnostic the product can emit. The code is part of the CLI's JSON contract
 * and of SARIF rule ids, so codes are only ever added, never renamed.
 */
export const diagnosticCodes = {
  'yaml-syntax': 'YAML syntax error',
  'duplicate-key': 'A key appears twice in the same map',
  'alias-limit': 'YAML aliases expand past the safety limit',
  'multiple-documents': 'A topology file holds one YAML document',
  'schema': 'The file does not match the topology schema',
  'invalid-duration': 'A duration is zero, negative or unparsable',
  'invalid-availability': 'An availability is outside (0, 1] or unparsable',
  'unknown-reference': 'A requirement names an id that does not exist',
  'dependency-cycle': 'Requirements form a cycle',
  'at-least-too-large': 'An atLeast group needs more members than it has',
  'quorum-too-large': 'A quorum is larger than the number of replicas',
  'conflicting-failure-data': 'Both availability and mtbf/mttr are given',
  'incomplete-failure-data': 'mtbf is given without mttr, or the other way round',
  'never-fails': 'A component has no failure data and is treated as never failing',
  'unknown-kind': 'A component kind is not one of the known kinds',
  'unused-component': 'No service depends on this component',
  'failover-without-redundancy': 'failover is given on a group with a single member',
  'single-point-of-failure': 'One failure alone takes a service down',
  'defeated-redundancy': 'Redundant members all depend on the same single point of failure',
  'sla-miss': 'The predicted availability is below the SLA target',
  'approximate-analysis': 'The exact analysis was too large; figures are a Monte Carlo estimate',
  'analysis-failed': 'The analysis of a service failed unexpectedly',
} as const;

export type DiagnosticCode = keyof typeof diagnosticCodes;

export interface RelatedInformation {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInformation[];
  /** Machine-readable details for quick fixes, such as the suggested id. */
  readonly data?: { readonly suggestion?: string; readonly [key: string]: unknown };
}

/** Orders diagnostics by position, then by severity, for stable output. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
  return [...diagnostics].sort(
    (a, b) => a.span.start - b.span.start || a.span.end - b.span.end || rank[a.severity] - rank[b.severity],
  );
}

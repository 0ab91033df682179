import { diagnosticCodes, type DiagnosticCode, type Severity } from '../core';
import type { FileReport } from './fileReport';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

const defaultLevel: Partial<Record<DiagnosticCode, 'error' | 'warning' | 'note'>> = {
  'single-point-of-failure': 'warning',
  'defeated-redundancy': 'warning',
  'sla-miss': 'warning',
  'conflicting-failure-data': 'warning',
  'failover-without-redundancy': 'warning',
  'failover-capped': 'warning',
  'defeated-failover': 'warning',
  'never-fails': 'note',
  'unknown-kind': 'note',
  'unused-component': 'note',
  'approximate-analysis': 'note',
};

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one rule per diagnostic code with help
 * text, results with 1-based regions, paths relative to the repository root (%SRCROOT%),
 * and each service's figures in the run's property bag.
 */
export function formatSarif(reports: readonly FileReport[], version: string, rootUri: string): string {
  const codes = Object.keys(diagnosticCodes) as DiagnosticCode[];
  const rules = codes.map((code) => ({
    id: code,
    name: code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: diagnosticCodes[code].title },
    fullDescription: { text: diagnosticCodes[code].help },
    help: { text: diagnosticCodes[code].help, markdown: `**${diagnosticCodes[code].title}**\n\n${diagnosticCodes[code].help}` },
    defaultConfiguration: { level: defaultLevel[code] ?? 'error' },
  }));
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => {
      const start = d.range.start;
      const end = d.range.end;
      const empty = start.line === end.line && start.character === end.character;
      return {
        ruleId: d.code,
        ruleIndex: codes.indexOf(d.code as DiagnosticCode),
        level: levels[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: encodeURI(report.path), uriBaseId: '%SRCROOT%' },
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + (empty ? 2 : 1) },
            },
          },
        ],
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ha-topology', semanticVersion: version, version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri.endsWith('/') ? rootUri : `${rootUri}/` } },
        results,
        // A property bag (SARIF §3.8) carries each service's figures, so a pipeline that keeps
        // only the SARIF file still has the availability, the switchovers and what causes cost.
        properties: {
          services: reports.flatMap((report) =>
            report.services.map((s) => ({
              file: report.path,
              id: s.id,
              availability: s.availability,
              downtimeMinutesPerYear: s.downtimeMinutesPerYear,
              sla: s.sla,
              meetsSla: s.meetsSla,
              slaPeriod: s.slaPeriod,
              breachProbability: s.breachProbability,
              longOutageProbability: s.longOutageProbability,
              availabilityByPhase: s.availabilityByPhase,
              spofs: s.spofs,
              fixes: s.fixes,
              failovers: s.failovers,
              causes: s.causes,
            })),
          ),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

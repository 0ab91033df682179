/**
 * The core's facade: everything the language server, the CLI and the tests use. The core
 * is pure (no Node, no editor, no IO) and speaks in offsets.
 */
export { analyseDocument, type DocumentAnalysis, type DocumentOptions } from './analyseDocument';
export { Budget, OperationCancelled } from './budget';
export { createSchemaValidator, type SchemaChecks, type SchemaValidator } from './validate/validateSchema';
export { diagnosticCodes, type Diagnostic, type DiagnosticCode, type Severity, type RelatedInformation } from './diagnostics';
export type { Span } from './text/span';
export { defaultAnalysisOptions, type AnalysisOptions, type ServiceFigures, type ComponentFigures, type Fix } from './analysis/results';
export { defaultParseLimits, type ParseLimits } from './parse/parseYaml';
export { IncrementalParser } from './parse/parseIncrementally';
export { Placement } from './parse/placement';
export { AnalysisMemo } from './analysis/analysisMemo';
export { formatAgainstTarget, formatPercent } from './analysis/analyseTopology';
export { breachWarningShare, formatChance, formatLowerBound, periodsPerYear, periodsWord, describeSlaRisk } from './analysis/describeRisk';
export type { Topology, Component, Service, Requirement, Reference, Failure } from './model/types';
export { hoursPerYear, hoursPerMonth, parseAvailability, type Availability } from './model/quantities';
export * from './service';
export { buildGraph, type GraphModel, type GraphNode, type GraphEdge } from './graph/buildGraph';
export { foldGraph, type ViewGraph, type ViewNode } from './graph/viewGraph';
export { layoutGraph, measureNode, type ElkLike, type Layout } from './graph/layoutGraph';
export { renderSvg, escapeXml, describeNode, type ViewState } from './graph/renderSvg';
export { kindIcons } from './graph/icons';
export { analyseWhatIf, type WhatIfService } from './analysis/analyseWhatIf';
export { listDownNodes } from './graph/listDownNodes';
export { collectReachable } from './util/collectReachable';

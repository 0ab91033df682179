import { analyseTopology } from './analysis/analyseTopology';
import type { AnalysisMemo } from './analysis/analysisMemo';
import { Budget, OperationCancelled } from './budget';
import { defaultAnalysisOptions, type AnalysisOptions, type ComponentFigures, type FigureSite, type ServiceFigures } from './analysis/results';
import { sameSpan, type Span } from './text/span';
import { sortDiagnostics, type Diagnostic } from './diagnostics';
import { buildModel } from './model/buildModel';
import { checkModel } from './model/checkModel';
import { firstEntitySpan, type Topology } from './model/types';
import type { Availability } from './model/quantities';
import { defaultParseLimits, parseYaml, type ParseLimits, type ParseResult } from './parse/parseYaml';
import { Placement } from './parse/placement';
import type { SyntaxNode } from './parse/syntax';
import type { SchemaValidator } from './validate/validateSchema';

export interface DocumentAnalysis {
  /** The text that was analysed. */
  readonly text: string;
  /**
   * How positions in `root`, `topology`, `services`, `components` and `sites` turn into
   * offsets in `text` (see Placement): an IncrementalParser places each piece of text at a
   * label of its own, so that what was derived from a piece that only moved stays right.
   * `diagnostics` are in offsets already.
   */
  readonly placement: Placement;
  readonly root: SyntaxNode | undefined;
  /** Text that anchors share with their aliases (see ParseResult.sharedSpans). */
  readonly sharedSpans: readonly Span[];
  readonly topology: Topology;
  /** All diagnostics, in text offsets, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Undefined when `analyse: false` was asked for. */
  readonly services: readonly ServiceFigures[] | undefined;
  /** Undefined when `analyse: false` was asked for; empty with `diagnosticsFirst` (see `withComponents`). */
  readonly components: readonly ComponentFigures[] | undefined;
  /** Where failovers, common causes and maintenance are written (see FigureSite); empty without figures. */
  readonly sites: readonly FigureSite[];
  /** With `diagnosticsFirst`: the analysis with its components' figures, for what needs no fixes (the preview). */
  readonly withComponents?: () => DocumentAnalysis;
  /** With `diagnosticsFirst`: ranks the services' fixes, measures the components and returns the analysis complete. */
  readonly complete?: () => DocumentAnalysis;
}

export interface DocumentOptions {
  readonly validator: SchemaValidator;
  readonly parseLimits?: ParseLimits;
  readonly analysis?: AnalysisOptions;
  /** Set to false to stop after the model and its checks. */
  readonly analyse?: boolean;
  /** Parses the text; an IncrementalParser kept per document re-parses only what changed. */
  readonly parser?: { parse(text: string, budget?: Budget): ParseResult };
  /**
   * Reads the time in milliseconds, for `analysis.timeLimitMs`. Without one there is no time
   * limit. Tests pass a clock that counts calls, so that limits count work, not speed.
   */
  readonly clock?: () => number;
  /** Asked along the way; once it says true, analyseDocument throws OperationCancelled. */
  readonly isCancelled?: () => boolean;
  /** The target for services when the file sets none (the editor's `haTopology.defaultSla`). */
  readonly defaultSla?: Availability;
  /**
   * Results kept from the previous version of the same document: with one, an edit redoes
   * only the services and components it changed (see AnalysisMemo). One memo per document.
   */
  readonly memo?: AnalysisMemo;
  /**
   * Leaves the services' fixes and the components' figures out (see TopologyAnalysis.complete):
   * the diagnostics do not depend on them, so an editor can publish those first.
   */
  readonly diagnosticsFirst?: boolean;
}

/**
 * The one entry point for a topology text: parse, validate, build the model, check it, and
 * analyse availability. Every stage runs on what the previous ones could make of the text,
 * so a file with errors still gets all the diagnostics and figures its valid parts allow.
 */
export function analyseDocument(text: string, options: DocumentOptions): DocumentAnalysis {
  const analysisOptions = options.analysis ?? defaultAnalysisOptions;
  const budget = options.clock
    ? new Budget(analysisOptions.timeLimitMs ?? Infinity, options.clock, options.isCancelled)
    : Budget.unlimited(options.isCancelled);
  const parsed = options.parser ? options.parser.parse(text, budget) : parseYaml(text, options.parseLimits ?? defaultParseLimits, budget);
  // A file that could not be read at all gets only the reason, not "the file is empty".
  const unreadable = parsed.root === undefined && parsed.diagnostics.some((d) => d.code === 'file-too-large' || d.code === 'nesting-limit' || d.code === 'analysis-limit');
  const schemaDiagnostics = unreadable ? [] : options.validator.validate(parsed.root);
  // Values the schema rejects are not used: the figures never rest on a value shown as an error.
  const rejected = schemaDiagnostics.filter((d) => d.severity === 'error').map((d) => d.span);
  const model = buildModel(parsed.root, options.defaultSla, rejected, options.parser !== undefined, options.memo?.model);
  // With a memo, the links are compared with the previous version's (see checkModel).
  const checked = checkModel(model.topology, options.memo?.modelChecks);
  if (options.memo) options.memo.modelChecks = checked.checks;
  const modelDiagnostics = [...model.diagnostics, ...checked.diagnostics];
  // Past the time limit already, the analysis would only produce estimates: report the limit.
  const outOfTime = !unreadable && budget.exceeded();
  const analysis = options.analyse === false ? undefined : outOfTime ? stopBeforeAnalysis(model.topology, budget) : analyseSafely(model.topology, analysisOptions, budget, options.memo, options.diagnosticsFirst === true);
  // Where the model explains a value more precisely than the schema did, keep only the model's message.
  const schemaKept = schemaDiagnostics.filter((s) => !modelDiagnostics.some((m) => m.severity === 'error' && sameSpan(m.span, s.span)));
  const placement = parsed.placement ?? Placement.identity;
  const result: DocumentAnalysis = {
    text,
    placement,
    root: parsed.root,
    sharedSpans: parsed.sharedSpans ?? [],
    topology: model.topology,
    diagnostics: sortDiagnostics(placement.placeDiagnostics([...parsed.diagnostics, ...schemaKept, ...modelDiagnostics, ...(analysis?.diagnostics ?? [])])),
    services: analysis?.services,
    components: analysis?.components,
    sites: analysis?.sites ?? [],
  };
  const { complete, measureComponents } = analysis ?? {};
  if (!complete || !measureComponents) return result;
  return {
    ...result,
    withComponents: () => ({ ...result, components: finishSafely(measureComponents, [], options.memo) }),
    complete: () => ({ ...result, ...finishSafely(complete, { services: result.services!, components: [] }, options.memo) }),
  };
}

/** Finishes what `diagnosticsFirst` left: a bug there leaves fixes or components out, never the figures already given. */
function finishSafely<T>(finish: () => T, fallback: T, memo: AnalysisMemo | undefined): T {
  try {
    return finish();
  } catch (error) {
    if (error instanceof OperationCancelled) throw error;
    memo?.forget();
    return fallback;
  }
}

/** The analysis never throws out of the pipeline: a bug becomes a diagnostic, not a crash. */
function analyseSafely(topology: Topology, options: AnalysisOptions, budget: Budget, memo: AnalysisMemo | undefined, diagnosticsFirst: boolean): ReturnType<typeof analyseTopology> {
  try {
    return analyseTopology(topology, options, budget, memo, diagnosticsFirst);
  } catch (error) {
    // A cancelled analysis left the memo as it was (it changes only once an analysis completes).
    if (error instanceof OperationCancelled) throw error;
    memo?.forget();
    return noFigures(topology, 'analysis-failed', 'error', `The availability analysis failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function stopBeforeAnalysis(topology: Topology, budget: Budget): ReturnType<typeof analyseTopology> {
  const message = `Reading and checking the file took the whole time limit (${budget.limitMs.toLocaleString('en')} ms); availability was not analysed. Raise haTopology.analysis.timeLimitMs or split the topology.`;
  return noFigures(topology, 'analysis-limit', 'warning', message);
}

/** An analysis with no figures and one diagnostic saying why, about the file as a whole. */
function noFigures(topology: Topology, code: Diagnostic['code'], severity: Diagnostic['severity'], message: string): ReturnType<typeof analyseTopology> {
  return { services: [], components: [], sites: [], diagnostics: [{ code, severity, message, span: firstEntitySpan(topology) ?? { start: 0, end: 0 } }] };
}

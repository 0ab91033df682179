import { analyseTopology } from './analysis/analyseTopology';
import { defaultAnalysisOptions, type AnalysisOptions, type ComponentFigures, type ServiceFigures } from './analysis/results';
import { sameSpan } from './text/span';
import { sortDiagnostics, type Diagnostic } from './diagnostics';
import { buildModel } from './model/buildModel';
import { checkReferences } from './model/checkReferences';
import { findCycles } from './model/findCycles';
import { findUnused } from './model/findUnused';
import type { Topology } from './model/types';
import type { Availability } from './model/quantities';
import { defaultParseLimits, parseYaml, type ParseLimits, type ParseResult } from './parse/parseYaml';
import type { SyntaxNode } from './parse/syntax';
import type { SchemaValidator } from './validate/validateSchema';

export interface DocumentAnalysis {
  /** The text that was analysed. */
  readonly text: string;
  readonly root: SyntaxNode | undefined;
  readonly topology: Topology;
  /** All diagnostics, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Undefined when `analyse: false` was asked for. */
  readonly services: readonly ServiceFigures[] | undefined;
  readonly components: readonly ComponentFigures[] | undefined;
}

export interface DocumentOptions {
  readonly validator: SchemaValidator;
  readonly parseLimits?: ParseLimits;
  readonly analysis?: AnalysisOptions;
  /** Set to false to stop after the model and its checks. */
  readonly analyse?: boolean;
  /** Parses the text; an IncrementalParser kept per document re-parses only what changed. */
  readonly parser?: { parse(text: string): ParseResult };
  /** The target for services when the file sets none (the editor's `haTopology.defaultSla`). */
  readonly defaultSla?: Availability;
}

/**
 * The one entry point for a topology text: parse, validate, build the model, check it, and
 * analyse availability. Every stage runs on what the previous ones could make of the text,
 * so a file with errors still gets all the diagnostics and figures its valid parts allow.
 */
export function analyseDocument(text: string, options: DocumentOptions): DocumentAnalysis {
  const parsed = options.parser ? options.parser.parse(text) : parseYaml(text, options.parseLimits ?? defaultParseLimits);
  // A file that could not be read at all gets only the reason, not "the file is empty".
  const unreadable = parsed.root === undefined && parsed.diagnostics.some((d) => d.code === 'file-too-large' || d.code === 'nesting-limit');
  const schemaDiagnostics = unreadable ? [] : options.validator.validate(parsed.root);
  // Values the schema rejects are not used: the figures never rest on a value shown as an error.
  const rejected = new Set(schemaDiagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span.start}:${d.span.end}`));
  const model = buildModel(parsed.root, options.defaultSla, (span) => rejected.has(`${span.start}:${span.end}`));
  const modelDiagnostics = [
    ...model.diagnostics,
    ...checkReferences(model.topology),
    ...findCycles(model.topology),
    ...findUnused(model.topology),
  ];
  const analysis = options.analyse === false ? undefined : analyseSafely(model.topology, options.analysis ?? defaultAnalysisOptions);
  // Where the model explains a value more precisely than the schema did, keep only the model's message.
  const schemaKept = schemaDiagnostics.filter((s) => !modelDiagnostics.some((m) => m.severity === 'error' && sameSpan(m.span, s.span)));
  return {
    text,
    root: parsed.root,
    topology: model.topology,
    diagnostics: sortDiagnostics([...parsed.diagnostics, ...schemaKept, ...modelDiagnostics, ...(analysis?.diagnostics ?? [])]),
    services: analysis?.services,
    components: analysis?.components,
  };
}

/** The analysis never throws out of the pipeline: a bug becomes a diagnostic, not a crash. */
function analyseSafely(topology: Topology, options: AnalysisOptions): ReturnType<typeof analyseTopology> {
  try {
    return analyseTopology(topology, options);
  } catch (error) {
    const first = [...topology.services.values(), ...topology.components.values()][0];
    return {
      services: [],
      components: [],
      diagnostics: [
        {
          code: 'analysis-failed',
          severity: 'error',
          message: `The availability analysis failed: ${error instanceof Error ? error.message : String(error)}`,
          span: first?.idSpan ?? { start: 0, end: 0 },
        },
      ],
    };
  }
}

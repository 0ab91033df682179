import {
  analyseDocument,
  analyseWhatIf,
  listDownNodes,
  Budget,
  buildGraph,
  defaultAnalysisOptions,
  AnalysisMemo,
  IncrementalParser,
  indexDocument,
  OperationCancelled,
  parseAvailability,
  type DocumentAnalysis,
  type EditorIndex,
  type GraphModel,
  type SchemaValidator,
  type WhatIfService,
} from '../core';
import type { AnalyseRequest } from '../protocol';
import { editWarmUpTopology } from './warmUpTopology';

type Request = Omit<AnalyseRequest, 'kind'>;

/**
 * Analyses documents for the worker thread: one incremental parser, one analysis memo and the
 * newest analysis per document (for the most recent documents), so that an edit re-parses
 * and re-analyses only what it changed, and a graph or what-if question about the version
 * just analysed costs no second analysis.
 */
export class DocumentAnalyser {
  private readonly recent = new Map<string, { parser: IncrementalParser; memo: AnalysisMemo; limits: string; version?: number; analysis?: DocumentAnalysis }>();

  constructor(private readonly validator: SchemaValidator) {}

  /**
   * The analysis of one version, for its diagnostics: the fixes and the components' figures
   * are left for `index`, since no diagnostic depends on them. Throws OperationCancelled once
   * `isCancelled` says so.
   */
  diagnose(request: Request, isCancelled?: () => boolean): DocumentAnalysis {
    return this.analyse(request, isCancelled, true);
  }

  /** The editor index of a version `diagnose` analysed, its fixes ranked first; cancellable likewise. */
  index(request: Request, analysis: DocumentAnalysis, isCancelled?: () => boolean): EditorIndex {
    // A newer version may be waiting already: its index is the one worth building.
    if (isCancelled?.()) throw new OperationCancelled();
    const index = indexDocument(this.complete(request, analysis), isCancelled);
    // Copying an index to the server's thread is not free (about 10 MB on 10,000 components,
    // a tenth of a second to send and more to receive): none for a version already replaced.
    if (isCancelled?.()) throw new OperationCancelled();
    return index;
  }

  /** The analysis with its fixes ranked and its components measured, kept as the document's newest. */
  private complete(request: Request, analysis: DocumentAnalysis): DocumentAnalysis {
    if (!analysis.complete) return analysis;
    const complete = analysis.complete();
    const entry = this.recent.get(request.uri);
    if (entry?.analysis === analysis) entry.analysis = complete;
    return complete;
  }

  /**
   * Analyses a text as an open document's would be (diagnostics, fixes, index, graph): a
   * spare thread does this so that its code is compiled before real work. Then `warmUpEdit`
   * types in it, and `forget` drops it.
   */
  warmUp(request: Request): void {
    this.index(request, this.diagnose(request));
    this.graph(request);
  }

  /**
   * The warm-up's n-th edit (see editWarmUpTopology), as the editor sends one: diagnosed, then
   * indexed. Typing runs code an open does not; in-process, each of the first three edits of
   * a 10,000-component file after its open took about 30 ms less after 12 such edits.
   */
  warmUpEdit(request: Request, n: number): void {
    const edited = { ...request, version: request.version + n, text: editWarmUpTopology(request.text, n) };
    this.index(edited, this.diagnose(edited));
  }

  /** Drops what is kept of a document (a warm-up's). */
  forget(uri: string): void {
    this.recent.delete(uri);
  }

  /** Compiles what explaining schema errors needs, for a thread with nothing else to do (see SchemaValidator). */
  prepareExplanations(): void {
    this.validator.prepareExplanations();
  }

  /** The graph of a version; it needs no fixes, so it can be answered before they are ranked (its components' figures are measured for it). */
  graph(request: Request): GraphModel {
    const analysis = this.analyse(request, undefined, true);
    return buildGraph(analysis.withComponents?.() ?? analysis);
  }

  whatIf(request: Request, failed: readonly string[]): { services: WhatIfService[]; downNodes: string[] } {
    const analysis = this.analyse(request);
    const services = analyseWhatIf(analysis.topology, failed, { ...defaultAnalysisOptions, maxBddNodes: request.maxBddNodes }, new Budget(request.timeLimitMs, () => performance.now()));
    return { services, downNodes: [...listDownNodes(analysis.topology, new Set(failed))] };
  }

  private analyse(request: Request, isCancelled?: () => boolean, diagnosticsFirst = false): DocumentAnalysis {
    const parseLimits = { maxFileSize: request.limits.maxFileSizeKb * 1024, maxDepth: request.limits.maxNestingDepth, maxAliasNodes: request.limits.maxAliasNodes };
    const limits = JSON.stringify(parseLimits);
    const known = this.recent.get(request.uri);
    const entry = known && known.limits === limits ? known : { parser: new IncrementalParser(parseLimits), memo: new AnalysisMemo(), limits };
    this.recent.delete(request.uri);
    this.recent.set(request.uri, entry);
    if (this.recent.size > 16) this.recent.delete(this.recent.keys().next().value!);
    if (entry.analysis && entry.version === request.version && entry.analysis.text === request.text) return entry.analysis;
    const sla = request.defaultSla ? parseAvailability(request.defaultSla) : undefined;
    const analysis = analyseDocument(request.text, {
      validator: this.validator,
      parser: entry.parser,
      memo: entry.memo,
      diagnosticsFirst,
      parseLimits,
      analysis: { ...defaultAnalysisOptions, maxBddNodes: request.maxBddNodes, timeLimitMs: request.timeLimitMs },
      clock: () => performance.now(),
      ...(isCancelled ? { isCancelled } : {}),
      ...(sla?.ok ? { defaultSla: sla.value } : {}),
    });
    entry.version = request.version;
    entry.analysis = analysis;
    return analysis;
  }
}

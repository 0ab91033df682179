import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../core';

export interface ScheduledAnalysis {
  readonly uri: string;
  readonly version: number;
  readonly analysis: DocumentAnalysis;
}

/**
 * Debounces analysis per document and keeps results per document version. A newer edit
 * cancels a pending run; a result is only handed on while its version is still the
 * document's current one, so a stale result is never published. Closed documents are
 * forgotten, so memory follows the open files.
 */
export class AnalysisScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly results = new Map<string, ScheduledAnalysis>();
  private readonly current = new Map<string, TextDocument>();

  constructor(
    private readonly analyse: (document: TextDocument) => DocumentAnalysis,
    private readonly publish: (result: ScheduledAnalysis) => void,
    private readonly debounceMs: () => number,
  ) {}

  /** Notes a new version and schedules its analysis after the debounce delay. */
  schedule(document: TextDocument, immediately = false): void {
    this.current.set(document.uri, document);
    const pending = this.timers.get(document.uri);
    if (pending) clearTimeout(pending);
    const delay = immediately ? 0 : this.debounceMs();
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        this.run(document);
      }, delay),
    );
  }

  /** Returns the analysis of exactly this version, computing it now if needed. */
  get(document: TextDocument): DocumentAnalysis {
    const cached = this.results.get(document.uri);
    if (cached && cached.version === document.version) return cached.analysis;
    return this.compute(document).analysis;
  }

  /** The newest finished analysis of a document, possibly of an older version. */
  latest(uri: string): ScheduledAnalysis | undefined {
    return this.results.get(uri);
  }

  forget(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.results.delete(uri);
    this.current.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private run(document: TextDocument): void {
    if (!this.isCurrent(document)) return;
    const result = this.compute(document);
    // The document may have changed while we computed; only the newest version is published.
    if (this.isCurrent(document)) this.publish(result);
  }

  private compute(document: TextDocument): ScheduledAnalysis {
    const cached = this.results.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const result = { uri: document.uri, version: document.version, analysis: this.analyse(document) };
    if (this.isCurrent(document)) this.results.set(document.uri, result);
    return result;
  }

  private isCurrent(document: TextDocument): boolean {
    const current = this.current.get(document.uri);
    return current !== undefined && current.version === document.version;
  }
}

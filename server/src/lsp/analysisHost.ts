import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditorIndex } from '../core';
import type { AnalyseRequest, AnalyseResponse, QueryRequest, QueryResponse, ServerSettings, WorkerResponse } from '../protocol';

/** One analysed version of a document: its text, a line index for it, and its editor index. */
export interface Snapshot {
  readonly uri: string;
  readonly version: number;
  readonly document: TextDocument;
  readonly index: EditorIndex;
}

export interface AnalysisHostOptions {
  readonly settings: () => ServerSettings;
  /** Called with each snapshot that is still the document's newest version. */
  readonly onAnalysed: (snapshot: Snapshot) => void;
  readonly log: (message: string) => void;
  /** The worker script; defaults to analysisWorker.js beside this file (bundle or build). */
  readonly workerPath?: string;
}

/**
 * Runs analyses on a worker thread and keeps the newest snapshot of every open document.
 *
 * Edits are debounced per document. Each document has at most one analysis waiting; a newer
 * version replaces it, and an analysis already running for an older version is cancelled by
 * restarting the worker, so a burst of typing costs one analysis, not one per keystroke.
 * A result is kept and published only while its version is the document's newest. Closed
 * documents are forgotten.
 */
export class AnalysisHost {
  private worker: Worker | undefined;
  private running: AnalyseRequest | undefined;
  private readonly waiting = new Map<string, AnalyseRequest>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly newest = new Map<string, TextDocument>();
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly waiters = new Map<string, { version: number; resolve: (s: Snapshot) => void }[]>();
  private disposed = false;
  private nextQuery = 1;
  private readonly queries = new Map<number, { request: QueryRequest; resolve: (r: QueryResponse) => void }>();

  constructor(private readonly options: AnalysisHostOptions) {}

  /** Notes a new version and analyses it after the debounce delay (or at once). */
  schedule(document: TextDocument, immediately = false): void {
    this.newest.set(document.uri, document);
    clearTimeout(this.timers.get(document.uri));
    const delay = immediately ? 0 : this.options.settings().validation.debounceMs;
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        this.enqueue(document);
      }, delay),
    );
  }

  /** The newest finished snapshot, possibly of an older version; never waits. */
  latest(uri: string): Snapshot | undefined {
    return this.snapshots.get(uri);
  }

  /** The snapshot of exactly this version, analysing it now if it is not on its way. */
  whenCurrent(document: TextDocument): Promise<Snapshot> {
    const snapshot = this.snapshots.get(document.uri);
    if (snapshot && snapshot.version === document.version) return Promise.resolve(snapshot);
    return new Promise((resolve) => {
      const list = this.waiters.get(document.uri) ?? [];
      list.push({ version: document.version, resolve });
      this.waiters.set(document.uri, list);
      const queued = this.waiting.get(document.uri)?.version === document.version || this.running?.version === document.version;
      if (!queued) this.schedule(document, true);
    });
  }

  /**
   * Asks the worker a question about the document's current version (its graph, a what-if).
   * Questions queue behind the analysis in progress and survive a worker restart.
   */
  query(document: TextDocument, question: { kind: 'graph' } | { kind: 'whatIf'; failed: readonly string[] }): Promise<QueryResponse> {
    const base = { ...this.describe(document), id: this.nextQuery++ };
    const request: QueryRequest = question.kind === 'graph' ? { ...base, kind: 'graph' } : { ...base, kind: 'whatIf', failed: question.failed };
    return new Promise((resolve) => {
      this.queries.set(request.id, { request, resolve });
      this.ensureWorker().postMessage(request);
    });
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.waiting.delete(uri);
    this.newest.delete(uri);
    this.snapshots.delete(uri);
    this.waiters.delete(uri);
  }

  /** Re-analyses every open document, for example after the settings changed. */
  refreshAll(): void {
    this.snapshots.clear();
    for (const document of this.newest.values()) this.schedule(document, true);
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** What the worker needs to analyse this version: its text and the settings in force. */
  private describe(document: TextDocument): Omit<AnalyseRequest, 'kind'> {
    const settings = this.options.settings();
    return {
      uri: document.uri,
      version: document.version,
      text: document.getText(),
      maxBddNodes: settings.analysis.maxBddNodes,
      timeLimitMs: settings.analysis.timeLimitMs,
      limits: settings.limits,
      defaultSla: settings.defaultSla,
    };
  }

  private isNewest(uri: string, version: number): boolean {
    return this.newest.get(uri)?.version === version;
  }

  private enqueue(document: TextDocument): void {
    if (this.disposed || !this.isNewest(document.uri, document.version)) return;
    const request: AnalyseRequest = { ...this.describe(document), kind: 'analyse' };
    this.waiting.set(document.uri, request);
    if (this.running && this.running.uri === document.uri && this.running.version !== document.version) {
      // The running analysis is for a version nobody will see: stop it.
      this.restartWorker();
    }
    this.startNext();
  }

  private startNext(): void {
    if (this.running || this.disposed) return;
    const next = this.waiting.values().next();
    if (next.done) return;
    const request = next.value;
    this.waiting.delete(request.uri);
    this.running = request;
    this.ensureWorker().postMessage(request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerPath ?? join(__dirname, 'analysisWorker.js'));
    worker.on('message', (response: WorkerResponse) => {
      if (worker !== this.worker) return;
      if (response.kind !== 'analysed' && response.kind !== 'failed') {
        const query = this.queries.get(response.id);
        this.queries.delete(response.id);
        query?.resolve(response);
        return;
      }
      const request = this.running;
      this.running = undefined;
      if (request && request.uri === response.uri && request.version === response.version) this.receive(response, request);
      this.startNext();
    });
    worker.on('error', (error) => {
      this.options.log(`analysis worker failed: ${error.stack ?? error.message}`);
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker || this.disposed) return;
      // The worker died (not by our hand): start a new one and retry what it was doing.
      this.options.log(`analysis worker exited with code ${code}; restarting it`);
      const lost = this.running;
      this.worker = undefined;
      this.running = undefined;
      if (lost && this.isNewest(lost.uri, lost.version) && !this.waiting.has(lost.uri)) this.waiting.set(lost.uri, lost);
      this.startNext();
      this.repostQueries();
    });
    this.worker = worker;
    return worker;
  }

  private restartWorker(): void {
    const old = this.worker;
    this.worker = undefined;
    this.running = undefined;
    void old?.terminate();
    this.repostQueries();
  }

  /** Questions the old worker never answered go to the new one. */
  private repostQueries(): void {
    if (this.queries.size === 0 || this.disposed) return;
    const worker = this.ensureWorker();
    for (const { request } of this.queries.values()) worker.postMessage(request);
  }

  private receive(response: AnalyseResponse, request: AnalyseRequest): void {
    if (response.kind === 'failed') {
      this.options.log(`analysis of ${response.uri} version ${response.version} failed: ${response.message}`);
      return;
    }
    const live = this.newest.get(response.uri);
    if (!live || live.version !== response.version) return;
    // The live document changes in place as the user types; the snapshot keeps its own copy.
    const document = TextDocument.create(request.uri, live.languageId, request.version, request.text);
    const snapshot: Snapshot = { uri: response.uri, version: response.version, document, index: response.index };
    this.snapshots.set(response.uri, snapshot);
    const waiters = this.waiters.get(response.uri) ?? [];
    this.waiters.set(response.uri, waiters.filter((w) => w.version !== response.version));
    for (const waiter of waiters) if (waiter.version === response.version) waiter.resolve(snapshot);
    this.options.onAnalysed(snapshot);
  }
}

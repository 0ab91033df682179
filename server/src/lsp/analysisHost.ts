import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EditorIndex } from '../core';
import type { AnalyseRequest, AnalyseResponse, QueryRequest, QueryResponse, ServerSettings, WorkerResponse } from '../protocol';
import { DocumentWorker } from './documentWorker';
import { makeWarmUpTopology, warmUpUri } from './warmUpTopology';

/** One analysed version of a document: its text, a line index for it, and its editor index. */
export interface Snapshot {
  readonly uri: string;
  readonly version: number;
  readonly document: TextDocument;
  readonly index: EditorIndex;
}

export interface AnalysisHostOptions {
  readonly settings: () => ServerSettings;
  /**
   * Called with each snapshot that is published: the newest version, or a stale one kept for
   * progress. `diagnosticsPublished` is true when onDiagnosed already had this version's.
   */
  readonly onAnalysed: (snapshot: Snapshot, diagnosticsPublished: boolean) => void;
  /** Called with the newest version's diagnostics as soon as they are known, before its snapshot. */
  readonly onDiagnosed?: (document: TextDocument, diagnostics: EditorIndex['diagnostics']) => void;
  readonly log: (message: string) => void;
  /** The worker script; defaults to analysisWorker.js beside this file (bundle or build). */
  readonly workerPath?: string;
  /** Idle document threads kept at most; busy ones are never stopped for another document. */
  readonly maxIdleWorkers?: number;
  /**
   * While a document has published nothing for this long, a running analysis is no longer
   * cancelled by newer versions: it finishes and is published, so that steady typing on a
   * file slower to analyse than the typing rate still sees fresh diagnostics.
   */
  readonly maxStalenessMs?: number;
  /** Whether to keep a warmed-up spare thread for the next document that opens (default true). */
  readonly spareThread?: boolean;
  /** The clock for staleness; tests may pass their own. */
  readonly now?: () => number;
}

/**
 * Runs analyses on one worker thread per open document and keeps the newest snapshot of
 * each.
 *
 * Edits are debounced per document. Each document has at most one analysis waiting; a newer
 * version replaces it and cancels the one running (cooperatively, so the thread and its
 * incremental parser survive), unless the document has waited too long for any result, in
 * which case the running one finishes first. A result is kept and published only when it is
 * the document's newest version or one let finish for progress, and only while the
 * document is open. Closing a document terminates its thread.
 */
export class AnalysisHost {
  private readonly workers = new Map<string, DocumentWorker>();
  /** A thread started and warmed up ahead of need, given to the next document that opens. */
  private spare: DocumentWorker | undefined;
  private spareTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly waiting = new Map<string, AnalyseRequest>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly newest = new Map<string, TextDocument>();
  private readonly snapshots = new Map<string, Snapshot>();
  /** The version whose diagnostics were published ahead of its snapshot, with its text. */
  private readonly diagnosed = new Map<string, { version: number; document: TextDocument }>();
  /** Requests waiting for that version's snapshot (see settled). */
  private readonly settling = new Map<string, (() => void)[]>();
  /**
   * Since when each document's diagnostics are behind its text: set by the first edit after
   * the newest version's were published (or by publishing an older version's), cleared by
   * publishing the newest's. A document left alone is never behind, so the first keystroke
   * after a pause is as cancellable as the next ones.
   */
  private readonly behindSince = new Map<string, number>();
  /** The same for each document's snapshot (its editor index). */
  private readonly indexBehindSince = new Map<string, number>();
  private readonly waiters = new Map<string, { version: number; resolve: (s: Snapshot) => void }[]>();
  private disposed = false;
  private nextQuery = 1;
  private readonly queries = new Map<number, { request: QueryRequest; resolve: (r: QueryResponse) => void }>();
  /** Memory probes on their way, by id; a thread that dies or closes answers 0. */
  private readonly probes = new Map<number, (heapUsedBytes: number) => void>();
  private readonly now: () => number;
  private readonly maxStalenessMs: number;

  constructor(private readonly options: AnalysisHostOptions) {
    this.now = options.now ?? Date.now;
    this.maxStalenessMs = options.maxStalenessMs ?? 1000;
  }

  /** Notes a new version and analyses it after the debounce delay (or at once). */
  schedule(document: TextDocument, immediately = false): void {
    // A file that opens is announced twice (open, then a change of content) with the same
    // version: the second must not put the first's immediate analysis back by the debounce.
    if (!immediately && this.timers.has(document.uri) && this.newest.get(document.uri)?.version === document.version) return;
    this.newest.set(document.uri, document);
    if (!this.behindSince.has(document.uri)) this.behindSince.set(document.uri, this.now());
    if (!this.indexBehindSince.has(document.uri)) this.indexBehindSince.set(document.uri, this.now());
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

  /**
   * The newest snapshot, once the index of the version whose diagnostics went out ahead of it
   * has arrived (or was dropped for a newer version), so that what hover, completion and
   * navigation say agrees with the diagnostics on screen. Waits only for that index.
   */
  settled(uri: string): Snapshot | undefined | Promise<Snapshot | undefined> {
    if (!this.diagnosed.has(uri)) return this.snapshots.get(uri);
    return new Promise((resolve) => {
      const list = this.settling.get(uri) ?? [];
      list.push(() => resolve(this.snapshots.get(uri)));
      this.settling.set(uri, list);
    });
  }

  /** The snapshot of exactly this version, analysing it now if it is not on its way. */
  whenCurrent(document: TextDocument): Promise<Snapshot> {
    const snapshot = this.snapshots.get(document.uri);
    if (snapshot && snapshot.version === document.version) return Promise.resolve(snapshot);
    return new Promise((resolve) => {
      const list = this.waiters.get(document.uri) ?? [];
      list.push({ version: document.version, resolve });
      this.waiters.set(document.uri, list);
      const running = this.workers.get(document.uri)?.running?.request;
      const queued = this.waiting.get(document.uri)?.version === document.version || running?.version === document.version;
      if (!queued) this.schedule(document, true);
    });
  }

  /**
   * Asks the document's thread a question about its current version (its graph, a what-if).
   * Questions queue behind the analysis in progress and survive a thread restart.
   */
  query(document: TextDocument, question: { kind: 'graph' } | { kind: 'whatIf'; failed: readonly string[] }): Promise<QueryResponse> {
    const base = { ...this.describe(document), id: this.nextQuery++ };
    const request: QueryRequest = question.kind === 'graph' ? { ...base, kind: 'graph' } : { ...base, kind: 'whatIf', failed: question.failed };
    return new Promise((resolve) => {
      this.queries.set(request.id, { request, resolve });
      this.workerFor(document.uri).query(request);
    });
  }

  /** The heap each analysis thread uses, in bytes, for benchmarks: one entry per thread. */
  measureWorkers(): Promise<number[]> {
    return Promise.all(
      [...this.workers.values()].map(
        (worker) =>
          new Promise<number>((resolve) => {
            const id = this.nextQuery++;
            this.probes.set(id, resolve);
            worker.probe({ kind: 'memory', id });
            // A thread busy with a long analysis answers after it; one that is gone, never.
            setTimeout(() => {
              if (this.probes.delete(id)) resolve(0);
            }, 60_000).unref();
          }),
      ),
    );
  }

  /** Forgets a closed document and stops its thread, whatever it was doing. */
  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.waiting.delete(uri);
    this.newest.delete(uri);
    this.snapshots.delete(uri);
    this.settle(uri);
    this.waiters.delete(uri);
    this.behindSince.delete(uri);
    this.indexBehindSince.delete(uri);
    this.workers.get(uri)?.terminate();
    this.workers.delete(uri);
    for (const [id, query] of this.queries) {
      if (query.request.uri !== uri) continue;
      this.queries.delete(id);
      query.resolve({ kind: 'queryFailed', id, message: 'the document was closed' });
    }
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
    for (const worker of this.workers.values()) worker.terminate();
    this.workers.clear();
    clearTimeout(this.spareTimer);
    this.spare?.terminate();
    this.spare = undefined;
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
    const worker = this.workerFor(document.uri);
    const running = worker.running;
    if (running && running.request.version !== document.version) {
      const now = this.now();
      // An analysis whose diagnostics are out is only building its editor index (figures,
      // hovers): a newer version drops it, unless the document has no index yet, a request
      // waits for this one, or the editor's index is getting old.
      const indexing = this.diagnosed.get(document.uri)?.version === running.request.version;
      const waited = now - (this.behindSince.get(document.uri) ?? now);
      const indexWaited = now - (this.indexBehindSince.get(document.uri) ?? now);
      const wanted = !this.snapshots.has(document.uri) || (this.waiters.get(document.uri) ?? []).some((w) => w.version === running.request.version);
      if (indexing ? !wanted && indexWaited < 3 * this.maxStalenessMs : waited < this.maxStalenessMs) worker.cancelRunning();
      else running.keepEvenIfStale = true;
    }
    this.startNext(worker);
  }

  private startNext(worker: DocumentWorker): void {
    const request = this.waiting.get(worker.uri);
    if (worker.busy || this.disposed || !request) return;
    this.waiting.delete(worker.uri);
    worker.analyse(request);
  }

  /** The document's own thread, started on first use; idle threads of other documents past the cap are stopped. */
  private workerFor(uri: string): DocumentWorker {
    const known = this.workers.get(uri);
    if (known) return known;
    const idle = [...this.workers].filter(([, w]) => !w.busy).sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [otherUri, other] of idle.slice(0, Math.max(0, idle.length - (this.options.maxIdleWorkers ?? 4) + 1))) {
      // Its snapshot stays; only its incremental parser state goes.
      other.terminate();
      this.workers.delete(otherUri);
    }
    const worker = this.spare ?? this.startWorker(uri);
    worker.uri = uri;
    this.spare = undefined;
    this.workers.set(uri, worker);
    return worker;
  }

  private startWorker(uri: string): DocumentWorker {
    return new DocumentWorker(
      uri,
      this.options.workerPath ?? join(__dirname, 'analysisWorker.js'),
      (from, response) => this.onResponse(from, response),
      (from, code) => this.onCrash(from, code),
      this.options.log,
    );
  }

  /**
   * Starts a spare thread and has it analyse a made-up topology, so that the next document
   * to open gets a thread already started and compiled: a 1,000-component file's first
   * analysis took about half as long. Done when analyses have paused, never during one.
   */
  private prepareSpare(): void {
    if (this.spare || this.disposed || this.options.spareThread === false) return;
    this.spare = this.startWorker('');
    this.spare.warmUp({ ...this.describe(TextDocument.create(warmUpUri, 'ha-topology', 0, makeWarmUpTopology())), kind: 'warmUp' });
  }

  private onResponse(worker: DocumentWorker, response: WorkerResponse): void {
    if (response.kind === 'memory') {
      this.probes.get(response.id)?.(response.heapUsedBytes);
      this.probes.delete(response.id);
      return;
    }
    if (response.kind === 'graph' || response.kind === 'whatIf' || response.kind === 'queryFailed') {
      const query = this.queries.get(response.id);
      this.queries.delete(response.id);
      query?.resolve(response);
      return;
    }
    if (response.kind === 'diagnosed') {
      this.receiveDiagnostics(response, worker);
      return;
    }
    const finished = worker.finish(response.generation);
    if (finished) this.receive(response, finished.request, finished.keepEvenIfStale);
    this.settle(response.uri, response.version);
    this.startNext(worker);
    // The spare is made once analyses have paused for a second, so that a burst of files
    // opening (a restored workspace) is not slowed by warm-ups between them.
    clearTimeout(this.spareTimer);
    this.spareTimer = setTimeout(() => {
      if (![...this.workers.values()].some((w) => w.busy) && this.waiting.size === 0) this.prepareSpare();
    }, 1000);
    this.spareTimer.unref?.();
  }

  /** Ends the wait for the index of a version whose diagnostics went out early (any version when none is given). */
  private settle(uri: string, version?: number): void {
    const early = this.diagnosed.get(uri);
    if (!early || (version !== undefined && early.version !== version)) return;
    this.diagnosed.delete(uri);
    const waiting = this.settling.get(uri) ?? [];
    this.settling.delete(uri);
    for (const wake of waiting) wake();
  }

  private onCrash(worker: DocumentWorker, code: number): void {
    if (worker === this.spare) {
      // A spare that dies is simply not there: the next document starts a thread of its own.
      worker.terminate();
      this.spare = undefined;
      return;
    }
    const uri = worker.uri;
    if (this.disposed || this.workers.get(uri) !== worker) return;
    // The thread died (not by our hand): start a new one and retry what it was doing.
    this.options.log(`analysis worker of ${uri} exited with code ${code}; restarting it`);
    const lost = worker.running?.request;
    worker.restart();
    this.settle(uri);
    if (lost && this.isNewest(lost.uri, lost.version) && !this.waiting.has(uri)) this.waiting.set(uri, lost);
    for (const { request } of this.queries.values()) if (request.uri === uri) worker.query(request);
    this.startNext(worker);
  }

  private receive(response: Exclude<AnalyseResponse, { kind: 'diagnosed' }>, request: AnalyseRequest, keepEvenIfStale: boolean): void {
    if (response.kind === 'cancelled') return;
    if (response.kind === 'failed') {
      this.options.log(`analysis of ${response.uri} version ${response.version} failed: ${response.message}`);
      return;
    }
    const live = this.newest.get(response.uri);
    if (!live) return;
    const current = this.snapshots.get(response.uri);
    const newest = live.version === response.version;
    // An older version is still worth publishing when the document has waited too long for
    // any result: the user typed again between the start of this analysis and its end.
    const overdue = keepEvenIfStale || this.now() - (this.behindSince.get(response.uri) ?? this.now()) >= this.maxStalenessMs;
    if (!newest && (!overdue || (current && current.version >= response.version))) return;
    // The live document changes in place as the user types; the snapshot keeps its own copy.
    const early = this.diagnosed.get(response.uri);
    const published = early?.version === response.version;
    const document = published ? early.document : TextDocument.create(request.uri, live.languageId, request.version, request.text);
    const snapshot: Snapshot = { uri: response.uri, version: response.version, document, index: response.index };
    this.snapshots.set(response.uri, snapshot);
    this.markProgress(this.behindSince, response.uri, newest);
    this.markProgress(this.indexBehindSince, response.uri, newest);
    const waiters = this.waiters.get(response.uri) ?? [];
    this.waiters.set(response.uri, waiters.filter((w) => w.version !== response.version));
    for (const waiter of waiters) if (waiter.version === response.version) waiter.resolve(snapshot);
    this.options.onAnalysed(snapshot, published);
  }

  /**
   * Publishes the diagnostics of the analysis running for the document's newest version
   * before its index arrives. Older versions wait for their snapshot, where the rules for
   * stale results apply.
   */
  private receiveDiagnostics(response: Extract<AnalyseResponse, { kind: 'diagnosed' }>, worker: DocumentWorker): void {
    const request = worker.running?.generation === response.generation ? worker.running.request : undefined;
    const live = this.newest.get(response.uri);
    if (!request || !live || live.version !== response.version || !this.options.onDiagnosed) return;
    const document = TextDocument.create(request.uri, live.languageId, request.version, request.text);
    this.diagnosed.set(response.uri, { version: response.version, document });
    this.markProgress(this.behindSince, response.uri, true);
    this.options.onDiagnosed(document, response.diagnostics);
  }

  /** Something was published: the newest version's leaves nothing behind; an older one's restarts the wait. */
  private markProgress(since: Map<string, number>, uri: string, newest: boolean): void {
    if (newest) since.delete(uri);
    else since.set(uri, this.now());
  }
}

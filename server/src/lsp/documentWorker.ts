import { Worker } from 'node:worker_threads';
import type { AnalyseRequest, MemoryProbe, QueryRequest, WarmUpRequest, WorkerResponse } from '../protocol';

/**
 * The analysis thread of one document. Each open document has its own, so a slow or hostile
 * file never delays another file's diagnostics, and closing a document stops its work at
 * once (the thread is terminated).
 *
 * A newer version cancels the running analysis cooperatively: the two threads share one
 * integer, the highest request generation that is cancelled, and the analysis asks it at
 * its checkpoints. The thread survives, and with it the document's incremental parser.
 */
export class DocumentWorker {
  private worker: Worker;
  private readonly cancelledUpTo: Int32Array;
  private generation = 0;
  /** The analysis the thread is working on, if any. */
  running: { readonly request: AnalyseRequest; readonly generation: number; readonly startedAt: number; keepEvenIfStale: boolean } | undefined;
  lastUsed = Date.now();

  constructor(
    /** The document it works for; a spare thread has none ('') until the host gives it one. */
    public uri: string,
    private readonly path: string,
    private readonly onMessage: (worker: DocumentWorker, response: WorkerResponse) => void,
    private readonly onCrash: (worker: DocumentWorker, code: number) => void,
    private readonly log: (message: string) => void,
  ) {
    this.cancelledUpTo = new Int32Array(new SharedArrayBuffer(4));
    this.worker = this.start();
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  analyse(request: AnalyseRequest): void {
    const generation = ++this.generation;
    this.running = { request, generation, startedAt: Date.now(), keepEvenIfStale: false };
    this.lastUsed = Date.now();
    this.worker.postMessage({ ...request, generation });
  }

  /** Has the thread analyse a text and forget it, so its code is compiled before real work comes. */
  warmUp(request: WarmUpRequest): void {
    this.worker.postMessage(request);
  }

  /** Asks the thread how much heap it uses; the answer comes back as a response. */
  probe(request: MemoryProbe): void {
    this.worker.postMessage(request);
  }

  query(request: QueryRequest): void {
    this.lastUsed = Date.now();
    this.worker.postMessage(request);
  }

  /** Asks the running analysis to stop at its next checkpoint. */
  cancelRunning(): void {
    if (this.running) Atomics.store(this.cancelledUpTo, 0, this.running.generation);
  }

  /** Marks the end of the running analysis, if the response is for it. */
  finish(generation: number): DocumentWorker['running'] {
    const running = this.running;
    if (!running || running.generation !== generation) return undefined;
    this.running = undefined;
    return running;
  }

  terminate(): void {
    this.running = undefined;
    const worker = this.worker;
    worker.removeAllListeners();
    void worker.terminate();
  }

  /** Starts a fresh thread after a crash; the caller re-sends what was lost. */
  restart(): void {
    this.terminate();
    this.worker = this.start();
  }

  private start(): Worker {
    const worker = new Worker(this.path, { workerData: { cancelledUpTo: this.cancelledUpTo } });
    worker.on('message', (response: WorkerResponse) => this.onMessage(this, response));
    worker.on('error', (error) => this.log(`analysis worker failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.onCrash(this, code);
    });
    return worker;
  }
}

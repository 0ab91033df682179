import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { OperationCancelled } from '../core';
import { createPackageValidator } from '../node/packageFiles';
import type { WorkerRequest, WorkerResponse } from '../protocol';
import { DocumentAnalyser } from './analyseText';
import { makeWarmUpTopology, warmUpUri } from './warmUpTopology';

// A document's analysis thread: parses and analyses off the server's main thread, so that
// hover, completion and navigation answer at once even while a large file is analysed.
const analyser = new DocumentAnalyser(createPackageValidator());
// The highest analysis generation the server has cancelled; shared with the server's thread.
const cancelledUpTo = (workerData as { cancelledUpTo?: Int32Array } | undefined)?.cancelledUpTo ?? new Int32Array(1);

// When the last message came, to find a moment with nothing to do (see prepareExplanationsWhenIdle).
let lastMessageAt = 0;
/** Whether compiling ajv is scheduled or done: it is scheduled once, however many analyses end. */
let explanationsScheduled = false;

parentPort?.on('message', (request: WorkerRequest) => {
  lastMessageAt = performance.now();
  const response = answer(request);
  if (response) parentPort?.postMessage(response);
});

function answer(request: WorkerRequest): WorkerResponse | undefined {
  const started = performance.now();
  return guard(request, () => {
    switch (request.kind) {
      case 'analyse': {
        const isCancelled = () => Atomics.load(cancelledUpTo, 0) >= request.generation;
        const { uri, version, generation } = request;
        const analysis = analyser.diagnose(request, isCancelled);
        parentPort?.postMessage({ kind: 'diagnosed', uri, version, generation, diagnostics: analysis.diagnostics } satisfies WorkerResponse);
        // Questions already waiting (the preview's graph of this version) are answered
        // before the fixes are ranked and the index is built: a queued message comes first.
        setImmediate(() => {
          const response = guard(request, () => ({ kind: 'analysed', uri, version, generation, index: analyser.index(request, analysis, isCancelled), milliseconds: performance.now() - started }));
          if (response) parentPort?.postMessage(response);
          prepareExplanationsWhenIdle();
          typeWhenIdle(request);
        });
        return undefined;
      }
      case 'warmUp':
        warmUp(request);
        return undefined;
      case 'graph':
        return { kind: 'graph', id: request.id, model: analyser.graph(request) };
      case 'whatIf':
        return { kind: 'whatIf', id: request.id, ...analyser.whatIf(request, request.failed) };
      case 'memory':
        // This thread's own heap (each worker thread has an isolate of its own), after a
        // collection when the process runs with --expose-gc, as the benchmarks do, so that
        // garbage not yet collected is not counted as held.
        (globalThis as { gc?: () => void }).gc?.();
        return { kind: 'memory', id: request.id, heapUsedBytes: getHeapStatistics().used_heap_size };
    }
  });
}

/** Whether this thread has typed in the warm-up topology: once is enough (see typeWhenIdle). */
let typed = false;

/** From what size a document's own thread types in the warm-up topology (see typeWhenIdle). */
const typingFromChars = 256 * 1024;

/**
 * A document's own thread (not warmed up as a spare) warms up on the warm-up topology once, in
 * the first quiet moment after an analysis: the first edits of a large file after its open
 * otherwise run code not compiled yet, and the user is still reading. Only for a large file
 * (about 3,000 components and more), whose first edits are slow enough for it to matter: the
 * typing costs a fresh thread about 300 ms of processor, which a workspace that opens a
 * hundred small files would otherwise pay a hundred times (`bench:memory`'s rounds of 100
 * files took 61–68 s instead of 29–30 s).
 */
function typeWhenIdle(request: Extract<WorkerRequest, { kind: 'analyse' }>): void {
  if (typed || request.text.length < typingFromChars) return;
  typed = true;
  doWhenIdle(() => {
    const warmUpRequest = { ...request, kind: 'warmUp' as const, uri: warmUpUri, version: 0, text: makeWarmUpTopology() };
    guard(warmUpRequest, () => (warmUp(warmUpRequest), undefined));
  });
}

/** Analyses the warm-up topology, then types in it (see warmUpByTyping). */
function warmUp(request: Extract<WorkerRequest, { kind: 'warmUp' }>): void {
  typed = true;
  analyser.warmUp(request);
  warmUpByTyping(request, lastMessageAt);
}

/** How many edits a warm-up makes (see warmUpByTyping). */
const warmUpEdits = 12;

/**
 * After the warm-up's open, edits to it (see DocumentAnalyser.warmUpEdit), one for each turn
 * of the event loop, until a message comes: a document given this thread meanwhile waits for
 * one edit of the small warm-up topology at most (a few tens of milliseconds before its code
 * is compiled), and the edits left are dropped.
 */
function warmUpByTyping(request: Extract<WorkerRequest, { kind: 'warmUp' }>, since: number): void {
  const type = (n: number): void => {
    if (n > warmUpEdits || lastMessageAt !== since) {
      analyser.forget(request.uri);
      return;
    }
    guard(request, () => (analyser.warmUpEdit(request, n), undefined));
    setImmediate(() => type(n + 1));
  };
  setImmediate(() => type(1));
}

/**
 * Explaining a schema error needs ajv compiled (about 130 ms), which would otherwise fall on
 * the first keystroke that makes a mistake: the thread compiles it in a quiet moment.
 */
function prepareExplanationsWhenIdle(): void {
  if (explanationsScheduled) return;
  explanationsScheduled = true;
  doWhenIdle(() => analyser.prepareExplanations());
}

/** Work for quiet moments, done in order (see doWhenIdle). */
const idleWork: (() => void)[] = [];

/**
 * Does a task once no message has come for a moment (250 ms, looked at every 50), after the
 * tasks before it. It first looks 50 ms from now: an edit that comes before then goes first.
 */
function doWhenIdle(task: () => void): void {
  idleWork.push(task);
  if (idleWork.length === 1) waitForQuiet();
}

function waitForQuiet(): void {
  setTimeout(() => {
    if (performance.now() - lastMessageAt < 250) return waitForQuiet();
    try {
      idleWork.shift()!();
    } catch {
      // Work done ahead of need only: what failed is done again when needed (ajv is
      // compiled by the first error to explain), and the thread stays fit for real work.
    } finally {
      if (idleWork.length > 0) waitForQuiet();
    }
  }, 50).unref();
}

/** Runs one step of a request; a cancellation or an error becomes the response that says so. */
function guard(request: WorkerRequest, step: () => WorkerResponse | undefined): WorkerResponse | undefined {
  try {
    return step();
  } catch (error) {
    if (request.kind === 'analyse' && error instanceof OperationCancelled) {
      return { kind: 'cancelled', uri: request.uri, version: request.version, generation: request.generation };
    }
    // A warm-up that fails has no one to tell: the thread is still fit for real work.
    if (request.kind === 'warmUp') return undefined;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return request.kind === 'analyse'
      ? { kind: 'failed', uri: request.uri, version: request.version, generation: request.generation, message }
      : { kind: 'queryFailed', id: request.id, message };
  }
}

import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { OperationCancelled } from '../core';
import { loadSchema, loadSchemaCheck } from '../node/packageFiles';
import type { WorkerRequest, WorkerResponse } from '../protocol';
import { DocumentAnalyser } from './analyseText';

// A document's analysis thread: parses and analyses off the server's main thread, so that
// hover, completion and navigation answer at once even while a large file is analysed.
const analyser = new DocumentAnalyser(loadSchema(), loadSchemaCheck());
// The highest analysis generation the server has cancelled; shared with the server's thread.
const cancelledUpTo = (workerData as { cancelledUpTo?: Int32Array } | undefined)?.cancelledUpTo ?? new Int32Array(1);

parentPort?.on('message', (request: WorkerRequest) => {
  parentPort?.postMessage(answer(request));
});

function answer(request: WorkerRequest): WorkerResponse {
  const started = performance.now();
  try {
    switch (request.kind) {
      case 'analyse': {
        const isCancelled = () => Atomics.load(cancelledUpTo, 0) >= request.generation;
        const { uri, version, generation } = request;
        const index = analyser.index(request, isCancelled, (diagnostics) => parentPort?.postMessage({ kind: 'diagnosed', uri, version, generation, diagnostics } satisfies WorkerResponse));
        return { kind: 'analysed', uri: request.uri, version: request.version, generation: request.generation, index, milliseconds: performance.now() - started };
      }
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
  } catch (error) {
    if (request.kind === 'analyse' && error instanceof OperationCancelled) {
      return { kind: 'cancelled', uri: request.uri, version: request.version, generation: request.generation };
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return request.kind === 'analyse'
      ? { kind: 'failed', uri: request.uri, version: request.version, generation: request.generation, message }
      : { kind: 'queryFailed', id: request.id, message };
  }
}

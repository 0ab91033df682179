import { parentPort } from 'node:worker_threads';
import { loadSchema } from '../node/packageFiles';
import type { WorkerRequest, WorkerResponse } from '../protocol';
import { DocumentAnalyser } from './analyseText';

// The analysis thread: parses and analyses documents off the server's main thread, so that
// hover, completion and navigation answer at once even while a large file is analysed.
const analyser = new DocumentAnalyser(loadSchema());

parentPort?.on('message', (request: WorkerRequest) => {
  parentPort?.postMessage(answer(request));
});

function answer(request: WorkerRequest): WorkerResponse {
  const started = performance.now();
  try {
    switch (request.kind) {
      case 'analyse':
        return { kind: 'analysed', uri: request.uri, version: request.version, index: analyser.index(request), milliseconds: performance.now() - started };
      case 'graph':
        return { kind: 'graph', id: request.id, model: analyser.graph(request) };
      case 'whatIf':
        return { kind: 'whatIf', id: request.id, services: analyser.whatIf(request, request.failed) };
    }
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return request.kind === 'analyse' ? { kind: 'failed', uri: request.uri, version: request.version, message } : { kind: 'queryFailed', id: request.id, message };
  }
}

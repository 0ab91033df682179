import { parentPort } from 'node:worker_threads';
import { loadSchema } from '../node/loadSchema';
import type { AnalyseRequest, AnalyseResponse } from '../protocol';
import { createTextAnalyser } from './analyseText';

// The analysis thread: parses and analyses documents off the server's main thread, so that
// hover, completion and navigation answer at once even while a large file is analysed.
const analyse = createTextAnalyser(loadSchema());

parentPort?.on('message', (request: AnalyseRequest) => {
  const started = performance.now();
  let response: AnalyseResponse;
  try {
    response = { kind: 'analysed', uri: request.uri, version: request.version, index: analyse(request), milliseconds: performance.now() - started };
  } catch (error) {
    response = { kind: 'failed', uri: request.uri, version: request.version, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(response);
});

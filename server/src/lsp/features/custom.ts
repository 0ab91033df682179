import { skeletonSnippet, summariseStatus } from '../../core';
import { FiguresRequest, MemoryRequest, ProcessIdRequest, SkeletonRequest, StatusRequest } from '../../protocol';
import type { FeatureContext } from '../context';
import { runSafeAsync } from '../runSafe';

/** The custom requests of the protocol module: figures, the status-bar summary and the skeleton. */
export function registerCustomRequests(context: FeatureContext): void {
  const { connection, documents, host, settings } = context;

  connection.onRequest(FiguresRequest.method, (params: FiguresRequest.Params) =>
    runSafeAsync(connection, FiguresRequest.method, null as FiguresRequest.Result | null, async () => {
      const document = documents.get(params.uri);
      if (!document) return null;
      const snapshot = await host.whenCurrent(document);
      return { kind: 'figures', uri: document.uri, version: snapshot.version, services: snapshot.index.services };
    }),
  );

  connection.onRequest(SkeletonRequest.method, (): SkeletonRequest.Result => ({ kind: 'skeleton', snippet: skeletonSnippet }));

  connection.onRequest(ProcessIdRequest.method, (): ProcessIdRequest.Result => ({ kind: 'processId', pid: process.pid }));

  connection.onRequest(MemoryRequest.method, () =>
    runSafeAsync(connection, MemoryRequest.method, null as MemoryRequest.Result | null, async () => {
      const workerHeapUsedBytes = await host.measureWorkers();
      const usage = process.memoryUsage();
      return { kind: 'memory' as const, mainHeapUsedBytes: usage.heapUsed, workerHeapUsedBytes, rssBytes: usage.rss };
    }),
  );

  connection.onRequest(StatusRequest.method, (params: StatusRequest.Params) =>
    runSafeAsync(connection, StatusRequest.method, null as StatusRequest.Result | null, async () => {
      const snapshot = await host.settled(params.uri);
      if (!snapshot) return null;
      return { kind: 'status', uri: params.uri, version: snapshot.version, ...summariseStatus(snapshot.index, settings().downtimeUnit) };
    }),
  );
}

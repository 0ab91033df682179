import { summariseStatus } from '../../core';
import { FiguresRequest, ProcessIdRequest, StatusRequest } from '../../protocol';
import type { FeatureContext } from '../context';

/** The custom requests of the protocol module: figures and the status-bar summary. */
export function registerCustomRequests(context: FeatureContext): void {
  const { connection, documents, host, settings } = context;

  connection.onRequest(FiguresRequest.method, async (params: FiguresRequest.Params): Promise<FiguresRequest.Result | null> => {
    const document = documents.get(params.uri);
    if (!document) return null;
    try {
      const snapshot = await host.whenCurrent(document);
      return { kind: 'figures', uri: document.uri, version: snapshot.version, services: snapshot.index.services };
    } catch (error) {
      connection.console.error(`${FiguresRequest.method} failed: ${String(error)}`);
      return null;
    }
  });

  connection.onRequest(ProcessIdRequest.method, (): ProcessIdRequest.Result => ({ kind: 'processId', pid: process.pid }));

  connection.onRequest(StatusRequest.method, (params: StatusRequest.Params): StatusRequest.Result | null => {
    try {
      const snapshot = host.latest(params.uri);
      if (!snapshot) return null;
      return { kind: 'status', uri: params.uri, version: snapshot.version, ...summariseStatus(snapshot.index, settings().downtimeUnit) };
    } catch (error) {
      connection.console.error(`${StatusRequest.method} failed: ${String(error)}`);
      return null;
    }
  });
}

import { TextDocument } from 'vscode-languageserver-textdocument';
import { GraphRequest, WhatIfRequest, type PreviewGraph } from '../../protocol';
import type { FeatureContext } from '../context';
import { runSafeAsync } from '../runSafe';
import { toRange } from '../toProto';

/** The preview's questions: the graph of a document, and what-if failures. */
export function registerPreview(context: FeatureContext): void {
  const { connection, documents, host } = context;

  connection.onRequest(GraphRequest.method, (params: GraphRequest.Params) =>
    runSafeAsync(connection, GraphRequest.method, null as GraphRequest.Result | null, async () => {
      const live = documents.get(params.uri);
      if (!live) return null;
      // The answer's offsets refer to this text, even if the user types on meanwhile.
      const document = TextDocument.create(live.uri, live.languageId, live.version, live.getText());
      const response = await host.query(document, { kind: 'graph' });
      if (response.kind !== 'graph') {
        connection.console.error(`graph failed: ${response.kind === 'queryFailed' ? response.message : response.kind}`);
        return null;
      }
      const graph: PreviewGraph = {
        ...response.model,
        nodes: response.model.nodes.map(({ span, selectionSpan, ...node }) => ({ ...node, range: toRange(document, span), selectionRange: toRange(document, selectionSpan) })),
      };
      return { kind: 'graph', uri: document.uri, version: document.version, graph };
    }),
  );

  connection.onRequest(WhatIfRequest.method, (params: WhatIfRequest.Params) =>
    runSafeAsync(connection, WhatIfRequest.method, null as WhatIfRequest.Result | null, async (): Promise<WhatIfRequest.Result | null> => {
      const document = documents.get(params.uri);
      if (!document || !Array.isArray(params.failed) || !params.failed.every((id) => typeof id === 'string')) return null;
      const response = await host.query(document, { kind: 'whatIf', failed: params.failed });
      if (response.kind !== 'whatIf') return null;
      return { kind: 'whatIf' as const, uri: document.uri, version: document.version, failed: params.failed, services: response.services, downNodes: response.downNodes };
    }),
  );
}

import { TextDocument } from 'vscode-languageserver-textdocument';
import { GraphRequest, WhatIfRequest, type PreviewGraph } from '../../protocol';
import type { FeatureContext } from '../context';
import { toRange } from '../toProto';

/** The preview's questions: the graph of a document, and what-if failures. */
export function registerPreview(context: FeatureContext): void {
  const { connection, documents, host } = context;

  connection.onRequest(GraphRequest.method, async (params: GraphRequest.Params): Promise<GraphRequest.Result | null> => {
    try {
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
    } catch (error) {
      connection.console.error(`graph failed: ${String(error)}`);
      return null;
    }
  });

  connection.onRequest(WhatIfRequest.method, async (params: WhatIfRequest.Params): Promise<WhatIfRequest.Result | null> => {
    try {
      const document = documents.get(params.uri);
      if (!document || !Array.isArray(params.failed) || !params.failed.every((id) => typeof id === 'string')) return null;
      const response = await host.query(document, { kind: 'whatIf', failed: params.failed });
      if (response.kind !== 'whatIf') return null;
      return { kind: 'whatIf', uri: document.uri, version: document.version, failed: params.failed, services: response.services };
    } catch (error) {
      connection.console.error(`whatIf failed: ${String(error)}`);
      return null;
    }
  });
}

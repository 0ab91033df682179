import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseDocument, buildGraph } from '../../server/src/core';
import type { PreviewGraph } from '../../server/src/protocol';
import { validator } from './core';

/** The graph the preview is sent for a text, as the server builds it (spans as line ranges). */
export function toPreviewGraph(text: string): PreviewGraph {
  const model = buildGraph(analyseDocument(text, { validator }));
  const document = TextDocument.create('file:///graph.ha.yaml', 'ha-topology', 1, text);
  const range = (s: { start: number; end: number }) => ({ start: document.positionAt(s.start), end: document.positionAt(s.end) });
  return { ...model, nodes: model.nodes.map(({ span, selectionSpan, ...n }) => ({ ...n, range: range(span), selectionRange: range(selectionSpan) })) };
}

import { layoutGraph, measureNode, type ElkLike, type Layout, type ViewGraph } from '../../server/src/core';
import { createLayoutEngine } from './layoutWorker';

/**
 * The preview's layouts, made in the layout worker. A view of the shape a layout is already
 * being made for (the same graph sent again as its diagnostics come in) waits for that layout
 * instead of starting over.
 */
export class LayoutRequests {
  private elk: Promise<ElkLike> | undefined;
  /** The layout being made, for which shape, and since when. */
  private pending: { readonly shape: string; readonly started: number; readonly layout: Promise<Layout> } | undefined;

  constructor(
    private readonly workerUrl: string,
    /** Told each time a layout starts (not when a request waits for one). */
    private readonly onStart: () => void,
  ) {}

  /**
   * The layout of a view whose shape is `shape` (see describeShape), with how long it took
   * from its start, also when this request only waited for it.
   */
  async lay(view: ViewGraph, shape: string): Promise<{ layout: Layout; milliseconds: number }> {
    if (this.pending?.shape !== shape) {
      const next = { shape, started: performance.now(), layout: this.engine().then((engine) => layoutGraph(view, engine)) };
      this.pending = next;
      this.onStart();
      void next.layout.finally(() => {
        if (this.pending === next) this.pending = undefined;
      }).catch(() => undefined);
    }
    const { started, layout } = this.pending;
    return { layout: await layout, milliseconds: Math.round(performance.now() - started) };
  }

  /**
   * Starts the layout worker and warms it on a one-node graph, while the first graph is on
   * its way from the server: a cold panel then spends its first draw on the graph alone.
   */
  warmUp(): void {
    void this.engine().then((engine) => engine.layout({ id: 'warm-up', layoutOptions: { 'elk.algorithm': 'layered' }, children: [{ id: 'a', width: 10, height: 10 }], edges: [] })).catch(() => undefined);
  }

  private engine(): Promise<ElkLike> {
    this.elk ??= createLayoutEngine(this.workerUrl);
    return this.elk;
  }
}

/** What decides a layout: the nodes with their sizes, and the edges. */
export function describeShape(graph: ViewGraph): string {
  const nodes = graph.nodes.map((n) => {
    const size = measureNode(n);
    return `${n.id}:${size.width}x${size.height}`;
  });
  return `${nodes.join('|')}#${graph.edges.map((e) => e.id).join('|')}`;
}

import { escapeXml, type Layout, type ViewGraph } from '../../server/src/core';
import type { View } from './viewport';

/**
 * The overview: every node as a small box (services, single points of failure and nodes
 * down in a what-if in their own colours), and the part in view as a rectangle. Drawn only
 * when the diagram is larger than the view.
 */
export function renderMinimap(graph: ViewGraph, layout: Layout, down: ReadonlySet<string>): string {
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" class="minimap-graph" viewBox="0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}" preserveAspectRatio="xMidYMid meet">`];
  for (const node of graph.nodes) {
    const box = layout.nodes.get(node.id);
    if (!box) continue;
    const classes = ['dot', node.type, node.spofFor.length > 0 ? 'spof' : '', down.has(node.id) ? 'down' : ''].filter(Boolean).join(' ');
    parts.push(`<rect class="${classes}" x="${Math.round(box.x)}" y="${Math.round(box.y)}" width="${Math.round(box.width)}" height="${Math.round(box.height)}" data-id="${escapeXml(node.id)}"/>`);
  }
  parts.push('<rect class="viewport" x="0" y="0" width="0" height="0"/></svg>');
  return parts.join('');
}

/** Moves the overview's rectangle to the view. */
export function placeViewport(minimap: Element, view: View): void {
  const rect = minimap.querySelector('.viewport');
  if (!rect) return;
  rect.setAttribute('x', String(Math.round(view.x)));
  rect.setAttribute('y', String(Math.round(view.y)));
  rect.setAttribute('width', String(Math.round(view.width)));
  rect.setAttribute('height', String(Math.round(view.height)));
}

/** The diagram point under a click on the overview. */
export function pointOnMinimap(minimap: Element, layout: Layout, event: MouseEvent): { x: number; y: number } {
  const box = minimap.getBoundingClientRect();
  // The overview keeps the diagram's aspect ratio, centred in its box (xMidYMid meet).
  const scale = Math.min(box.width / Math.max(layout.width, 1), box.height / Math.max(layout.height, 1));
  const offsetX = (box.width - layout.width * scale) / 2;
  const offsetY = (box.height - layout.height * scale) / 2;
  return { x: (event.clientX - box.left - offsetX) / scale, y: (event.clientY - box.top - offsetY) / scale };
}

import { formatPercent } from '../analysis/analyseTopology';
import { iconFor } from './icons';
import { describeCaption, type Layout } from './layoutGraph';
import type { ViewGraph, ViewNode } from './viewGraph';

/** What the user did to the picture: selection, cursor, and the what-if failures. */
export interface ViewState {
  readonly selected?: ReadonlySet<string>;
  readonly highlighted?: string;
  readonly failed?: ReadonlySet<string>;
  /** Services down in the current what-if, and their availability there. */
  readonly whatIf?: ReadonlyMap<string, { down: boolean; availability: number; unavailability: number }>;
  /** Every node (entities and groups) that goes down with the failed ones. */
  readonly down?: ReadonlySet<string>;
  /** The node the find box found, ringed apart from the cursor's highlight. */
  readonly found?: string;
}

/** Escapes text for XML content and attribute values: nothing from the file becomes markup. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Draws the laid-out graph as an SVG string, styled only through classes (so a strict
 * Content-Security-Policy needs no inline styles) and with every text escaped.
 */
export function renderSvg(graph: ViewGraph, layout: Layout, state: ViewState = {}): string {
  const parts: string[] = [];
  const width = Math.ceil(layout.width);
  const height = Math.ceil(layout.height);
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="ha-graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">`);
  parts.push('<defs><marker id="ha-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>');
  const down = new Set<string>(state.down ?? []);
  for (const [id, result] of state.whatIf ?? []) if (result.down) down.add(id);
  // A failed node is marked failed; "down" is for what went down with it.
  for (const id of state.failed ?? []) down.delete(id);
  parts.push('<g class="edges">');
  for (const edge of graph.edges) {
    const points = layout.edges.get(edge.id);
    if (!points || points.length < 2) continue;
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${round(p.x)} ${round(p.y)}`).join(' ');
    const classes = ['edge', edge.style ?? '', state.failed?.has(edge.target) ? 'from-failed' : ''].filter(Boolean).join(' ');
    parts.push(`<path class="${classes}" d="${d}" marker-end="url(#ha-arrow)" data-source="${escapeXml(edge.source)}" data-target="${escapeXml(edge.target)}"/>`);
  }
  parts.push('</g><g class="nodes">');
  for (const node of graph.nodes) {
    const box = layout.nodes.get(node.id);
    if (box) parts.push(renderNode(node, box, state, down));
  }
  parts.push('</g></svg>');
  return parts.join('');
}

function renderNode(node: ViewNode, box: { x: number; y: number; width: number; height: number }, state: ViewState, down: ReadonlySet<string>): string {
  const classes = [
    'node',
    node.type,
    node.type === 'component' ? `kind-${node.kind.replace(/[^a-z-]/g, '')}` : '',
    node.spofFor.length > 0 ? 'spof' : '',
    node.meetsSla === false ? 'sla-miss' : '',
    state.selected?.has(node.id) ? 'selected' : '',
    state.highlighted === node.id ? 'highlighted' : '',
    state.found === node.id ? 'found' : '',
    state.failed?.has(node.id) ? 'failed' : '',
    down.has(node.id) ? 'down' : '',
    node.folded > 0 ? 'folded' : '',
  ].filter(Boolean);
  const id = escapeXml(node.id);
  const out: string[] = [`<g class="${classes.join(' ')}" data-id="${id}" transform="translate(${round(box.x)},${round(box.y)})" tabindex="0">`];
  out.push(`<title>${escapeXml(describeNode(node, state))}</title>`);
  // The cursor's node and the found node get rings outside the shape, so they never hide
  // the shape's own marks (single point of failure, below SLA, selected, down).
  const ring = (kind: string, gap: number, rx: number) =>
    `<rect class="ring ${kind}" x="${-gap}" y="${-gap}" width="${round(box.width + 2 * gap)}" height="${round(box.height + 2 * gap)}" rx="${rx + gap}"/>`;
  const rx = node.type === 'group' ? 14 : 6;
  if (state.found === node.id) out.push(ring('found', 9, rx));
  if (state.highlighted === node.id) out.push(ring('cursor', 4, rx));
  const failed = state.failed?.has(node.id) ?? false;
  if (node.type === 'group') {
    out.push(`<rect class="shape" width="${round(box.width)}" height="${round(box.height)}" rx="14"/>`);
    out.push(`<text class="icon" x="10" y="19">${iconFor(node.kind)}</text>`);
    out.push(`<text class="caption" x="30" y="18">${escapeXml(down.has(node.id) ? `DOWN · ${node.caption}` : node.caption)}</text>`);
  } else {
    if (node.replicas > 1 || node.folded > 0) {
      // A stack: replicas (or folded guests) are drawn as cards behind the node.
      out.push(`<rect class="stack" x="6" y="-6" width="${round(box.width)}" height="${round(box.height)}" rx="6"/>`);
      out.push(`<rect class="stack" x="3" y="-3" width="${round(box.width)}" height="${round(box.height)}" rx="6"/>`);
    }
    out.push(`<rect class="shape" width="${round(box.width)}" height="${round(box.height)}" rx="6"/>`);
    out.push(`<text class="icon" x="10" y="20">${iconFor(node.type === 'service' ? 'service' : node.kind)}</text>`);
    // A cluster or summary says its counts in its caption; a host says how many guests it hides.
    const suffix = node.replicas > 1 ? ` ×${node.replicas}` : node.folded > 0 && !node.summarised ? ` +${node.folded}` : '';
    out.push(`<text class="label" x="30" y="19">${escapeXml(node.label)}${suffix ? `<tspan class="count">${escapeXml(suffix)}</tspan>` : ''}</text>`);
    const whatIf = state.whatIf?.get(node.id);
    const caption = failed
      ? 'FAILED'
      : whatIf
        ? whatIf.down
          ? 'DOWN'
          : formatPercent(whatIf.availability, whatIf.unavailability, 1)
        : down.has(node.id)
          ? 'DOWN'
          : describeCaption(node);
    out.push(`<text class="caption" x="30" y="36">${escapeXml(caption)}</text>`);
    if (node.spofFor.length > 0) out.push(`<text class="icon marker" x="${round(box.width - 22)}" y="20">${iconFor('spof')}</text>`);
    if (down.has(node.id)) out.push(`<text class="icon marker" x="${round(box.width - 22)}" y="38">${iconFor('down')}</text>`);
  }
  out.push('</g>');
  return out.join('');
}

/** The tooltip: what a person wants to know at a glance. */
export function describeNode(node: ViewNode, state: ViewState = {}): string {
  const lines = [node.type === 'group' ? `${node.caption}` : `${node.label} (${node.type === 'service' ? 'service' : node.kind})`];
  if (node.description) lines.push(node.description);
  if (node.availability !== null && node.unavailability !== null) {
    lines.push(`Availability ${formatPercent(node.availability, node.unavailability, 1)}`);
    if (node.downtimeMinutesPerYear !== null) lines.push(`Downtime ${node.downtimeMinutesPerYear.toFixed(1)} min a year`);
  }
  if (node.replicas > 1) lines.push(`${node.replicas} replicas, quorum ${node.quorum}`);
  if (node.summarised) lines.push(`${node.summarised} alike, folded into one; click to open`);
  else if (node.folded > 0) lines.push(`${node.folded} guests folded in; double-click to expand`);
  if (node.spofFor.length > 0) lines.push(`Single point of failure for ${node.spofFor.join(', ')}`);
  if (node.meetsSla === false) lines.push('Below its SLA');
  if (node.risk) lines.push(`SLA risk: ${node.risk}`);
  const whatIf = state.whatIf?.get(node.id);
  if (whatIf) lines.push(whatIf.down ? 'Down with the failed nodes' : `With the failed nodes: ${formatPercent(whatIf.availability, whatIf.unavailability, 1)}`);
  return lines.join('\n');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

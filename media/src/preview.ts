import { describeNode, foldGraph, renderSvg, type Layout, type ViewGraph, type ViewState } from '../../server/src/core';
import type { PreviewGraph, PreviewNode, ToWebview } from '../../server/src/protocol';
import { makeStandaloneSvg, renderPng } from './exportImage';
import { FindBox } from './findBox';
import { addFoldedDown } from './foldedDown';
import { focusGraph } from './focusGraph';
import { describeShape, LayoutRequests } from './layoutRequests';
import { placeViewport, pointOnMinimap, renderMinimap } from './minimap';
import { centreOn, contains, fitView, initialView, type View } from './viewport';
import { getVsCodeApi, type PreviewState } from './vscodeApi';

/*
 * The preview webview. It owns layout and view state: the extension sends graphs, the cursor
 * position and what-if answers; the page lays out, draws, pans and zooms, and keeps the last
 * good graph while the file has errors. Node ids are topology ids, so a layout and a view
 * survive edits.
 */

/** Past this many nodes, guests fold into their hosts (click a host to unfold it). */
const foldThreshold = 400;

const vscode = getVsCodeApi();
const canvas = document.getElementById('canvas')!;
const staleBanner = document.getElementById('stale')!;
const whatIfBanner = document.getElementById('what-if')!;
const title = document.getElementById('title')!;
const empty = document.getElementById('empty');
const minimap = document.getElementById('minimap')!;
const focusBanner = document.getElementById('focus')!;
const focusText = document.getElementById('focus-text')!;

let state: PreviewState = vscode.getState() ?? {};
let graph: PreviewGraph | undefined;
let uri: string | undefined = state.uri;
let view: ViewGraph | undefined;
let layout: Layout | undefined;
let highlighted: string | undefined;
let whatIf: ViewState['whatIf'];
/** Every node down in the current what-if, failed ones apart. */
let down: ReadonlySet<string> = new Set();
let generation = 0;
/** The shape the current layout was made for (see describeShape). */
let layoutShape: string | undefined;
const layouts = new LayoutRequests(document.body.dataset.elkWorker!, () => {
  document.body.dataset.layoutsStarted = String(Number(document.body.dataset.layoutsStarted ?? 0) + 1);
});

const set = (key: 'expanded' | 'failed' | 'selected') => new Set(state[key] ?? []);

function saveState(patch: Partial<PreviewState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
}

/** Lays out again (after a new graph or a fold change), newest request wins. */
async function relayout(): Promise<void> {
  if (!graph) return;
  const mine = ++generation;
  const focused = state.focus ? focusGraph(graph, state.focus) : undefined;
  // A focus on a node the file no longer has falls back to the whole graph.
  if (state.focus && !focused) saveState({ focus: undefined, view: undefined });
  focusBanner.hidden = !focused;
  if (focused) focusText.textContent = `Only what ${state.focus} depends on: ${focused.nodes.length} of ${graph.nodes.length} nodes.`;
  const nextView = foldGraph(focused ?? graph, set('expanded'), foldThreshold);
  // An edit that changes only figures keeps every node's place: the same nodes, edges and
  // sizes need no new layout, so nothing jumps while the user types.
  const shape = describeShape(nextView);
  if (layout && shape === layoutShape) {
    view = nextView;
    document.body.dataset.layoutReused = String(Number(document.body.dataset.layoutReused ?? 0) + 1);
    render();
    return;
  }
  const made = await layouts.lay(nextView, shape);
  if (mine !== generation) return;
  layoutShape = shape;
  view = nextView;
  layout = made.layout;
  document.body.dataset.layoutMilliseconds = String(made.milliseconds);
  if (!state.view) setView(initialView(layout, canvasBox(), graph.nodes.filter((n) => n.type === 'service').map((n) => n.id)));
  else render();
}

function canvasBox(): { width: number; height: number } {
  const box = canvas.getBoundingClientRect();
  return { width: Math.max(box.width, 1), height: Math.max(box.height, 1) };
}

function setView(next: View): void {
  saveState({ view: next });
  render();
}

/** Draws the current layout with the current view state; no layout work. */
function render(): void {
  if (!view || !layout) return;
  const current = find.current && drawnAs(find.current);
  const shownDown = addFoldedDown(down, view, graph?.nodes ?? []);
  const svg = renderSvg(view, layout, { selected: set('selected'), failed: set('failed'), down: shownDown, ...(highlighted ? { highlighted } : {}), ...(whatIf ? { whatIf } : {}), ...(current ? { found: current } : {}) });
  canvas.innerHTML = svg;
  minimap.innerHTML = renderMinimap(view, layout, shownDown);
  const element = canvas.querySelector('svg')!;
  element.setAttribute('data-full-view', `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`);
  element.removeAttribute('width');
  element.removeAttribute('height');
  applyView();
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? 0) + 1);
}

function applyView(): void {
  const element = canvas.querySelector('svg');
  const v = state.view;
  if (element && v) element.setAttribute('viewBox', `${v.x} ${v.y} ${v.width} ${v.height}`);
  // The overview shows only while part of the diagram is out of view.
  const whole = layout && v ? contains(v, { x: 0, y: 0, width: layout.width, height: layout.height }) : true;
  minimap.hidden = whole;
  if (v && !whole) placeViewport(minimap, v);
}

/** The node drawn for an id: itself, or the host, cluster or summary it is folded into. */
function drawnAs(id: string): string {
  return view?.shownAs?.get(id) ?? id;
}

function fit(): void {
  if (layout) setView(fitView(layout, canvasBox()));
}

/** Pans (zooming in to a readable size if need be) so the node is in the middle of the view. */
function reveal(id: string): void {
  const box = layout?.nodes.get(drawnAs(id));
  if (box && state.view) setView(centreOn(state.view, box, canvasBox()));
}

function zoom(factor: number, centre?: { x: number; y: number }): void {
  const v = state.view;
  if (!v) return;
  const cx = centre?.x ?? v.x + v.width / 2;
  const cy = centre?.y ?? v.y + v.height / 2;
  saveState({ view: { x: cx - (cx - v.x) * factor, y: cy - (cy - v.y) * factor, width: v.width * factor, height: v.height * factor } });
  applyView();
}

function toDiagramPoint(event: MouseEvent): { x: number; y: number } | undefined {
  const v = state.view;
  if (!v) return undefined;
  const box = canvas.getBoundingClientRect();
  return { x: v.x + ((event.clientX - box.left) / box.width) * v.width, y: v.y + ((event.clientY - box.top) / box.height) * v.height };
}

function viewNodeAt(target: EventTarget | null): ViewGraph['nodes'][number] | undefined {
  const id = (target as Element | null)?.closest?.('.node')?.getAttribute('data-id');
  return id ? view?.nodes.find((n) => n.id === id) : undefined;
}

function nodeAt(target: EventTarget | null): PreviewNode | undefined {
  const id = (target as Element | null)?.closest?.('.node')?.getAttribute('data-id');
  return id ? graph?.nodes.find((n) => n.id === id) : undefined;
}

function showGraph(message: Extract<ToWebview, { kind: 'graph' }>): void {
  if (message.uri !== uri) {
    // Another file: its own view, failures and selection.
    uri = message.uri;
    whatIf = undefined;
    whatIfBanner.hidden = true;
    saveState({ uri, view: undefined, expanded: [], failed: [], selected: [], focus: undefined });
  }
  const stale = message.graph.hasErrors && graph !== undefined && !graph.hasErrors;
  staleBanner.hidden = !message.graph.hasErrors;
  if (stale) return; // Keep the last good graph; the banner says it is stale.
  graph = message.graph;
  // When each graph arrived (wall clock), for the end-to-end timings.
  document.body.dataset.graphArrivedAt = String(Math.round(performance.timeOrigin + performance.now()));
  title.textContent = graph.title;
  empty?.remove();
  document.body.dataset.version = String(message.version);
  void relayout();
}

function showWhatIf(message: Extract<ToWebview, { kind: 'whatIf' }>): void {
  if (message.failed.length === 0) {
    whatIf = undefined;
    down = new Set();
    whatIfBanner.hidden = true;
  } else {
    whatIf = new Map(message.services.map((s) => [s.id, s]));
    down = new Set(message.downNodes);
    const servicesDown = message.services.filter((s) => s.down).map((s) => s.id);
    whatIfBanner.textContent = `With ${message.failed.join(', ')} failed: ${servicesDown.length ? `${servicesDown.join(', ')} ${servicesDown.length === 1 ? 'goes' : 'go'} down` : 'every service stays up'}.`;
    whatIfBanner.hidden = false;
  }
  render();
}

function highlightCursor(message: Extract<ToWebview, { kind: 'cursor' }>): void {
  if (!graph || message.uri !== uri) return;
  const inside = (n: PreviewNode) => {
    const { start, end } = n.range;
    const after = message.line > start.line || (message.line === start.line && message.character >= start.character);
    const before = message.line < end.line || (message.line === end.line && message.character <= end.character);
    return after && before;
  };
  const size = (n: PreviewNode) => (n.range.end.line - n.range.start.line) * 10000 + n.range.end.character - n.range.start.character;
  const node = graph.nodes.filter(inside).sort((a, b) => size(a) - size(b))[0];
  // A folded node is highlighted where it is drawn: its host, cluster or summary.
  const next = node && drawnAs(node.id);
  if (next === highlighted) return;
  highlighted = next;
  // Keep step with the editor: the node under the cursor comes into view, not only into colour.
  const box = highlighted ? layout?.nodes.get(highlighted) : undefined;
  if (box && state.view && !contains(state.view, box)) setView(centreOn(state.view, box, canvasBox()));
  else render();
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message?.kind) {
    case 'graph':
      return showGraph(message);
    case 'whatIf':
      return showWhatIf(message);
    case 'cursor':
      return highlightCursor(message);
    case 'focus':
      return setFocus(message.id ?? undefined);
    case 'unavailable':
      staleBanner.textContent = message.message;
      staleBanner.hidden = false;
      return;
  }
});

canvas.addEventListener('click', (event) => {
  // A summary of copies opens with a click: it has no definition of its own to reveal.
  const summary = viewNodeAt(event.target);
  if (summary?.summarised) {
    saveState({ expanded: [...set('expanded'), summary.id] });
    void relayout();
    return;
  }
  const node = nodeAt(event.target);
  if (!node) return;
  const selected = event.shiftKey || event.ctrlKey || event.metaKey ? set('selected') : new Set<string>();
  if (selected.has(node.id) && selected.size > 1) selected.delete(node.id);
  else selected.add(node.id);
  saveState({ selected: [...selected] });
  render();
  if (node.type !== 'group') vscode.postMessage({ kind: 'reveal', id: node.id });
});

canvas.addEventListener('dblclick', (event) => {
  const node = nodeAt(event.target);
  const folded = view?.nodes.find((n) => n.id === node?.id)?.folded ?? 0;
  const expanded = set('expanded');
  if (!node || (!folded && !expanded.has(node.id))) return;
  if (expanded.has(node.id)) expanded.delete(node.id);
  else expanded.add(node.id);
  saveState({ expanded: [...expanded] });
  void relayout();
});

canvas.addEventListener('wheel', (event) => {
  event.preventDefault();
  zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, toDiagramPoint(event));
}, { passive: false });

let drag: { x: number; y: number; view: NonNullable<PreviewState['view']> } | undefined;
canvas.addEventListener('pointerdown', (event) => {
  if (!state.view || nodeAt(event.target)) return;
  drag = { x: event.clientX, y: event.clientY, view: state.view };
  canvas.classList.add('panning');
});
window.addEventListener('pointermove', (event) => {
  if (!drag) return;
  const box = canvas.getBoundingClientRect();
  const dx = ((event.clientX - drag.x) / box.width) * drag.view.width;
  const dy = ((event.clientY - drag.y) / box.height) * drag.view.height;
  saveState({ view: { ...drag.view, x: drag.view.x - dx, y: drag.view.y - dy } });
  applyView();
});
window.addEventListener('pointerup', () => {
  drag = undefined;
  canvas.classList.remove('panning');
});

canvas.addEventListener('mouseover', (event) => {
  const node = nodeAt(event.target);
  const viewNode = node && view?.nodes.find((n) => n.id === node.id);
  canvas.title = viewNode ? describeNode(viewNode, whatIf ? { whatIf } : {}) : '';
});

document.querySelector('.toolbar')!.addEventListener('click', (event) => {
  const action = (event.target as Element).closest('button')?.getAttribute('data-action');
  switch (action) {
    case 'fit':
      return fit();
    case 'zoom-in':
      return zoom(1 / 1.25);
    case 'zoom-out':
      return zoom(1.25);
    case 'fail': {
      const failed = set('failed');
      for (const id of set('selected')) {
        const node = graph?.nodes.find((n) => n.id === id);
        if (!node || node.type === 'group') continue;
        if (failed.has(id)) failed.delete(id);
        else failed.add(id);
      }
      saveState({ failed: [...failed] });
      render();
      vscode.postMessage({ kind: 'whatIf', failed: [...failed] });
      return;
    }
    case 'focus': {
      const selected = [...set('selected')].filter((id) => view?.nodes.some((n) => n.id === id));
      if (selected.length > 0) setFocus(selected[0]!);
      return;
    }
    case 'reset':
      saveState({ failed: [] });
      whatIf = undefined;
      down = new Set();
      whatIfBanner.hidden = true;
      render();
      vscode.postMessage({ kind: 'whatIf', failed: [] });
      return;
    case 'export-svg':
    case 'export-png':
      void exportDiagram(action === 'export-svg' ? 'svg' : 'png');
      return;
  }
});

async function exportDiagram(format: 'svg' | 'png'): Promise<void> {
  if (!view || !layout) return;
  // What the graph says, what-if included, without the cursor's ring, the selection or a find.
  const holder = document.createElement('div');
  holder.innerHTML = renderSvg(view, layout, { failed: set('failed'), down: addFoldedDown(down, view, graph?.nodes ?? []), ...(whatIf ? { whatIf } : {}) });
  const svg = holder.querySelector('svg')!;
  canvas.appendChild(holder);
  const standalone = await makeStandaloneSvg(svg, document.body.dataset.font!).finally(() => holder.remove());
  vscode.postMessage({ kind: 'export', format, data: format === 'svg' ? standalone : await renderPng(standalone) });
}

/** Shows only what the node depends on, laid out on its own; undefined shows everything again. */
function setFocus(id: string | undefined): void {
  if (id === state.focus) return;
  // The view of the whole graph means nothing for a part of it, and the reverse.
  saveState({ focus: id, view: undefined });
  void relayout();
}

focusBanner.addEventListener('click', (event) => {
  if ((event.target as Element).closest('button')?.getAttribute('data-action') === 'show-all') setFocus(undefined);
});

minimap.addEventListener('pointerdown', (event) => {
  if (!layout || !state.view) return;
  const point = pointOnMinimap(minimap, layout, event);
  setView({ ...state.view, x: point.x - state.view.width / 2, y: point.y - state.view.height / 2 });
});

const find = new FindBox(document.getElementById('find') as HTMLInputElement, document.getElementById('find-count')!, {
  // Drawn nodes first, then those folded out of sight (found where they are folded).
  nodes: () => [...(view?.nodes ?? []), ...(graph?.nodes.filter((n) => view?.shownAs?.has(n.id)) ?? [])],
  reveal,
  render,
  leave: () => canvas.focus(),
});

vscode.postMessage({ kind: 'ready' });
layouts.warmUp();

import type { Layout } from '../../server/src/core';

/** The part of the diagram in view, in diagram units; it keeps the canvas' aspect ratio. */
export interface View {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Box {
  readonly width: number;
  readonly height: number;
}

/** Node labels are 12 diagram units high; at 11.1/12 of a CSS pixel per unit they read at 11 px or a little more. */
export const readableScale = 11.1 / 12;

/** CSS pixels per diagram unit. */
export function scaleOf(view: View, canvas: Box): number {
  return Math.max(canvas.width, 1) / Math.max(view.width, 1e-9);
}

/** The whole diagram, centred, never blown up past 1.5 times its natural size. */
export function fitView(layout: Layout, canvas: Box): View {
  const width = Math.max(layout.width, 1);
  const height = Math.max(layout.height, 1);
  const scale = Math.max(width / Math.max(canvas.width, 1), height / Math.max(canvas.height, 1), 1 / 1.5);
  const viewWidth = Math.max(canvas.width, 1) * scale;
  const viewHeight = Math.max(canvas.height, 1) * scale;
  return { x: (width - viewWidth) / 2, y: (height - viewHeight) / 2, width: viewWidth, height: viewHeight };
}

/**
 * The view a diagram opens with: the whole of it when its labels still read at 11 px or
 * more; otherwise the services, which the layout puts at the top, as wide as they are but
 * never smaller than 11 px labels nor larger than natural size, centred on them. The rest is
 * a scroll, a find or the overview away.
 */
export function initialView(layout: Layout, canvas: Box, services: readonly string[]): View {
  const fit = fitView(layout, canvas);
  if (scaleOf(fit, canvas) >= readableScale) return fit;
  const boxes = services.map((id) => layout.nodes.get(id)).filter((b): b is NonNullable<typeof b> => b !== undefined);
  const canvasWidth = Math.max(canvas.width, 1);
  const canvasHeight = Math.max(canvas.height, 1);
  if (boxes.length === 0) return { x: 0, y: 0, width: canvasWidth, height: canvasHeight };
  const left = Math.min(...boxes.map((b) => b.x));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const top = Math.min(...boxes.map((b) => b.y));
  const margin = 24;
  const scale = Math.min(1, Math.max(readableScale, canvasWidth / (right - left + 2 * margin)));
  const width = canvasWidth / scale;
  const height = canvasHeight / scale;
  const x = Math.min(Math.max((left + right) / 2 - width / 2, -margin), Math.max(layout.width - width + margin, -margin));
  return { x, y: Math.max(top - margin, -margin), width, height };
}

/** The same view moved so that the box is at its centre, zoomed to a readable size if it was not. */
export function centreOn(view: View, box: { x: number; y: number; width: number; height: number }, canvas: Box): View {
  const zoomed = scaleOf(view, canvas) < readableScale ? { ...view, width: canvas.width, height: canvas.height } : view;
  return { ...zoomed, x: box.x + box.width / 2 - zoomed.width / 2, y: box.y + box.height / 2 - zoomed.height / 2 };
}

/** True when the box lies wholly inside the view. */
export function contains(view: View, box: { x: number; y: number; width: number; height: number }): boolean {
  return box.x >= view.x && box.y >= view.y && box.x + box.width <= view.x + view.width && box.y + box.height <= view.y + view.height;
}

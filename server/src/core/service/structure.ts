import type { Span } from '../text/span';
import type { EditorIndex, EntityInfo } from './editorIndex';

export interface OutlineItem {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'section' | 'component' | 'service';
  readonly span: Span;
  readonly selectionSpan: Span;
  readonly children: readonly OutlineItem[];
}

/** The outline: the top-level sections, with services and components under theirs. */
export function outlineDocument(index: EditorIndex, describe: (entity: EntityInfo) => string): OutlineItem[] {
  return index.sections.map((section) => {
    const span = { start: section.keySpan.start, end: section.valueSpan?.end ?? section.keySpan.end };
    const type = section.key === 'components' ? 'component' : section.key === 'services' ? 'service' : undefined;
    const children = type
      ? index.entities
          .filter((e) => e.type === type)
          .map((e) => ({ name: e.id, detail: describe(e), kind: e.type, span: e.span, selectionSpan: e.idSpan, children: [] }))
      : [];
    return { name: section.key, detail: type ? `${children.length}` : '', kind: 'section' as const, span, selectionSpan: section.keySpan, children };
  });
}

/** Spans worth folding: every map, list and entry (the server keeps those spanning lines). */
export function listFoldableSpans(index: EditorIndex): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < index.structure.length; i += 2) spans.push({ start: index.structure[i]!, end: index.structure[i + 1]! });
  return spans;
}

/** Nested spans around an offset, innermost first, for "expand selection". */
export function listEnclosingSpans(index: EditorIndex, offset: number, wordSpan?: Span): Span[] {
  const spans: Span[] = wordSpan ? [wordSpan] : [];
  for (let i = 0; i < index.structure.length; i += 2) {
    const start = index.structure[i]!;
    const end = index.structure[i + 1]!;
    if (start <= offset && offset <= end) spans.push({ start, end });
  }
  spans.sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start);
  // Each span must contain the previous one; drop any that do not nest.
  const nested: Span[] = [];
  for (const span of spans) {
    const last = nested[nested.length - 1];
    if (!last || (span.start <= last.start && span.end >= last.end && (span.start !== last.start || span.end !== last.end))) nested.push(span);
  }
  return nested;
}

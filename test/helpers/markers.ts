/**
 * Position markers for fixtures: `{|name|}` marks an offset and is removed from the text.
 * Lines and characters are computed on the text without markers.
 */
export function extractMarkers(marked: string): { text: string; offsets: Map<string, number>; position: (name: string) => { line: number; character: number } } {
  const offsets = new Map<string, number>();
  let text = '';
  let last = 0;
  for (const match of marked.matchAll(/\{\|([\w-]+)\|\}/g)) {
    text += marked.slice(last, match.index);
    offsets.set(match[1]!, text.length);
    last = match.index! + match[0].length;
  }
  text += marked.slice(last);
  const position = (name: string) => {
    const offset = offsets.get(name);
    if (offset === undefined) throw new Error(`no marker ${name}`);
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { text, offsets, position };
}

/** Applies LSP text edits to a text, as a client would. */
export function applyEdits(text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charAt(i) === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line]! + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

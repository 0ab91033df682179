/**
 * Mutations of real topology files for fuzzing: what an editor sees while a person types,
 * pastes and makes mistakes, and what an attacker might send.
 */
export type Mutation =
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-chars'; at: number }
  | { kind: 'garbage'; at: number; bytes: number[] }
  | { kind: 'huge-number'; at: number; digits: number }
  | { kind: 'unicode'; at: number; text: string }
  | { kind: 'deep-nesting'; at: number; depth: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'prototype-name'; at: number; name: string };

/** Names an object inherits; user text equal to one must stay plain data everywhere. */
export const prototypeNames = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = m.at % Math.max(1, lines.length);
  const offset = m.at % Math.max(1, text.length);
  switch (m.kind) {
    case 'delete-line':
      lines.splice(line, 1);
      return lines.join('\n');
    case 'duplicate-line':
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    case 'swap-chars':
      return text.slice(0, offset) + text.charAt(offset + 1) + text.charAt(offset) + text.slice(offset + 2);
    case 'garbage':
      return text.slice(0, offset) + String.fromCharCode(...m.bytes) + text.slice(offset);
    case 'huge-number':
      return text.slice(0, offset) + '9'.repeat(m.digits) + text.slice(offset);
    case 'unicode':
      return text.slice(0, offset) + m.text + text.slice(offset);
    case 'deep-nesting':
      return text.slice(0, offset) + '['.repeat(m.depth) + ']'.repeat(m.depth) + text.slice(offset);
    case 'indent':
      lines[line] = ' '.repeat(m.by) + (lines[line] ?? '');
      return lines.join('\n');
    case 'truncate':
      return text.slice(0, offset);
    case 'prototype-name': {
      // Replaces the word at or after the offset (an id, a kind, a tag or a description).
      const word = /[A-Za-z][A-Za-z0-9_-]*/g;
      word.lastIndex = offset;
      const match = word.exec(text);
      return match ? text.slice(0, match.index) + m.name + text.slice(match.index + match[0].length) : text;
    }
  }
}

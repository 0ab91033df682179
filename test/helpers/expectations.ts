/**
 * Inline expectations for fixtures. A comment line made of carets marks the columns of the
 * line above it (annotation lines are skipped when looking up) and names what is expected:
 *
 *     mtbf: 4 hourz
 *     #     ^^^^^^^ error invalid-duration Unknown duration unit
 *
 * The message part, if any, must occur in the diagnostic's message. When `#` is followed
 * directly by a caret, the `#` counts as a marked column too, which reaches column 0:
 *
 *     topolgy: x
 *     #^^^^^^ error schema Did you mean "topology"
 *
 * A line `# ignore: code, code` leaves diagnostics with those codes unchecked.
 */
export interface Expectation {
  readonly start: number;
  readonly end: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly line: number;
}

const annotation = /^(\s*)#(\s*)(\^+)\s+(error|warning|information|hint)\s+([\w-]+)\s*(.*)$/;

export function readExpectations(text: string): { expectations: Expectation[]; ignored: Set<string> } {
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const expectations: Expectation[] = [];
  const ignored = new Set<string>();
  let target = -1;
  lines.forEach((line, index) => {
    const ignore = /^\s*#\s*ignore:\s*(.*)$/.exec(line);
    if (ignore) {
      ignore[1]!.split(',').map((c) => c.trim()).filter(Boolean).forEach((c) => ignored.add(c));
      return;
    }
    const match = annotation.exec(line);
    if (!match) {
      target = index;
      return;
    }
    if (target < 0) throw new Error(`annotation on line ${index + 1} has no line above it`);
    const [, indent, gap, carets, severity, code, message] = match;
    const hashColumn = indent!.length;
    const start = gap === '' ? hashColumn : hashColumn + 1 + gap!.length;
    const end = hashColumn + 1 + gap!.length + carets!.length;
    expectations.push({
      start: lineStarts[target]! + start,
      end: lineStarts[target]! + end,
      severity: severity!,
      code: code!,
      message: message!.trim(),
      line: target + 1,
    });
  });
  return { expectations, ignored };
}

/** Returns readable mismatches between expected and actual diagnostics; empty when they agree. */
export function compareDiagnostics(
  text: string,
  expected: readonly Expectation[],
  actual: readonly { span: { start: number; end: number }; severity: string; code: string; message: string }[],
  ignored: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  const remaining = actual.filter((d) => !ignored.has(d.code));
  const describe = (d: { span: { start: number; end: number }; severity: string; code: string; message: string }) =>
    `${d.severity} ${d.code} at ${JSON.stringify(text.slice(d.span.start, d.span.end))} [${d.span.start},${d.span.end}): ${d.message}`;
  for (const e of expected) {
    const index = remaining.findIndex(
      (d) => d.span.start === e.start && d.span.end === e.end && d.severity === e.severity && d.code === e.code && d.message.includes(e.message),
    );
    if (index >= 0) {
      remaining.splice(index, 1);
      continue;
    }
    const near = remaining.filter((d) => d.code === e.code).map(describe);
    problems.push(
      `line ${e.line}: expected ${e.severity} ${e.code} at ${JSON.stringify(text.slice(e.start, e.end))} containing "${e.message}"` +
        (near.length ? `\n    got instead: ${near.join('\n                 ')}` : ''),
    );
  }
  for (const d of remaining) problems.push(`unexpected: ${describe(d)}`);
  return problems;
}

import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DiagnosticInContext, Severity, Span } from '../core';

/** The only place that turns the core's offsets into lines and columns, and back. */
export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function toSpan(document: TextDocument, range: Range): Span {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(document: TextDocument, diagnostic: Diagnostic): LspDiagnostic {
  return {
    range: toRange(document, diagnostic.span),
    severity: severities[diagnostic.severity],
    code: diagnostic.code,
    source: 'ha-topology',
    message: diagnostic.message,
    ...(diagnostic.code === 'unused-component' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(diagnostic.related
      ? {
          relatedInformation: diagnostic.related.map((r) => ({
            location: { uri: document.uri, range: toRange(document, r.span) },
            message: r.message,
          })),
        }
      : {}),
    ...(diagnostic.data ? { data: diagnostic.data } : {}),
  };
}

/** Reads back a diagnostic the client sends with a code-action request. */
export function fromLspDiagnostic(document: TextDocument, diagnostic: LspDiagnostic): DiagnosticInContext {
  return {
    code: String(diagnostic.code ?? ''),
    span: toSpan(document, diagnostic.range),
    ...(diagnostic.data && typeof diagnostic.data === 'object' ? { data: diagnostic.data as Record<string, unknown> } : {}),
  };
}

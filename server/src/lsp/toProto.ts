import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Severity, Span } from '../core';

/** The only place that turns the core's offsets into lines and columns. */
export function toRange(document: TextDocument, span: Span) {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
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

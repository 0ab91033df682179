import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis, ServiceFigures, Severity } from '../core';

/** One file's report in the JSON contract that other tools read (see README, "CLI"). */
export interface FileReport {
  readonly path: string;
  readonly diagnostics: readonly {
    readonly code: string;
    readonly severity: Severity;
    readonly message: string;
    readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
  readonly services: readonly ServiceFigures[];
}

/** Converts a core analysis (offsets) into the report (zero-based lines and characters). */
export function toFileReport(path: string, text: string, analysis: DocumentAnalysis): FileReport {
  const document = TextDocument.create(`file://${path}`, 'ha-topology', 0, text);
  return {
    path,
    diagnostics: analysis.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: { start: document.positionAt(d.span.start), end: document.positionAt(d.span.end) },
    })),
    services: analysis.services ?? [],
  };
}

export function hasErrors(report: FileReport): boolean {
  return report.diagnostics.some((d) => d.severity === 'error');
}

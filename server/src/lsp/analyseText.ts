import { analyseDocument, createSchemaValidator, defaultAnalysisOptions, indexDocument, parseAvailability, type EditorIndex } from '../core';
import type { AnalyseRequest } from '../protocol';

/** Analyses one request's text into an editor index; the worker and in-thread fallback share it. */
export function createTextAnalyser(schema: Record<string, unknown>): (request: AnalyseRequest) => EditorIndex {
  const validator = createSchemaValidator(schema);
  return (request) => {
    const sla = request.defaultSla ? parseAvailability(request.defaultSla) : undefined;
    const analysis = analyseDocument(request.text, {
      validator,
      analysis: { ...defaultAnalysisOptions, maxBddNodes: request.maxBddNodes },
      ...(sla?.ok ? { defaultSla: sla.value } : {}),
    });
    return indexDocument(analysis);
  };
}

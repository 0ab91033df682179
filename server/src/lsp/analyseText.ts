import { analyseDocument, createSchemaValidator, defaultAnalysisOptions, IncrementalParser, indexDocument, parseAvailability, type EditorIndex } from '../core';
import type { AnalyseRequest } from '../protocol';

/** Analyses one request's text into an editor index; the worker and in-thread fallback share it. */
export function createTextAnalyser(schema: Record<string, unknown>): (request: AnalyseRequest) => EditorIndex {
  const validator = createSchemaValidator(schema);
  // One incremental parser per document, for the most recently analysed documents.
  const parsers = new Map<string, IncrementalParser>();
  const parserFor = (uri: string): IncrementalParser => {
    const parser = parsers.get(uri) ?? new IncrementalParser();
    parsers.delete(uri);
    parsers.set(uri, parser);
    if (parsers.size > 16) parsers.delete(parsers.keys().next().value!);
    return parser;
  };
  return (request) => {
    const sla = request.defaultSla ? parseAvailability(request.defaultSla) : undefined;
    const analysis = analyseDocument(request.text, {
      validator,
      parser: parserFor(request.uri),
      analysis: { ...defaultAnalysisOptions, maxBddNodes: request.maxBddNodes },
      ...(sla?.ok ? { defaultSla: sla.value } : {}),
    });
    return indexDocument(analysis);
  };
}

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Diagnostic } from '../diagnostics';
import { resolvePath, toPlainValue, type MapNode, type SyntaxNode } from '../parse/syntax';
import { makeSpan, type Span } from '../text/span';
import { findClosest } from '../util/closest';
import { pruneValidEntries, type EntryChecks } from './pruneValidEntries';

export interface SchemaValidator {
  /** Validates the tree and returns one diagnostic per problem, at the narrowest node. */
  validate(root: SyntaxNode | undefined): Diagnostic[];
  /**
   * Compiles now what explaining errors needs (ajv, about 130 ms), which is otherwise compiled
   * for the first document with an error: a thread with time to spare calls it, so that the
   * first mistake typed is explained without that wait.
   */
  prepareExplanations(): void;
}

type JsonSchema = Record<string, unknown>;

/**
 * The schema compiled ahead of time into yes/no checks: of a whole document and, optionally,
 * of one component, one service and one id.
 */
export interface SchemaChecks extends Partial<EntryChecks> {
  readonly document: (data: unknown) => boolean;
}

/**
 * Compiles the topology schema once, when it is first needed. The caller passes the schema
 * object in, so the core never reads files; ajv's generated validators are reused for every
 * document.
 *
 * `checks`, when given, are the same schema compiled ahead of time into yes/no checks: a
 * document they accept needs no ajv at all, and ajv (about 130 ms to compile) is compiled only
 * for the first document with errors to explain.
 */
export function createSchemaValidator(schema: JsonSchema, checks?: SchemaChecks): SchemaValidator {
  let explain: ((data: unknown, root: SyntaxNode) => Diagnostic[]) | undefined;
  const entryChecks = checks?.component && checks.service && checks.id ? { component: checks.component, service: checks.service, id: checks.id } : undefined;
  const verdicts = { components: new WeakMap<object, boolean>(), services: new WeakMap<object, boolean>(), sections: new WeakMap<MapNode, Record<string, unknown>>() };
  return {
    validate(root) {
      if (root === undefined) {
        return [{ code: 'schema', severity: 'error', message: 'The file is empty: a topology needs `topology`, `components` and `services`. Start from the skeleton (quick fix, or completion).', span: makeSpan(0, 0), data: { empty: true } }];
      }
      // With checks of single entries, the valid ones are left out of what is checked and
      // explained; ajv finds the same errors either way (see pruneValidEntries).
      const data = entryChecks ? pruneValidEntries(root, entryChecks, verdicts) : toPlainValue(root);
      if (checks?.document(data)) return [];
      explain ??= compileExplainer(schema);
      return explain(data, root);
    },
    prepareExplanations() {
      explain ??= compileExplainer(schema);
    },
  };
}

/** Compiles the schema with ajv, with everything needed to explain its errors. */
function compileExplainer(schema: JsonSchema): (data: unknown, root: SyntaxNode) => Diagnostic[] {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true });
  const rootId = typeof schema.$id === 'string' ? schema.$id : 'topology';
  ajv.addSchema(schema, rootId);
  const validateRoot = ajv.getSchema(rootId)!;
  // ajv reports schema paths relative to the last $ref, so alternatives are found by the
  // identity of their schema objects (ajv keeps the originals) instead.
  const pointers = indexSchemaObjects(schema);
  const branchValidators = new Map<string, ValidateFunction | undefined>();
  const getBranch: BranchLookup = Object.assign(
    (alternatives: unknown, index: number): ValidateFunction | undefined => {
      const base = pointers.get(alternatives as object);
      if (base === undefined) return undefined;
      const pointer = `${base}/${index}`;
      if (!branchValidators.has(pointer)) branchValidators.set(pointer, ajv.getSchema(`${rootId}#${pointer}`));
      return branchValidators.get(pointer);
    },
    { resolve: (ref: string) => ajv.getSchema(`${rootId}${ref}`)?.schema },
  );
  return (data, root) => {
    if (validateRoot(data)) return [];
    const errors = dropRequiredMisspelt(collapseAlternatives(validateRoot.errors ?? [], getBranch));
    return dedupe(errors.map((error) => toDiagnostic(error, root)));
  };
}

/**
 * Replaces every failed `anyOf` / `oneOf` with the errors of its most plausible branch,
 * so that a person reads one message instead of one per alternative. A branch is
 * plausible when the value has the branch's type and carries its distinguishing key.
 */
interface BranchLookup {
  (alternatives: unknown, index: number): ValidateFunction | undefined;
  /** The schema object a local `$ref` points to. */
  resolve(ref: string): unknown;
}

/** Maps every object and array inside the schema to its JSON pointer. */
function indexSchemaObjects(schema: unknown): Map<object, string> {
  const pointers = new Map<object, string>();
  const visit = (value: unknown, pointer: string) => {
    if (typeof value !== 'object' || value === null || pointers.has(value)) return;
    pointers.set(value, pointer);
    for (const [key, child] of Object.entries(value)) visit(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  visit(schema, '');
  return pointers;
}

function collapseAlternatives(errors: readonly ErrorObject[], getBranch: BranchLookup): ErrorObject[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (alternatives.length === 0) return errors.filter((e) => e.keyword !== 'propertyNames');
  // The outermost alternative at each place wins: it is the shallowest path, reported last.
  const outer: ErrorObject[] = [];
  for (const alt of [...alternatives].reverse()) {
    if (!outer.some((o) => isAtOrUnder(alt.instancePath, o.instancePath))) outer.push(alt);
  }
  const kept = errors.filter(
    (e) => e.keyword !== 'propertyNames' && !outer.some((o) => isAtOrUnder(e.instancePath, o.instancePath)),
  );
  for (const alt of outer) kept.push(...explainAlternative(alt, getBranch));
  return kept;
}

function explainAlternative(alt: ErrorObject, getBranch: BranchLookup): ErrorObject[] {
  const branches = Array.isArray(alt.schema) ? (alt.schema as JsonSchema[]) : [];
  const scored = branches.map((_, index) => {
    const validate = getBranch(alt.schema, index);
    if (!validate) return { index, errors: [] as ErrorObject[], score: 4 };
    if (validate(alt.data)) return { index, errors: [] as ErrorObject[], score: 0 };
    const errors = collapseAlternatives(
      (validate.errors ?? []).map((e) => ({ ...e, instancePath: alt.instancePath + e.instancePath })),
      getBranch,
    );
    const atValue = errors.filter((e) => e.instancePath === alt.instancePath);
    // A branch of another type than the value (a duration for a map) is the least plausible.
    const types = typesOf(branches[index], getBranch);
    const wrongType = atValue.some((e) => e.keyword === 'type') || (types !== undefined && !types.has(jsonTypeOf(alt.data)));
    const score = wrongType ? 3 : atValue.some((e) => e.keyword === 'required') ? 2 : 1;
    return { index, errors, score };
  });
  scored.sort((a, b) => a.score - b.score || a.errors.length - b.errors.length);
  const best = scored[0];
  if (!best || best.score === 0) return [];
  if (best.score === 1) return best.errors;
  if (best.score === 4) return [{ ...alt, message: undefined }];
  const data = alt.data;
  if (best.score === 2 && isPlainObject(data)) {
    // No branch fits: keys that no object branch knows are the likeliest cause.
    const known = new Set(scored.flatMap((s) => knownKeys(s.errors, alt.instancePath)));
    const unknown = Object.keys(data).filter((key) => !known.has(key));
    if (unknown.length > 0) {
      return unknown.map((key) => ({
        ...alt,
        keyword: 'additionalProperties',
        params: { additionalProperty: key, allowed: [...known] },
        message: undefined,
      }));
    }
    return best.errors;
  }
  const titles = branches.map((branch) => describeBranch(branch, getBranch)).filter((t): t is string => !!t);
  return [{ ...alt, keyword: 'anyOf', params: { expected: titles }, message: undefined }];
}

/** The JSON types a branch accepts, through `$ref`s and alternatives; undefined when it does not say. */
function typesOf(branch: JsonSchema | undefined, getBranch: BranchLookup, depth = 0): Set<string> | undefined {
  if (!branch || depth > 8) return undefined;
  if (typeof branch.$ref === 'string') return typesOf(getBranch.resolve(branch.$ref.replace(/^[^#]*/, '')) as JsonSchema | undefined, getBranch, depth + 1);
  if (typeof branch.type === 'string') return new Set(branch.type === 'integer' ? ['number'] : [branch.type]);
  if (Array.isArray(branch.type)) return new Set((branch.type as string[]).map((t) => (t === 'integer' ? 'number' : t)));
  const alternatives = (branch.anyOf ?? branch.oneOf) as JsonSchema[] | undefined;
  if (!Array.isArray(alternatives)) return undefined;
  const union = new Set<string>();
  for (const alternative of alternatives) {
    const types = typesOf(alternative, getBranch, depth + 1);
    if (!types) return undefined;
    for (const t of types) union.add(t);
  }
  return union;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

/**
 * A misspelt required key gives two errors, the unknown key and the missing one; the first
 * says it all ("Did you mean …?"), so the second is dropped: one message per mistake.
 */
function dropRequiredMisspelt(errors: readonly ErrorObject[]): ErrorObject[] {
  const unknownAt = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    unknownAt.set(e.instancePath, [...(unknownAt.get(e.instancePath) ?? []), String((e.params as Record<string, unknown>).additionalProperty)]);
  }
  return errors.filter((e) => {
    if (e.keyword !== 'required') return true;
    const missing = String((e.params as Record<string, unknown>).missingProperty);
    return !(unknownAt.get(e.instancePath) ?? []).some((key) => findClosest(key, [missing]) === missing);
  });
}

function knownKeys(errors: readonly ErrorObject[], at: string): string[] {
  const keys: string[] = [];
  for (const e of errors) {
    if (e.instancePath !== at) continue;
    const properties = (e.parentSchema as JsonSchema | undefined)?.properties;
    if (properties && typeof properties === 'object') keys.push(...Object.keys(properties));
  }
  return keys;
}

function describeBranch(branch: JsonSchema, getBranch: BranchLookup): string | undefined {
  const target = typeof branch.$ref === 'string' ? (getBranch.resolve(branch.$ref) as JsonSchema | undefined) : branch;
  const title = typeof target?.title === 'string' ? target.title : typeof target?.type === 'string' ? target.type : undefined;
  return title === undefined ? undefined : withArticle(title);
}

function withArticle(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

function isAtOrUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.span.start}:${d.span.end}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function toDiagnostic(error: ErrorObject, root: SyntaxNode): Diagnostic {
  const segments = splitPointer(error.instancePath);
  const found = resolvePath(root, segments);
  const valueSpan: Span = found.node?.span ?? found.reached.span;
  const holderSpan: Span = found.entry?.keySpan ?? valueSpan;
  const { message, span, data } = describeError(error, found.node, valueSpan, holderSpan, segments);
  return { code: 'schema', severity: 'error', message, span, ...(data ? { data } : {}) };
}

function keySpanIn(node: SyntaxNode | undefined, key: string): Span | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.entries.find((e) => e.key === key)?.keySpan;
}

function nameOf(error: ErrorObject, segments: readonly string[]): string {
  const schema = error.parentSchema as JsonSchema | undefined;
  if (typeof schema?.title === 'string') return schema.title;
  const last = segments[segments.length - 1];
  return last !== undefined ? `"${last}"` : 'the topology';
}

function describeError(
  error: ErrorObject,
  node: SyntaxNode | undefined,
  valueSpan: Span,
  holderSpan: Span,
  segments: readonly string[],
): { message: string; span: Span; data?: { suggestion: string; key: string; textSpan: Span } } {
  const params = error.params as Record<string, unknown>;
  const name = nameOf(error, segments);
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    return {
      message: `"${propertyName}" is not a valid id: an id starts with a letter, then letters, digits, "_", "." or "-".`,
      span: keySpanIn(node, propertyName) ?? valueSpan,
    };
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Array.isArray(params.allowed)
        ? (params.allowed as string[])
        : Object.keys(((error.parentSchema as JsonSchema | undefined)?.properties as JsonSchema | undefined) ?? {});
      const suggestion = findClosest(key, allowed);
      const where = segments.length === 0 ? 'at the top level' : `in ${name}`;
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : allowed.length ? ` Expected one of: ${allowed.join(', ')}.` : '';
      const keyNode = node?.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined;
      const span = keyNode?.keySpan ?? valueSpan;
      // A quick fix renames the key where it is written (its own text, not an alias).
      const data = suggestion && keyNode ? { suggestion, key, textSpan: keyNode.keyOrigin ?? keyNode.keySpan } : undefined;
      return { message: `Unknown key "${key}" ${where}.${hint}`, span, ...(data ? { data } : {}) };
    }
    case 'required': {
      const last = segments[segments.length - 1];
      const where = last === undefined ? 'The topology' : /^\d+$/.test(last) ? `This ${name}` : `${capitalize(name)} "${last}"`;
      const span = segments.length === 0 ? firstKeySpan(node) ?? valueSpan : holderSpan;
      return { message: `${where} is missing the required key "${String(params.missingProperty)}".`, span };
    }
    case 'type':
      return { message: `Expected ${article(String(params.type))} for ${name}, found ${describeValue(error.data)}.`, span: valueSpan };
    case 'enum':
      return { message: `${capitalize(name)} must be one of: ${(params.allowedValues as unknown[]).join(', ')}.`, span: valueSpan };
    case 'pattern': {
      const description = (error.parentSchema as JsonSchema | undefined)?.description;
      return { message: `${describeValue(error.data)} is not a valid ${name}.${description ? ` ${String(description)}` : ''}`, span: valueSpan };
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const relation = { minimum: 'at least', exclusiveMinimum: 'greater than', maximum: 'at most', exclusiveMaximum: 'less than' }[error.keyword];
      return { message: `${capitalize(name)} must be ${relation} ${String(params.limit)}, found ${describeValue(error.data)}.`, span: valueSpan };
    }
    case 'minItems':
      return { message: `${capitalize(name)} needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}.`, span: valueSpan };
    case 'minLength':
      return { message: `${capitalize(name)} must not be empty.`, span: valueSpan };
    case 'anyOf':
    case 'oneOf': {
      const expected = Array.isArray(params.expected) ? (params.expected as string[]) : [];
      const what = typeof (error.parentSchema as JsonSchema | undefined)?.title === 'string' ? name : 'this value';
      return {
        message: `${describeValue(error.data)} is not a valid ${what}${expected.length ? `: expected ${joinAlternatives(expected)}` : ''}.`,
        span: valueSpan,
      };
    }
    default:
      return { message: `${capitalize(name)} ${error.message ?? 'is not valid'}.`, span: valueSpan };
  }
}

function firstKeySpan(node: SyntaxNode | undefined): Span | undefined {
  return node?.kind === 'map' ? node.entries[0]?.keySpan : undefined;
}

function joinAlternatives(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function article(type: string): string {
  const word = type === 'object' ? 'map' : type === 'array' ? 'list' : type === 'integer' ? 'whole number' : type;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

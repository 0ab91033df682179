/** A JSON schema as plain data (the topology schema). */
type JsonSchema = Record<string, unknown>;

/** A documented key of the schema and the object it belongs to. */
interface KeyDoc {
  /** The property or definition that holds the key ('root' at the top level). */
  readonly owner: string;
  readonly title?: string;
  readonly doc: string;
}

/** Every documented key of a schema by name, found once per schema object. */
const docsBySchema = new WeakMap<JsonSchema, Map<string, KeyDoc[]>>();

function indexKeyDocs(schema: JsonSchema): Map<string, KeyDoc[]> {
  const known = docsBySchema.get(schema);
  if (known) return known;
  const docs = new Map<string, KeyDoc[]>();
  const visit = (node: unknown, owner: string, depth: number): void => {
    if (typeof node !== 'object' || node === null || depth > 12) return;
    const object = node as JsonSchema;
    const properties = object.properties as Record<string, JsonSchema> | undefined;
    for (const [key, written] of Object.entries(properties ?? {})) {
      // A property that only points at a definition is documented there.
      const property = { ...resolveRef(schema, written), ...written };
      const doc = property.markdownDescription ?? property.description;
      if (typeof doc === 'string') {
        const list = docs.get(key) ?? [];
        list.push({ owner, doc, ...(typeof property.title === 'string' ? { title: property.title } : {}) });
        docs.set(key, list);
      }
      visit(property, key, depth + 1);
    }
    for (const nested of ['items', 'additionalProperties'] as const) visit(object[nested], owner, depth + 1);
    for (const alternatives of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (Array.isArray(object[alternatives])) for (const alternative of object[alternatives] as unknown[]) visit(alternative, owner, depth + 1);
    }
  };
  visit(schema, 'root', 0);
  for (const [name, definition] of Object.entries((schema.definitions ?? {}) as Record<string, unknown>)) visit(definition, name, 1);
  docsBySchema.set(schema, docs);
  return docs;
}

function resolveRef(schema: JsonSchema, node: JsonSchema): JsonSchema {
  if (typeof node.$ref !== 'string' || !node.$ref.startsWith('#/')) return {};
  const target = node.$ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, segment) => (typeof at === 'object' && at !== null ? (at as JsonSchema)[segment] : undefined), schema);
  return typeof target === 'object' && target !== null ? (target as JsonSchema) : {};
}

/**
 * The hover of a key: what the schema says about it, for the object it is written in.
 * Undefined where the offset is not on a key the schema documents.
 */
export function describeKeyAt(text: string, offset: number, schema: JsonSchema): { markdown: string; span: { start: number; end: number } } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && /[A-Za-z0-9_]/.test(text.charAt(start - 1))) start--;
  while (end < text.length && /[A-Za-z0-9_]/.test(text.charAt(end))) end++;
  if (start === end) return undefined;
  let colon = end;
  while (text.charAt(colon) === ' ') colon++;
  if (text.charAt(colon) !== ':') return undefined;
  const key = text.slice(start, end);
  const candidates = indexKeyDocs(schema).get(key);
  if (!candidates || candidates.length === 0) return undefined;
  const parent = findParentKey(text, start);
  const chosen = candidates.find((c) => ownsKey(c.owner, parent)) ?? candidates[0]!;
  return { markdown: `**${key}**${chosen.title && chosen.title !== key ? ` · ${chosen.title}` : ''}\n\n${chosen.doc}`, span: { start, end } };
}

/** Whether a schema owner is the object that a parent key in the text opens. */
function ownsKey(owner: string, parent: { key: string | undefined; section: string | undefined }): boolean {
  if (parent.key === undefined) return owner === 'root';
  if (owner === parent.key || owner === `${parent.key}Map`) return true;
  // Directly under an id in `components`, `services` or `defaults`: that entity's own keys.
  if (parent.section === 'components' && parent.key !== 'components') return owner === 'component';
  if (parent.section === 'services' && parent.key !== 'services') return owner === 'service';
  if (parent.section === 'defaults' && parent.key !== 'defaults') return owner === 'failureData';
  return false;
}

/**
 * The key whose value holds the key at `at`: the one before an unclosed `{` on the same line,
 * or else the nearest line above with less indentation; and the top-level section it is in.
 */
function findParentKey(text: string, at: number): { key: string | undefined; section: string | undefined } {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let depth = 0;
  for (let i = at - 1; i >= lineStart; i--) {
    const c = text.charAt(i);
    if (c === '}' || c === ']') depth++;
    else if (c === '[') depth--;
    else if (c === '{') {
      if (depth === 0) {
        const before = /([A-Za-z0-9_.-]+)\s*:\s*$/.exec(text.slice(lineStart, i));
        if (before) return { key: before[1], section: findSection(text, lineStart) };
        break;
      }
      depth--;
    }
  }
  const line = text.slice(lineStart, at);
  const indent = /^[ -]*/.exec(line)![0].length;
  for (let end = lineStart - 1; end > 0; ) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const above = text.slice(start, end);
    end = start - 1;
    if (!above.trim() || above.trimStart().startsWith('#')) continue;
    const aboveIndent = /^[ -]*/.exec(above)![0].length;
    if (aboveIndent >= indent) continue;
    const key = /^[ -]*([A-Za-z0-9_.-]+)\s*:/.exec(above);
    return { key: key?.[1], section: findSection(text, start) };
  }
  return { key: undefined, section: undefined };
}

/** The top-level key of the section a line is in. */
function findSection(text: string, lineStart: number): string | undefined {
  for (let start = lineStart; ; start = text.lastIndexOf('\n', start - 2) + 1) {
    const match = /^([A-Za-z0-9_.-]+)\s*:/.exec(text.slice(start, start + 200));
    if (match) return match[1];
    if (start === 0) return undefined;
  }
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { indexDocument, listCodeActions, renameId, type Component, type Reference, type Requirement, type Span, type Topology } from '../../../server/src/core';
import { analyse } from '../../helpers/core';

// Files that share text through YAML anchors: anchored requirement lists (`&r1 [a, b]` and
// `*r1`), anchored bodies used whole (`c3: *b1`) and merged (`<<: *b1`). Every edit that
// rename and the code actions return must change exactly what it says, never through an alias.

type Form = 'flow' | 'block' | 'alias-body' | 'merge';

interface ComponentSpec {
  readonly form: Form;
  readonly availability: number;
  readonly refs: readonly number[];
  readonly anchorRequires: boolean;
  readonly aliasRequires: number;
  readonly anchorBody: boolean;
  readonly replicas: number;
  readonly typo: boolean;
  readonly pick: number;
}

const componentSpec = fc.record({
  form: fc.constantFrom<Form>('flow', 'block', 'alias-body', 'merge'),
  availability: fc.integer({ min: 90, max: 99 }),
  refs: fc.uniqueArray(fc.nat({ max: 7 }), { maxLength: 3 }),
  anchorRequires: fc.boolean(),
  aliasRequires: fc.nat({ max: 7 }),
  anchorBody: fc.boolean(),
  replicas: fc.integer({ min: 1, max: 3 }),
  typo: fc.boolean(),
  pick: fc.nat(),
});

const fileSpec = fc.record({
  components: fc.array(componentSpec, { minLength: 2, maxLength: 8 }),
  services: fc.array(fc.record({ refs: fc.uniqueArray(fc.nat({ max: 7 }), { minLength: 1, maxLength: 3 }), aliasRequires: fc.nat({ max: 7 }), useAlias: fc.boolean() }), { minLength: 1, maxLength: 3 }),
});

/** Writes the YAML text: anchors only ever come before their aliases. */
type FileSpec = typeof fileSpec extends fc.Arbitrary<infer T> ? T : never;

function writeFile(spec: FileSpec): string {
  const n = spec.components.length;
  const lines = ['topology: generated', 'components:'];
  const requireAnchors: number[] = [];
  const bodyAnchors: number[] = [];
  const refList = (c: ComponentSpec, i: number) => {
    const ids = c.refs.filter((r) => r < n && r !== i).map((r) => `c${r}`);
    if (c.typo && ids.length > 0) ids[0] = `${ids[0]}x`;
    return `[${ids.join(', ')}]`;
  };
  spec.components.forEach((c, i) => {
    // Called only by the forms that write a requirement list, so an anchor is registered only once written.
    const writeRequires = () => {
      if (requireAnchors.length > 0 && c.aliasRequires % 3 === 0) return `*r${requireAnchors[c.aliasRequires % requireAnchors.length]}`;
      if (!c.anchorRequires || refList(c, i) === '[]') return refList(c, i);
      requireAnchors.push(i);
      return `&r${i} ${refList(c, i)}`;
    };
    const replicas = c.replicas > 1 ? `, replicas: ${c.replicas}` : '';
    const body = bodyAnchors.length > 0 ? bodyAnchors[c.pick % bodyAnchors.length] : undefined;
    if (c.form === 'alias-body' && body !== undefined) {
      lines.push(`  c${i}: *b${body}`);
    } else if (c.form === 'merge' && body !== undefined) {
      lines.push(`  c${i}:`, `    <<: *b${body}`);
      if (c.replicas > 1) lines.push(`    replicas: ${c.replicas}`);
      if (c.pick % 2 === 0) lines.push(`    availability: ${c.availability}%`);
    } else if (c.form === 'block') {
      lines.push(`  c${i}:`, `    kind: server`, `    availability: ${c.availability}%`, `    requires: ${writeRequires()}`);
      if (c.replicas > 1) lines.push(`    replicas: ${c.replicas}`);
    } else {
      const anchor = c.anchorBody ? `&b${i} ` : '';
      const requires = writeRequires();
      if (c.anchorBody) bodyAnchors.push(i);
      lines.push(`  c${i}: ${anchor}{ kind: server, availability: ${c.availability}%, requires: ${requires}${replicas} }`);
    }
  });
  lines.push('services:');
  spec.services.forEach((s, i) => {
    const ids = [...new Set(s.refs.map((r) => `c${r % n}`))];
    const group = s.useAlias && requireAnchors.length > 0 ? `{ any: *r${requireAnchors[s.aliasRequires % requireAnchors.length]} }` : `{ any: [${ids.join(', ')}] }`;
    lines.push(`  s${i}: { requires: [${ids[0] ?? 'c0'}, ${group}] }`);
  });
  return `${lines.join('\n')}\n`;
}

/** What the file means once aliases and merges are expanded: every entity's resolved data. */
function meaningOf(topology: Topology, rename: (id: string) => string = (id) => id): Map<string, string> {
  const requirement = (r: Requirement): unknown => (r.kind === 'ref' ? rename(r.id) : { [r.kind]: r.threshold, of: r.members.map(requirement) });
  const meaning = new Map<string, string>();
  for (const c of topology.components.values()) {
    meaning.set(rename(c.id), JSON.stringify({ kind: c.kind, failure: c.failure, replicas: c.replicas, quorum: c.quorum, requires: c.requires.map(requirement) }));
  }
  for (const s of topology.services.values()) meaning.set(rename(s.id), JSON.stringify({ service: true, failure: s.failure, requires: s.requires.map(requirement) }));
  return meaning;
}

function applyEdits(text: string, edits: readonly { span: { start: number; end: number }; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]!.span.end <= sorted[i - 1]!.span.start, 'edits do not overlap');
  return sorted.reduce((result, edit) => result.slice(0, edit.span.start) + edit.newText + result.slice(edit.span.end), text);
}

const read = (text: string) => analyse(text, { analyse: false });
const syntaxErrors = (text: string) => read(text).diagnostics.filter((d) => d.code === 'yaml-syntax' || d.code === 'duplicate-key' || d.code === 'schema');

describe('edits never go through an alias', () => {
  it('rename changes the id everywhere it is written and nothing else', () => {
    fc.assert(
      fc.property(fileSpec, fc.nat(), (spec, which) => {
        const text = writeFile(spec);
        const before = read(text);
        const ids = [...before.topology.components.keys()];
        const id = ids[which % ids.length]!;
        const result = renameId(indexDocument(before), text, id, 'renamed-x');
        assert.ok(result.ok, `rename of ${id} in\n${text}`);
        const edited = applyEdits(text, result.edits);
        const after = read(edited);
        assert.deepEqual(syntaxErrors(edited), syntaxErrors(text).length ? syntaxErrors(edited) : [], edited);
        assert.deepEqual(meaningOf(after.topology), meaningOf(before.topology, (x) => (x === id ? 'renamed-x' : x)), `rename ${id}:\n${text}\n→\n${edited}`);
      }),
      { seed: 21, numRuns: 300 },
    );
  });

  it('every quick fix and refactoring changes only what it says', () => {
    let checked = 0;
    fc.assert(
      fc.property(fileSpec, (spec) => {
        const text = writeFile(spec);
        const before = read(text);
        assert.deepEqual(syntaxErrors(text), [], `the generator writes valid files:\n${text}`);
        const index = indexDocument(before);
        // Ask for actions at every id and every reference, with every diagnostic in context.
        const offsets = [...index.entities.map((e) => e.idSpan.start), ...index.references.map((r) => r.span.start + 1)];
        for (const offset of offsets) {
          const actions = listCodeActions(index, text, { start: offset, end: offset }, before.diagnostics);
          for (const action of actions) {
            const edited = applyEdits(text, action.edits);
            const after = read(edited);
            const context = `${action.title}:\n${text}\n→\n${edited}`;
            assert.deepEqual(syntaxErrors(edited).map((d) => d.message), syntaxErrors(text).map((d) => d.message), context);
            const diagnostic = action.fixes === undefined ? undefined : before.diagnostics[action.fixes];
            assert.deepEqual(meaningOf(after.topology), meaningOf(expectedTopology(action.title, before.topology, offset, diagnostic?.data)), context);
            checked++;
          }
        }
      }),
      { seed: 22, numRuns: 100 },
    );
    assert.ok(checked > 100, `${checked} actions checked`);
  });
});

/** The model each kind of action promises: its own change and nothing else. */
function expectedTopology(title: string, topology: Topology, offset: number, data: { readonly [key: string]: unknown } | undefined): Topology {
  let match: RegExpExecArray | null;
  if ((match = /^Add a replica to "([^"]+)" \(replicas: (\d+)\)$/.exec(title))) {
    const id = match[1]!;
    const replicas = Number(match[2]);
    return { ...topology, components: new Map([...topology.components].map(([k, c]) => [k, k === id ? { ...c, replicas } : c])) };
  }
  if ((match = /^Change to "([^"]+)"$/.exec(title))) {
    // Every reference written at the fixed place (one, or many through an alias) reads the suggestion.
    const place = data?.textSpan as Span;
    const suggestion = match[1]!;
    return mapReferences(topology, (ref) => (isAt(ref.origin ?? ref.span, place) ? { ...ref, id: suggestion } : ref));
  }
  if ((match = /^Create component "([^"]+)"$/.exec(title))) {
    const stub: Component = {
      type: 'component', id: match[1]!, idSpan: { start: 0, end: 0 }, span: { start: 0, end: 0 }, kind: 'other',
      failure: { kind: 'rates', mtbfHours: 8760, mttrHours: 4, availability: 8760 / 8764, unavailability: 4 / 8764, frequency: 1 / 8764, source: 'own' },
      requires: [], replicas: 1, quorum: 1, tags: [],
    };
    return { ...topology, components: new Map([...topology.components, [stub.id, stub]]) };
  }
  if ((match = /^Make "([^"]+)" redundant: require any of "[^"]+" and a copy "([^"]+)"$/.exec(title))) {
    // The reference at the cursor becomes { any: [x, copy] }, and the copy means what x means.
    const [id, copy] = [match[1]!, match[2]!];
    const changed = mapReferences(topology, (ref): Requirement =>
      !ref.origin && ref.id === id && ref.span.start <= offset && offset <= ref.span.end
        ? { kind: 'any', threshold: 1, members: [ref, { kind: 'ref', id: copy, span: ref.span }], span: ref.span, keySpan: ref.span }
        : ref,
    );
    const original = topology.components.get(id)!;
    return { ...changed, components: new Map([...changed.components, [copy, { ...changed.components.get(id)!, ...original, id: copy, requires: changed.components.get(id)!.requires }]]) };
  }
  throw new Error(`an action this test does not know: ${title}`);
}

function mapReferences(topology: Topology, map: (ref: Reference) => Requirement): Topology {
  const mapAll = (requirements: readonly Requirement[]): Requirement[] => requirements.map((r) => (r.kind === 'ref' ? map(r) : { ...r, members: mapAll(r.members) }));
  return {
    ...topology,
    components: new Map([...topology.components].map(([k, c]) => [k, { ...c, requires: mapAll(c.requires) }])),
    services: new Map([...topology.services].map(([k, s]) => [k, { ...s, requires: mapAll(s.requires) }])),
  };
}

function isAt(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './helpers/core';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'topology.schema.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

type Schema = Record<string, unknown>;

function resolve(node: Schema): Schema {
  if (typeof node.$ref !== 'string') return node;
  const target = node.$ref.replace(/^#\//, '').split('/').reduce<Schema>((at, key) => at[key] as Schema, schema);
  return { ...resolve(target), ...node };
}

/** Every property the schema defines, with the path that reaches it. */
function collectProperties(node: Schema, path: string, seen = new Set<unknown>()): { path: string; schema: Schema }[] {
  // Recursive definitions (a requirement holds requirements) are visited once, by their $ref.
  const key = typeof node.$ref === 'string' ? node.$ref : node;
  if (seen.has(key)) return [];
  seen.add(key);
  const resolved = resolve(node);
  const found: { path: string; schema: Schema }[] = [];
  for (const [name, child] of Object.entries((resolved.properties ?? {}) as Record<string, Schema>)) {
    found.push({ path: `${path}.${name}`, schema: child }, ...collectProperties(child, `${path}.${name}`, seen));
  }
  for (const keyword of ['additionalProperties', 'items']) {
    const child = resolved[keyword];
    if (child && typeof child === 'object') found.push(...collectProperties(child as Schema, `${path}.*`, seen));
  }
  for (const keyword of ['anyOf', 'oneOf']) {
    for (const branch of (resolved[keyword] ?? []) as Schema[]) found.push(...collectProperties(branch, path, seen));
  }
  return found;
}

describe('the topology schema', () => {
  const properties = collectProperties(schema, '$');

  it('documents every property with a description, a markdownDescription and examples', () => {
    assert.ok(properties.length >= 20, `found ${properties.length} properties`);
    const missing = properties.flatMap(({ path, schema: property }) => {
      const resolved = resolve(property);
      return ['description', 'markdownDescription', 'examples'].filter((k) => resolved[k] === undefined).map((k) => `${path} lacks ${k}`);
    });
    assert.deepEqual(missing, []);
  });

  it('lists exactly the component kinds of the format', () => {
    const kinds = ((schema.definitions.kind.anyOf as Schema[])[0]!.enum as string[]).slice().sort();
    assert.deepEqual(kinds, ['application', 'container', 'cooling', 'database', 'disk', 'dns', 'firewall', 'hypervisor', 'load-balancer', 'network', 'other', 'power', 'router', 'server', 'service', 'storage', 'switch', 'vm']);
  });
});

describe('the extension manifest', () => {
  it('declares the language for .ha.yaml, .ha.yml and a "# ha-topology" first line', () => {
    const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'ha-topology');
    assert.deepEqual(language.extensions, ['.ha.yaml', '.ha.yml']);
    const firstLine = new RegExp(language.firstLine);
    assert.ok(firstLine.test('# ha-topology'));
    assert.ok(firstLine.test('#ha-topology: hosting'));
    assert.ok(!firstLine.test('# ha-topologyx'));
    assert.ok(!firstLine.test('topology: x'));
    assert.ok(existsSync(join(repoRoot, language.configuration)));
  });

  it('points the grammar, the YAML extension and the client at files that exist', () => {
    for (const grammar of manifest.contributes.grammars) assert.ok(existsSync(join(repoRoot, grammar.path)));
    for (const validation of manifest.contributes.yamlValidation) assert.ok(existsSync(join(repoRoot, validation.url)));
    assert.ok(existsSync(join(repoRoot, manifest.main)));
    assert.ok(existsSync(join(repoRoot, manifest.bin['ha-topology'])));
  });

  it('registers in the client every command it contributes', () => {
    const client = readFileSync(join(repoRoot, 'client', 'src', 'extension.ts'), 'utf8');
    for (const command of manifest.contributes.commands) assert.ok(client.includes(`'${command.command}'`), command.command);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildGraph, describeEntity, foldGraph, indexDocument, listCompletions, listInlineFigures } from '../../server/src/core';
import { loadSchema } from '../../server/src/node/packageFiles';
import { runIn } from '../helpers/cli';
import { analyse } from '../helpers/core';
import { prototypeNames } from '../helpers/mutate';

// User text that equals a name every object inherits must behave like any other text: as an
// id, a kind, a tag, a description, a key the schema does not know.
function topologyNamed(name: string): string {
  return [
    `topology: ${name}`,
    'components:',
    `  ${name}: { kind: ${name}, availability: 99%, tags: [${name}], description: ${name} }`,
    `  other: { kind: server, availability: 99.5%, requires: [${name}], ${name}: 1 }`,
    'services:',
    `  web: { requires: [{ any: [${name}, other] }], description: ${name} }`,
    '',
  ].join('\n');
}

describe('names are data, never code', () => {
  for (const name of prototypeNames) {
    it(`"${name}" as an id, a kind, a tag, a description and a key`, async () => {
      const text = topologyNamed(name);
      const result = analyse(text);
      assert.ok(!result.diagnostics.some((d) => d.code === 'analysis-failed'), result.diagnostics.map((d) => d.message).join('\n'));
      const id = /^[A-Za-z]/.test(name) ? name : undefined;
      if (id) {
        assert.ok(result.topology.components.has(id), 'the component is in the model');
        assert.equal(result.topology.components.get(id)!.kind, id);
        const kindHint = result.diagnostics.find((d) => d.code === 'unknown-kind');
        assert.ok(kindHint, 'an unknown kind is a hint, like any other unknown kind');
      }
      const web = result.services!.find((s) => s.id === 'web')!;
      assert.ok(web.availability > 0.9 && web.availability < 1);
      const graph = buildGraph(result);
      const view = foldGraph(graph, new Set(), 400);
      assert.ok(view.nodes.length >= 3);
      const index = indexDocument(result);
      assert.ok(listCompletions(index, text, text.indexOf('requires: [') + 11, loadSchema()).items.length > 0);
      for (const entity of index.entities) assert.ok(describeEntity(index, entity, 'auto').length > 0);
      assert.ok(listInlineFigures(index, text, 'auto').length > 0);

      // The CLI writes the report and every format without an internal error.
      const folder = mkdtempSync(join(tmpdir(), 'ha-names-'));
      writeFileSync(join(folder, 'names.ha.yaml'), text);
      for (const format of ['text', 'json', 'sarif', 'markdown']) {
        const run = await runIn(folder, ['check', '--format', format, 'names.ha.yaml']);
        assert.ok(run.code === 0 || run.code === 1, `check --format ${format}: exit ${run.code} ${run.stderr}`);
      }
      const report = await runIn(folder, ['report', 'names.ha.yaml', '-o', 'report.html']);
      assert.ok(report.code === 0 || report.code === 1, `report: exit ${report.code} ${report.stderr}`);
      assert.match(readFileSync(join(folder, 'report.html'), 'utf8'), /<svg/);
    });
  }
});

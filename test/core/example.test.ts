import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse, readFixture } from '../helpers/core';
import { compareDiagnostics, readExpectations } from '../helpers/expectations';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/core';

const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');

describe('the bundled example', () => {
  it('has no errors and reports every service', () => {
    const result = analyse(example);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.ok(result.topology.components.size >= 20, 'at least 20 components');
    assert.ok(result.topology.services.size >= 5, 'at least 5 services');
    assert.equal(result.services?.length, result.topology.services.size);
  });

  // Each mistake, made once in the example, must give exactly one new error, at the text it names.
  const mistakes: { name: string; find: string; replace: string; code: string; marked: string }[] = [
    { name: 'bad duration unit', find: 'mttr: 12h', replace: 'mttr: 12 hrz', code: 'invalid-duration', marked: '12 hrz' },
    { name: 'typo in a reference', find: 'requires: [pdu-a, firewall]', replace: 'requires: [pdu-a, firewal]', code: 'unknown-reference', marked: 'firewal' },
    { name: 'typo in a key', find: '    mtbf: 4380h', replace: '    mtfb: 4380h', code: 'schema', marked: 'mtfb' },
    { name: 'availability above 100%', find: 'availability: 99.99%', replace: 'availability: 109.99%', code: 'invalid-availability', marked: '109.99%' },
    { name: 'a cycle', find: 'requires: [ups-a]', replace: 'requires: [ups-a, san]', code: 'dependency-cycle', marked: 'san' },
    { name: 'quorum above replicas', find: '    replicas: 2\n    requires: [router', replace: '    replicas: 2\n    quorum: 3\n    requires: [router', code: 'quorum-too-large', marked: '3' },
    { name: 'unclosed bracket', find: 'requires: [pdu-b, firewall]', replace: 'requires: [pdu-b, firewall', code: 'yaml-syntax', marked: '' },
    { name: 'duplicate key', find: '    kind: router\n', replace: '    kind: router\n    kind: switch\n', code: 'duplicate-key', marked: 'kind' },
    { name: 'sla as a plain number', find: 'sla: 99%', replace: 'sla: 99', code: 'invalid-availability', marked: '99' },
  ];
  for (const mistake of mistakes) {
    it(`shows one clear error for: ${mistake.name}`, () => {
      assert.ok(example.includes(mistake.find), `the example contains ${JSON.stringify(mistake.find)}`);
      const text = example.replace(mistake.find, mistake.replace);
      const errors = analyse(text).diagnostics.filter((d) => d.severity === 'error');
      assert.equal(errors.length, 1, errors.map((e) => `${e.code}: ${e.message}`).join('\n'));
      assert.equal(errors[0]!.code, mistake.code);
      if (mistake.marked) assert.equal(text.slice(errors[0]!.span.start, errors[0]!.span.end), mistake.marked);
      assert.ok(errors[0]!.span.start >= example.indexOf(mistake.find.split('\n')[0]!) - 1, 'the error is at or after the mistake');
    });
  }

  it('reports an empty file as one error and still returns a model', () => {
    const result = analyse('');
    assert.equal(result.diagnostics.length, 1);
    assert.equal(result.diagnostics[0]!.code, 'schema');
    assert.equal(result.topology.components.size, 0);
  });

  it('keeps the fixture helper honest: wrong or missing expectations are reported', () => {
    const original = readFixture('diagnostics', 'durations.ha.yaml');
    const wrongMessage = original.replace('Unknown duration unit', 'Something else');
    const first = readExpectations(wrongMessage);
    const problems = compareDiagnostics(wrongMessage, first.expectations, analyse(wrongMessage).diagnostics, first.ignored);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0]!, /expected error invalid-duration at "4 hourz" containing "Something else "hourz""/);
    assert.match(problems[1]!, /^unexpected: error invalid-duration/);
    const unannotated = original.replace(/^\s*#\s*\^+ error invalid-duration greater than zero\n/m, '');
    const second = readExpectations(unannotated);
    assert.equal(second.expectations.length, first.expectations.length - 1);
    assert.equal(compareDiagnostics(unannotated, second.expectations, analyse(unannotated).diagnostics, second.ignored).length, 1);
  });
});

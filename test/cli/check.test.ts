import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import { repoRoot } from '../helpers/core';

const example = join(repoRoot, 'examples', 'hosting-company.ha.yaml');

function run(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (path) => {
      if (path in files) return files[path]!;
      const error = new Error(`ENOENT: ${path}`) as NodeJS.ErrnoException;
      error.code = 'ENOENT';
      throw error;
    },
  });
  return { code, stdout, stderr };
}

const broken = 'topology: x\ncomponents:\n  a: { mtbf: 10 hourz, mttr: 1h }\nservices:\n  s: { requires: [a, b] }\n';

describe('ha-topology check', () => {
  it('writes the JSON contract: diagnostics with zero-based ranges and per-service figures', () => {
    const { code, stdout } = run(['check', '--format', 'json', 'broken.ha.yaml'], { 'broken.ha.yaml': broken });
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    const file = report.files[0];
    assert.equal(file.path, 'broken.ha.yaml');
    const duration = file.diagnostics.find((d: { code: string }) => d.code === 'invalid-duration');
    assert.deepEqual(duration.range, { start: { line: 2, character: 13 }, end: { line: 2, character: 21 } });
    assert.equal(duration.severity, 'error');
    const reference = file.diagnostics.find((d: { code: string }) => d.code === 'unknown-reference');
    assert.deepEqual(reference.range.start, { line: 4, character: 21 });
    const service = file.services[0];
    for (const key of ['id', 'availability', 'unavailability', 'downtimeMinutesPerYear', 'downtimeMinutesPerMonth', 'nines', 'failuresPerYear', 'mtbfHours', 'meanOutageHours', 'spofs', 'sla', 'meetsSla', 'exact', 'fixes']) {
      assert.ok(key in service, `service has ${key}`);
    }
    assert.equal(service.sla, null);
    assert.equal(service.meetsSla, null);
  });

  it('reports figures and SPOFs of the example as JSON, exiting 0', () => {
    const output = execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', '--format=json', example], { encoding: 'utf8' });
    const report = JSON.parse(output);
    const services = report.files[0].services as { id: string; spofs: string[]; sla: number | null; exact: boolean; availability: number }[];
    const web = services.find((s) => s.id === 'web-hosting')!;
    assert.deepEqual(web.spofs, ['san']);
    assert.equal(web.sla, 0.9995);
    assert.equal(web.exact, true);
    assert.ok(web.availability > 0.999 && web.availability < 1);
  });

  it('prints compiler-style lines and a table of services as text', () => {
    const { code, stdout } = run(['check', 'broken.ha.yaml'], { 'broken.ha.yaml': broken });
    assert.equal(code, 1);
    assert.match(stdout, /^broken\.ha\.yaml:3:14 error invalid-duration mtbf: Unknown duration unit "hourz"/m);
    assert.match(stdout, /^broken\.ha\.yaml:5:22 error unknown-reference "b" is not a component or service/m);
    assert.match(stdout, /^service\s+availability\s+nines\s+downtime\/yr/m);
  });

  it('exits 2 on usage errors and unreadable files, with a message on stderr', () => {
    assert.equal(run([]).code, 2);
    assert.equal(run(['lint', 'x']).code, 2);
    assert.equal(run(['check']).code, 2);
    assert.equal(run(['check', '--format', 'xml', 'a']).code, 2);
    assert.equal(run(['check', '--frobnicate', 'a']).code, 2);
    const missing = run(['check', 'missing.ha.yaml']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing\.ha\.yaml: cannot read: ENOENT/);
  });

  it('runs as a program with the documented exit codes', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-cli-'));
    const bad = join(folder, 'bad.ha.yaml');
    writeFileSync(bad, broken);
    const cli = join(repoRoot, 'dist', 'cli.js');
    assert.equal(spawnSync(process.execPath, [cli, 'check', example]).status, 0);
    assert.equal(spawnSync(process.execPath, [cli, 'check', bad]).status, 1);
    assert.equal(spawnSync(process.execPath, [cli, 'check']).status, 2);
  });
});

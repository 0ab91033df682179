import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import AjvDraft04 from 'ajv-draft-04';
import { matchGolden, runIn } from '../helpers/cli';
import { repoRoot } from '../helpers/core';

const example = 'examples/hosting-company.ha.yaml';
const broken = 'test/fixtures/cli/broken.ha.yaml';

describe('ha-topology check', () => {
  it('matches the golden output in every format', async () => {
    for (const [format, extension] of [['text', 'txt'], ['json', 'json'], ['markdown', 'md'], ['sarif', 'sarif']] as const) {
      for (const [name, file] of [['example', example], ['broken', broken]] as const) {
        const { stdout } = await runIn(repoRoot, ['check', '--format', format, file]);
        // SARIF names the working folder as %SRCROOT%: make it the same on every machine.
        matchGolden(`${name}.${extension}`, stdout.replace(/"uri": "file:\/\/[^"]*"/, '"uri": "file:///REPO/"'));
      }
    }
  });

  it('writes the JSON contract: zero-based ranges and per-service figures', async () => {
    const { code, stdout } = await runIn(repoRoot, ['check', '--format=json', broken]);
    assert.equal(code, 1);
    const file = JSON.parse(stdout).files[0];
    assert.equal(file.path, broken);
    const duration = file.diagnostics.find((d: { code: string }) => d.code === 'invalid-duration');
    assert.deepEqual(duration.range, { start: { line: 3, character: 25 }, end: { line: 3, character: 33 } });
    const service = file.services[0];
    for (const key of ['id', 'availability', 'unavailability', 'downtimeMinutesPerYear', 'downtimeMinutesPerMonth', 'nines', 'failuresPerYear', 'mtbfHours', 'meanOutageHours', 'spofs', 'sla', 'meetsSla', 'exact', 'fixes']) {
      assert.ok(key in service, `service has ${key}`);
    }
    assert.equal(service.sla, 0.9995);
  });

  it('writes SARIF 2.1.0 that validates against the SARIF schema, with help for every rule', async () => {
    const { stdout } = await runIn(repoRoot, ['check', '--format', 'sarif', example, broken]);
    const log = JSON.parse(stdout) as { runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } }; results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: unknown; region: unknown } }[] }[] }[] };
    const schema = JSON.parse(readFileSync(join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The SARIF 2.1.0 schema is written in JSON Schema draft 4.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const run = log.runs[0];
    assert.ok(run.tool.driver.rules.every((r) => r.help.text.length > 20));
    const result = run.results.find((r) => r.ruleId === 'invalid-duration')!;
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: broken, uriBaseId: '%SRCROOT%' });
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 4, startColumn: 26, endLine: 4, endColumn: 34 });
    assert.equal(run.tool.driver.rules[result.ruleIndex]!.id, 'invalid-duration');
  });

  it('takes directories and globs, picking only topology files', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-cli-'));
    mkdirSync(join(folder, 'infra', 'sub'), { recursive: true });
    mkdirSync(join(folder, 'node_modules'), { recursive: true });
    cpSync(join(repoRoot, example), join(folder, 'infra', 'a.ha.yaml'));
    writeFileSync(join(folder, 'infra', 'sub', 'b.yaml'), '# ha-topology\ntopology: b\ncomponents: {}\nservices: {}\n');
    writeFileSync(join(folder, 'infra', 'other.yaml'), 'name: not a topology\n');
    writeFileSync(join(folder, 'node_modules', 'c.ha.yaml'), 'topology: ignored\n');
    const directory = await runIn(folder, ['check', '--format', 'json', 'infra']);
    assert.deepEqual(JSON.parse(directory.stdout).files.map((f: { path: string }) => f.path), ['infra/a.ha.yaml', 'infra/sub/b.yaml']);
    const glob = await runIn(folder, ['check', '--format', 'json', 'infra/**/*.ha.yaml']);
    assert.deepEqual(JSON.parse(glob.stdout).files.map((f: { path: string }) => f.path), ['infra/a.ha.yaml']);
    const notTopology = await runIn(folder, ['check', 'infra/other.yaml']);
    assert.equal(notTopology.code, 2);
    assert.match(notTopology.stderr, /infra\/other\.yaml: not a topology file/);
  });

  it('decides the exit code by --fail-on, and --quiet keeps only errors and warnings', async () => {
    assert.equal((await runIn(repoRoot, ['check', example])).code, 0);
    assert.equal((await runIn(repoRoot, ['check', '--fail-on', 'spof', example])).code, 1);
    assert.equal((await runIn(repoRoot, ['check', '--fail-on', 'sla', example])).code, 1, 'mysql and web-hosting miss their SLA');
    assert.equal((await runIn(repoRoot, ['check', '--fail-on', 'warning', example])).code, 1);
    assert.equal((await runIn(repoRoot, ['check', '--fail-on', 'sla,spof', example])).code, 1);
    const quiet = await runIn(repoRoot, ['check', '--quiet', broken]);
    assert.equal(quiet.code, 1);
    assert.doesNotMatch(quiet.stdout, /hint|information|^service /m);
    assert.match(quiet.stdout, /error invalid-duration/);
  });

  it('writes only where -o says', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-cli-'));
    cpSync(join(repoRoot, example), join(folder, 'x.ha.yaml'));
    const result = await runIn(folder, ['check', '--format', 'sarif', '-o', 'out.sarif', 'x.ha.yaml']);
    assert.equal(result.stdout, '');
    assert.deepEqual([...result.written.keys()], ['out.sarif']);
    assert.equal(JSON.parse(readFileSync(join(folder, 'out.sarif'), 'utf8')).version, '2.1.0');
  });

  it('exits 2 with a clear message on usage errors and unusable files', async () => {
    const cases: [string[], RegExp][] = [
      [[], /no command given/],
      [['lint', 'x'], /unknown command "lint"/],
      [['chek', example], /unknown command "chek"\. Did you mean "check"\?/],
      [['check'], /ha-topology check: no files given\.\n\nUsage: ha-topology check \[options\] PATH\.\.\./],
      [['check', '--fromat', 'json', example], /ha-topology check: unknown option --fromat\. Did you mean --format\?/],
      [['diff', '--min-chnage', '5', example, example], /unknown option --min-chnage\. Did you mean --min-change\?/],
      [['check', '--format', 'xml', example], /--format must be one of text, json, sarif, markdown, not "xml"/],
      [['check', '--frobnicate', example], /unknown option --frobnicate\.\n/],
      [['check', '--fail-on', 'never', example], /--fail-on takes error, warning, spof, sla/],
      [['check', 'missing.ha.yaml'], /missing\.ha\.yaml: no such file or directory/],
      [['check', 'nothing/**/*.ha.yaml'], /no topology file matches/],
      [['report', example], /report needs -o FILE\.html/],
      [['diff', example], /diff takes two topology files/],
    ];
    for (const [args, message] of cases) {
      const result = await runIn(repoRoot, args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
      assert.deepEqual([...result.written.keys()], []);
    }
  });

  it('answers --help and -h on every command with its options, on standard output, exit 0', async () => {
    for (const [args, first] of [
      [['--help'], /^Usage: ha-topology COMMAND \[options\]/],
      [['-h'], /^Usage: ha-topology COMMAND/],
      [['check', '--help'], /^Usage: ha-topology check \[options\] PATH\.\.\.[\s\S]*--fail-on LIST/],
      [['check', '-h', example], /^Usage: ha-topology check/],
      [['report', '-h'], /^Usage: ha-topology report FILE -o REPORT\.html/],
      [['diff', '--help'], /^Usage: ha-topology diff OLD NEW[\s\S]*--min-change SECONDS/],
    ] as [string[], RegExp][]) {
      const result = await runIn(repoRoot, args);
      assert.equal(result.code, 0, args.join(' '));
      assert.match(result.stdout, first);
      assert.equal(result.stderr, '');
    }
  });

  it('never writes over an input, into a directory or into a missing folder: exit 2, a clear message, nothing written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-cli-'));
    cpSync(join(repoRoot, example), join(folder, 'x.ha.yaml'));
    mkdirSync(join(folder, 'out'));
    symlinkSync(join(folder, 'x.ha.yaml'), join(folder, 'link.yaml'));
    const cases: [string[], RegExp][] = [
      [['report', 'x.ha.yaml', '-o', 'x.ha.yaml'], /that is an input file; it is never overwritten/],
      [['report', 'x.ha.yaml', '-o', 'link.yaml'], /that is an input file/],
      [['check', '-o', 'x.ha.yaml', 'x.ha.yaml'], /that is an input file/],
      [['check', '-o', 'out', 'x.ha.yaml'], /-o out: is a directory/],
      [['report', 'x.ha.yaml', '-o', 'out'], /-o out: is a directory/],
      [['check', '-o', 'missing/report.sarif', 'x.ha.yaml'], /the folder missing does not exist/],
    ];
    for (const [args, message] of cases) {
      const result = await runIn(folder, args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.deepEqual([...result.written.keys()], []);
    }
    assert.equal(readFileSync(join(folder, 'x.ha.yaml'), 'utf8'), readFileSync(join(repoRoot, example), 'utf8'));
  });

  it('reports each real file once, even through links that loop', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-cli-'));
    mkdirSync(join(folder, 'a'));
    cpSync(join(repoRoot, example), join(folder, 'a', 'x.ha.yaml'));
    symlinkSync(folder, join(folder, 'a', 'loop'));
    symlinkSync(join(folder, 'a'), join(folder, 'again'));
    const result = await runIn(folder, ['check', '--format', 'json', '.']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).files.length, 1);
  });

  it('runs as a program with the documented exit codes', () => {
    const cli = join(repoRoot, 'dist', 'cli.js');
    assert.equal(spawnSync(process.execPath, [cli, 'check', example], { cwd: repoRoot }).status, 0);
    assert.equal(spawnSync(process.execPath, [cli, 'check', broken], { cwd: repoRoot }).status, 1);
    assert.equal(spawnSync(process.execPath, [cli, 'check'], { cwd: repoRoot }).status, 2);
    assert.match(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }), /^\d+\.\d+\.\d+\n$/);
  });
});

describe('ha-topology diff', () => {
  const oldFile = 'test/fixtures/cli/diff-old.ha.yaml';
  const newFile = 'test/fixtures/cli/diff-new.ha.yaml';

  it('reports each service’s change, SPOFs added and removed, and fails on regression', async () => {
    const text = await runIn(repoRoot, ['diff', oldFile, newFile]);
    assert.equal(text.code, 0);
    matchGolden('diff.txt', text.stdout);
    const json = JSON.parse((await runIn(repoRoot, ['diff', '--format', 'json', oldFile, newFile])).stdout);
    const status = json.services.find((s: { id: string }) => s.id === 'status-page');
    assert.deepEqual(status.spofsAdded, ['host-1']);
    assert.equal(status.regressed, true);
    const shop = json.services.find((s: { id: string }) => s.id === 'shop');
    assert.ok(shop.downtimeChange !== 0);
    assert.equal(json.services.find((s: { id: string }) => s.id === 'api').before, undefined);
    assert.equal((await runIn(repoRoot, ['diff', '--fail-on', 'regression', oldFile, newFile])).code, 1);
    assert.equal((await runIn(repoRoot, ['diff', '--fail-on', 'regression', oldFile, oldFile])).code, 0);
    matchGolden('diff.md', (await runIn(repoRoot, ['diff', '--format', 'markdown', oldFile, newFile])).stdout);
  });

  it('calls a change below the resolution unchanged, and does not fail on it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-diff-'));
    const base = 'topology: t\ncomponents:\n  a: { mtbf: 100000h, mttr: 1h }\nservices:\n  s: { requires: [a] }\n';
    writeFileSync(join(folder, 'old.ha.yaml'), base);
    // 100,000 h against 100,001 h: about 0.3 s of downtime a year.
    writeFileSync(join(folder, 'new.ha.yaml'), base.replace('100000h', '99999h'));
    const small = await runIn(folder, ['diff', '--fail-on', 'regression', 'old.ha.yaml', 'new.ha.yaml']);
    assert.equal(small.code, 0, small.stdout);
    assert.match(small.stdout, /^service +before +after +downtime change +SPOFs added\/removed +verdict$/m);
    assert.match(small.stdout, /^s .* unchanged .* same$/m);
    const strict = await runIn(folder, ['diff', '--min-change', '0', '--fail-on', 'regression', 'old.ha.yaml', 'new.ha.yaml']);
    assert.equal(strict.code, 1, strict.stdout);
    assert.match(strict.stdout, /WORSE/);
  });

  it('compares a file with a git revision', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-git-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.invalid');
    git('config', 'user.name', 'Test');
    cpSync(join(repoRoot, oldFile), join(folder, 'shop.ha.yaml'));
    git('add', '.');
    git('commit', '-qm', 'old');
    cpSync(join(repoRoot, newFile), join(folder, 'shop.ha.yaml'));
    const result = await runIn(folder, ['diff', '--base', 'HEAD', '--fail-on', 'regression', 'shop.ha.yaml']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^shop\.ha\.yaml at HEAD → shop\.ha\.yaml/);
    assert.match(result.stdout, /status-page .* \+host-1 +WORSE/);
    // A revision that looks like an option is refused before git sees it.
    for (const hostile of ['--output=written-by-git.txt', '-p']) {
      const refused = await runIn(folder, ['diff', `--base=${hostile}`, '--fail-on', 'regression', 'shop.ha.yaml']);
      assert.equal(refused.code, 2, hostile);
      assert.match(refused.stderr, /--base takes a git revision/);
    }
    assert.ok(!existsSync(join(folder, 'written-by-git.txt')));
    const missing = await runIn(folder, ['diff', '--base', 'no-such-ref', 'shop.ha.yaml']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read shop\.ha\.yaml at no-such-ref from git/);
  });
});

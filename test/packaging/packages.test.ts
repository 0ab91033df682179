import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/core';

/** What the extension package holds besides its README: what the extension runs, and its page. */
const extensionFiles = [
  'CHANGELOG.md',
  'LICENSE',
  // vsce lists the README it would use by default; packaging gives it the README with images inline.
  'README.md',
  'client/language-configuration.json',
  'client/syntaxes/ha-topology.tmLanguage.json',
  'dist/analysisWorker.js',
  'dist/checkTopology.js',
  'dist/client.js',
  'dist/media/codicon.ttf',
  'dist/media/elk-worker.js',
  'dist/media/preview.css',
  'dist/media/preview.js',
  'dist/server.js',
  'media/icon.png',
  'media/preview-icon.svg',
  'package.json',
  'schemas/topology.schema.json',
];

/** Unpacked bytes the extension may take: 3.4 MB when this was set, with a little room. */
const extensionBudget = 3_700_000;
/** The .vsix itself: 1.26 MB when this was set. */
const vsixBudget = 1_400_000;

describe('the extension package', () => {
  const listed = execFileSync(process.execPath, [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .sort();

  it('holds exactly the files the extension runs and its page needs', () => {
    assert.deepEqual(listed, [...extensionFiles].sort());
  });

  it('ships minified bundles that point at no source map, within its size budget', () => {
    for (const bundle of listed.filter((file) => file.endsWith('.js'))) {
      const text = readFileSync(join(repoRoot, bundle), 'utf8');
      assert.doesNotMatch(text, /sourceMappingURL=/, `${bundle} points at a map the package does not ship`);
      if (bundle !== 'dist/media/elk-worker.js') assert.ok(text.split('\n').length < 200, `${bundle} is minified`);
    }
    const size = listed.reduce((total, file) => total + statSync(join(repoRoot, file)).size, 0);
    assert.ok(size <= extensionBudget, `${size} bytes unpacked, over the budget of ${extensionBudget}`);
  });

  it('packages with vsce into a .vsix within its budget, its README carrying its screenshots', () => {
    const vsix = join(mkdtempSync(join(tmpdir(), 'ha-vsix-')), 'ha-topology.vsix');
    execFileSync(process.execPath, [join(repoRoot, '.ci', 'package.mjs'), vsix], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const size = statSync(vsix).size;
    assert.ok(size <= vsixBudget, `${size} bytes, over the budget of ${vsixBudget}`);
    // VS Code does not resolve an installed extension's relative README links: the packaged README has its images inline.
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const packaged = readFileSync(join(repoRoot, '.vscode-test', 'README.package.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+\.png)\)/g)].map((m) => m[1]!);
    assert.ok(images.length >= 2);
    for (const image of images) {
      assert.ok(!packaged.includes(`](${image})`), `${image} is still a relative link in the packaged README`);
      assert.ok(packaged.includes(`](data:image/png;base64,${readFileSync(join(repoRoot, image)).toString('base64')})`), `${image} is not inline`);
    }
    assert.equal(packaged.replace(/\(data:image\/png;base64,[^)]*\)/g, '(IMAGE)'), readme.replace(/\(media\/readme\/[^)]*\.png\)/g, '(IMAGE)'), "the text is the README's");
  });
});

describe('the CLI package', () => {
  it('installs with npm from its tarball and runs `ha-topology check` on the example', () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-cli-package-'));
    execFileSync('npm', ['pack', '--pack-destination', folder, '--silent'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    const tarball = readdirSync(folder).find((name) => /^ha-topology-.*\.tgz$/.test(name));
    assert.ok(tarball, 'npm pack made a tarball');
    const prefix = join(folder, 'prefix');
    // Nothing to download: the CLI is one bundle with no dependencies.
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(folder, tarball)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const bin = join(prefix, 'bin', 'ha-topology');
    assert.ok(existsSync(bin), 'the bin is installed');
    // The schema compiled ahead of time, so that `check` starts without compiling it.
    assert.ok(existsSync(join(prefix, 'lib', 'node_modules', 'ha-topology', 'dist', 'checkTopology.js')), 'the schema check is installed');
    const run = spawnSync(bin, ['check', join(repoRoot, 'examples', 'hosting-company.ha.yaml')], { encoding: 'utf8', cwd: folder });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /hosting-company\.ha\.yaml: 7 services/);
    const html = spawnSync(bin, ['report', join(repoRoot, 'examples', 'hosting-company.ha.yaml'), '-o', join(folder, 'report.html')], { encoding: 'utf8', cwd: folder });
    assert.equal(html.status, 0, html.stderr);
    assert.match(readFileSync(join(folder, 'report.html'), 'utf8'), /<h2>Switchovers<\/h2>/);
  });
});

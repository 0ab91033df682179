// Runs the end-to-end suite in a real VS Code here: code-server's extension host, driven by
// headless Chromium. Two phases:
//  1. the mocha suite (test/e2e/suite) with the extension loaded from this source tree;
//  2. the packaged .vsix installed into code-server, opened as a user would: the example, its
//     problems and hints, the preview; the SVG inside the webview is checked and screenshots go
//     to test-results/.
// Fails when a results file is missing, a test failed, or a phase timed out.
import { checkLargeFile, checkPreviewInThemes, smallestLabel, waitForPreviewFrame } from './previewInThemes.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { packageExtension } from '../../.ci/package.mjs';
import { codeServerBin, installCodeServer } from './installCodeServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The generator the benchmarks use, compiled by the build that runs before this script.
const { generateDataCentre } = createRequire(import.meta.url)(join(root, 'out', 'bench', 'generate.js'));
const results = join(root, 'test-results');
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function makeWorkspace() {
  const folder = mkdtempSync(join(tmpdir(), 'ha-e2e-workspace-'));
  copyFileSync(join(root, 'examples', 'hosting-company.ha.yaml'), join(folder, 'hosting-company.ha.yaml'));
  copyFileSync(join(root, 'test', 'fixtures', 'cli', 'broken.ha.yaml'), join(folder, 'broken.ha.yaml'));
  writeFileSync(join(folder, 'plain.yaml'), 'topology: Plain\ncomponents:\n  a: { availability: 99% }\nservices:\n  s: { requires: [a] }\n');
  writeFileSync(join(folder, 'data-centre.ha.yaml'), generateDataCentre(1000));
  return folder;
}

async function startCodeServer({ workspace, extensionsDir, env, restricted = false }) {
  const port = await freePort();
  const userData = mkdtempSync(join(tmpdir(), 'ha-e2e-user-'));
  writeFileSync(join(userData, 'User-settings.json'), '{}');
  mkdirSync(join(userData, 'User'), { recursive: true });
  // No welcome page, no trust prompt, no telemetry banner: the workbench opens the folder.
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': restricted, 'security.workspace.trust.startupPrompt': 'never', 'telemetry.telemetryLevel': 'off', 'workbench.tips.enabled': false }),
  );
  const log = [];
  const trust = restricted ? [] : ['--disable-workspace-trust'];
  const child = spawn(process.execPath, [codeServerBin, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', ...trust, workspace], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`code-server did not start:\n${log.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { port, child, log, stop: () => child.kill('SIGTERM') };
}

async function waitForFile(path, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
  return true;
}

/** Looks through the page's frames for the preview's diagram, for up to 90 s. */
async function findPreviewGraph(page) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        const nodes = await frame.$$eval('.ha-graph .node', (list) => list.length);
        if (nodes > 0) return { nodes, spof: (await frame.$('.ha-graph .node.spof[data-id="san"]')) !== null };
      } catch {
        // Frames come and go while the webview loads.
      }
    }
    await page.waitForTimeout(500);
  }
  return { nodes: 0, spof: false };
}

/** Opens HA Topology's page from the Extensions view, where installed extensions are listed. */
async function openExtensionPage(page) {
  await page.keyboard.press('Control+Shift+X');
  const item = await page.waitForSelector('.extensions-viewlet .monaco-list-row[aria-label*="HA Topology"]', { timeout: 60_000 });
  await item.click();
}

/** The README's images in the extension page's webview: how many there are and how many loaded. */
async function findReadmeImages(page) {
  const deadline = Date.now() + 60_000;
  let last = { found: 0, shown: 0 };
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      try {
        const counts = await frame.$$eval('img[alt*="The example"], img[alt*="What-if"]', (list) => {
          // The page loads images as they scroll into view.
          for (const img of list) img.scrollIntoView();
          return { found: list.length, shown: list.filter((img) => img.complete && img.naturalWidth > 0).length, sources: list.map((img) => img.src.slice(0, 40)).join(' ') };
        });
        if (counts.found > 0) last = counts;
        if (counts.found > 0 && counts.shown === counts.found) return counts;
      } catch {
        // Frames come and go while the webview loads.
      }
    }
    await page.waitForTimeout(500);
  }
  return last;
}

/** Runs a command from the palette: types its title, waits for it to be listed, picks it. */
async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 30_000 });
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title.split(': ').pop()}"]`, { timeout: 30_000 });
  await page.keyboard.press('Enter');
}

/** Opens the example from the Explorer, as a person would. */
async function openExample(page) {
  const row = await page.waitForSelector('.explorer-folders-view .monaco-list-row[aria-label*="hosting-company.ha.yaml"]', { timeout: 60_000 });
  await row.dblclick();
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 60_000 });
}

/** Ctrl+G, the line number, Enter. */
async function goToLine(page, line) {
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { timeout: 30_000 });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
}

/** Phase 1: the mocha suite in the extension host, extension from the source tree. */
async function runSuite(browser) {
  const workspace = makeWorkspace();
  const resultsFile = join(mkdtempSync(join(tmpdir(), 'ha-e2e-results-')), 'results.json');
  const extensionsDir = mkdtempSync(join(tmpdir(), 'ha-e2e-ext-'));
  const server = await startCodeServer({ workspace, extensionsDir, env: { HA_E2E_RESULTS: resultsFile } });
  try {
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(join(root, 'out', 'test', 'e2e', 'suite', 'index.js'))],
    ];
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const finished = await waitForFile(resultsFile, 10 * 60_000);
    await page.screenshot({ path: join(results, 'e2e-suite.png') });
    await page.close();
    if (!finished) throw new Error(`the suite wrote no results within 10 minutes; code-server said:\n${server.log.join('').slice(-4000)}`);
    const outcome = JSON.parse(readFileSync(resultsFile, 'utf8'));
    console.log(`extension-host suite in VS Code ${outcome.vscodeVersion}: ${outcome.passed} passed, ${outcome.failed} failed`);
    for (const failure of outcome.failures) console.log(`  ✖ ${failure}`);
    return outcome;
  } finally {
    server.stop();
  }
}

/** What VS Code draws inlay hints (the inline figures) as. */
const inlineFigures = '.monaco-editor [class*="dyn-rule"], .monaco-editor .inlayHint, .monaco-editor span[class*="inlay"]';

/** Phase 2: the packaged extension, used through the workbench as a person would. */
async function runPackagedSmokeTest(browser) {
  const vsix = join(root, '.vscode-test', 'ha-topology.vsix');
  const workspace = makeWorkspace();
  const extensionsDir = mkdtempSync(join(tmpdir(), 'ha-e2e-ext-'));
  execFileSync(process.execPath, [codeServerBin, '--install-extension', vsix, '--extensions-dir', extensionsDir], { stdio: 'pipe' });
  const server = await startCodeServer({ workspace, extensionsDir, env: {} });
  const checks = [];
  const check = (name, ok, detail = '') => {
    checks.push({ name, ok });
    console.log(`  ${ok ? '✔' : '✖'} packaged: ${name}${ok ? '' : ` ${detail}`}`);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const consoleLog = [];
    page.on('console', (message) => consoleLog.push(`${message.type()}: ${message.text()}`));
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    await openExample(page);
    // Problems and inline figures arrive from the language server.
    let hint = null;
    try {
      hint = await page.waitForSelector(inlineFigures, { timeout: 90_000 });
    } catch {
      hint = null;
    }
    // Go to the services, where the findings are.
    await goToLine(page, 193);
    const squiggles = await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 90_000 }).then(() => true, () => false);
    check('the example shows warnings (single points of failure)', squiggles);
    const problems = (await page.textContent('#status\\.problems').catch(() => '')) ?? '';
    check('the status bar counts the warnings and the worst service', /\d+\D+[1-9]\d*/.test(problems) && /Worst: mysql 99\.\d+% \/ SLA 99\.99%/.test((await page.textContent('.statusbar').catch(() => '')) ?? ''), `(${problems})`);
    check('inline figures are drawn in the editor', hint !== null);
    // The editor asks for the figures of the lines now in view a moment after the jump: the
    // picture is taken once they are drawn (or after 10 s without them, which it then shows).
    await page.waitForSelector(inlineFigures, { timeout: 10_000 }).catch(() => null);
    await page.screenshot({ path: join(results, 'e2e-editor.png') });
    // The Problems panel: each cause once.
    await runCommand(page, 'View: Focus Problems');
    const rows = await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30_000 }).then(() => page.$$eval('.markers-panel .monaco-list-row', (list) => list.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? '')), () => []);
    await page.screenshot({ path: join(results, 'e2e-problems.png') });
    check('the Problems panel lists each cause once', /^9 problems in file hosting-company\.ha\.yaml/.test(rows[0] ?? '') && /^Warning: "san" is a single point of failure for 6 services/.test(rows[1] ?? ''), `(${rows.length} rows: ${rows.join(' | ').slice(0, 400)})`);
    // The list draws only the rows in view, so find the newer findings through the panel's filter (Ctrl+F), as a user would.
    await page.keyboard.press('Control+F');
    const filterRows = async (text) => {
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
      await page.waitForTimeout(1000);
      return page.$$eval('.markers-panel .monaco-list-row', (list) => list.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? ''));
    };
    const noSpare = await filterRows('N+0 at peak');
    const breachRisk = await filterRows('of months');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    check(
      'the Problems panel has the N+0 warning at peak and the breach risk of web-hosting',
      noSpare.some((r) => /^Warning: N\+0 at peak: any one of web-1, web-2 failing drops "web-hosting"/.test(r)) && breachRisk.some((r) => /^Warning: "web-hosting" meets 99\.95% on average .*but misses 99\.95% in \d+% of months/.test(r)),
      `(N+0: ${noSpare.join(' | ').slice(0, 300)}; breach: ${breachRisk.join(' | ').slice(0, 600)})`,
    );
    await runCommand(page, 'View: Toggle Panel Visibility');
    // A hover leads with the answer: the service's availability and its SLA verdict.
    await goToLine(page, 189);
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = await page.waitForSelector('.monaco-hover .hover-contents', { timeout: 30_000 }).then((element) => element.textContent(), () => '');
    // The hover fades in: the picture is taken once it is opaque, not through the code under it.
    await page
      .waitForFunction(
        () => {
          // Runs in the page.
          const { document, getComputedStyle } = globalThis;
          // The shown hover (others stay in the page, hidden), its fade-in over.
          const hoverElement = document.querySelector('.monaco-hover:not(.hidden)');
          if (!hoverElement || hoverElement.getAnimations({ subtree: true }).some((a) => a.playState === 'running')) return false;
          for (let element = hoverElement; element; element = element.parentElement) {
            if (Number(getComputedStyle(element).opacity) < 1 || element.getAnimations().some((a) => a.playState === 'running')) return false;
          }
          return true;
        },
        undefined,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    await page.screenshot({ path: join(results, 'e2e-hover.png') });
    check("a service's hover leads with its availability and SLA verdict", /^mysql · service · Predicted availability 99\.\d+%, down .+ a year · Misses its SLA of 99\.99%/.test(hover ?? ''), `(${(hover ?? '').slice(0, 200)})`);
    await page.keyboard.press('Escape');
    // Open the preview from the command palette, and time its first draw in this cold panel.
    await runCommand(page, 'HA Topology: Open Preview to the Side');
    const firstDraw = await waitForPreviewFrame(page);
    console.log(`    preview first draw of the example in a cold panel: ${firstDraw.milliseconds} ms after the command`);
    const { nodes, spof } = await findPreviewGraph(page);
    const legible = firstDraw.frame ? await smallestLabel(firstDraw.frame) : 0;
    check('the preview opens with labels of at least 11 px', legible >= 11, `(smallest ${legible.toFixed(1)} px)`);
    check('the preview webview draws the graph', nodes > 30, `(${nodes} nodes)\n${consoleLog.filter((l) => !l.startsWith('log')).slice(-20).join('\n')}`);
    check('the SAN is painted as a single point of failure in the preview', spof);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(results, 'e2e-preview.png') });
    await checkPreviewInThemes(page, { check, results });
    await checkLargeFile(page, { check, results, name: 'data-centre.ha.yaml' });
    await openExample(page);
    // Reload Window brings the panel back through its serializer, with the graph drawn again.
    await Promise.all([page.waitForEvent('load', { timeout: 120_000 }), runCommand(page, 'Developer: Reload Window')]);
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    const restored = await findPreviewGraph(page);
    await page.screenshot({ path: join(results, 'e2e-after-reload.png') });
    check('the preview is restored after the window reloads', restored.nodes > 30, `(${restored.nodes} nodes)`);
    // The extension's page renders the packaged README, images included.
    const images = await openExtensionPage(page).then(() => findReadmeImages(page), (error) => ({ found: 0, shown: 0, error }));
    await page.screenshot({ path: join(results, 'e2e-extension-page.png') });
    check("the extension's page shows the README with its images", images.shown >= 2, `(${images.shown} of ${images.found} images shown${images.error ? `; ${images.error.message.split('\n')[0]}` : ''}; ${images.sources ?? ''})`);
    await page.close();
  } finally {
    server.stop();
  }
  return { passed: checks.filter((c) => c.ok).length, failed: checks.filter((c) => !c.ok).length };
}

/** Phase 3: the packaged extension in Restricted Mode (an untrusted folder) still works. */
async function runRestrictedModeTest(browser) {
  const vsix = join(root, '.vscode-test', 'ha-topology.vsix');
  const workspace = makeWorkspace();
  const extensionsDir = mkdtempSync(join(tmpdir(), 'ha-e2e-ext-'));
  execFileSync(process.execPath, [codeServerBin, '--install-extension', vsix, '--extensions-dir', extensionsDir], { stdio: 'pipe' });
  const server = await startCodeServer({ workspace, extensionsDir, env: {}, restricted: true });
  const checks = [];
  const check = (name, ok) => {
    checks.push(ok);
    console.log(`  ${ok ? '✔' : '✖'} restricted mode: ${name}`);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    await openExample(page);
    const restricted = await page.waitForSelector('.statusbar :text("Restricted Mode")', { timeout: 30_000 }).then(() => true, () => false);
    check('the folder opened untrusted (the status bar says Restricted Mode)', restricted);
    await goToLine(page, 193);
    const squiggles = await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 90_000 }).then(() => true, () => false);
    check('the extension runs and reports single points of failure', squiggles);
    await page.screenshot({ path: join(results, 'e2e-restricted-mode.png') });
    await page.close();
  } finally {
    server.stop();
  }
  return { passed: checks.filter(Boolean).length, failed: checks.filter((c) => !c).length };
}

async function main() {
  mkdirSync(results, { recursive: true });
  installCodeServer();
  packageExtension();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  let passed = 0;
  let failed = 0;
  try {
    const suite = await runSuite(browser);
    passed += suite.passed;
    failed += suite.failed;
    const smoke = await runPackagedSmokeTest(browser);
    passed += smoke.passed;
    failed += smoke.failed;
    const restricted = await runRestrictedModeTest(browser);
    passed += restricted.passed;
    failed += restricted.failed;
  } finally {
    await browser.close();
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('e2e: 0 passed, 1 failed');
  process.exitCode = 1;
});

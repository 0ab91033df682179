import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { runIn } from '../helpers/cli';
import { repoRoot } from '../helpers/core';

const resultsFolder = join(repoRoot, 'test-results');

async function openInChromium(path: string, screenshot?: string) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(path).toString());
  if (screenshot) {
    mkdirSync(resultsFolder, { recursive: true });
    await page.screenshot({ path: join(resultsFolder, screenshot), fullPage: true });
  }
  return { browser, page, requests, problems };
}

describe('ha-topology report', () => {
  it('writes one self-contained HTML file with the diagram, the tables and the assumptions', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-report-'));
    const output = join(folder, 'report.html');
    const result = await runIn(repoRoot, ['report', 'examples/hosting-company.ha.yaml', '-o', output]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '');
    const html = readFileSync(output, 'utf8');
    assert.doesNotMatch(html, /(src|href)=["']https?:/, 'no remote resources');
    const { browser, page, requests, problems } = await openInChromium(output, 'report.png');
    try {
      assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);
      assert.equal(await page.textContent('h1'), 'Hosting company');
      const nodes = await page.$$eval('.diagram .node', (list) => list.map((n) => n.getAttribute('data-id')));
      assert.ok(nodes.includes('san') && nodes.includes('web-hosting') && nodes.length > 30);
      assert.ok(await page.$('.diagram .node.spof[data-id="san"]'));
      const services = await page.$$eval('section:has(h2:text-is("Services")) tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
      assert.deepEqual(services, ['vm-platform', 'mysql', 'web-hosting', 'email', 'dns', 'management', 'email-marketing']);
      const levels = await page.$$eval('table.levels tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
      assert.deepEqual(levels, ['90%', '95%', '99%', '99.5%', '99.9%', '99.95%', '99.99%', '99.999%', '99.9999%']);
      assert.match((await page.textContent('body'))!, /san takes down vm-platform, mysql, web-hosting, email, management, email-marketing/);
      assert.match((await page.textContent('body'))!, /independently of one another/);
      const iconFont = await page.evaluate(() => document.fonts.check('14px codicon'));
      assert.equal(iconFont, true);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  it('shows hostile names and descriptions as text', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ha-report-'));
    const hostile = '<img src=x onerror=alert(1)>';
    writeFileSync(
      join(folder, 'evil.ha.yaml'),
      `topology: "${hostile}<script>alert(2)</script>"\ncomponents:\n  box: { kind: server, availability: 99%, description: "${hostile}" }\nservices:\n  s: { requires: [box], description: "</title><script>alert(3)</script>" }\n`,
    );
    const result = await runIn(folder, ['report', 'evil.ha.yaml', '-o', 'evil.html']);
    assert.equal(result.code, 0);
    const { browser, page, problems } = await openInChromium(join(folder, 'evil.html'), 'report-hostile.png');
    try {
      assert.equal(await page.textContent('h1'), `${hostile}<script>alert(2)</script>`);
      assert.equal(await page.$('img'), null);
      assert.equal((await page.$$('script')).length, 0);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
});

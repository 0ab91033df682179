import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GraphRequest, WhatIfRequest, type PreviewGraph } from '../../server/src/protocol';
import { repoRoot } from '../helpers/core';
import { InProcessServer } from '../helpers/lspClient';
import { PreviewPage } from '../helpers/previewPage';

const resultsFolder = join(repoRoot, 'test-results');
const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');
const uri = 'file:///hosting-company.ha.yaml';

describe('the preview webview in headless Chromium', () => {
  let server: InProcessServer;
  let graph: PreviewGraph;
  let page: PreviewPage;

  before(async () => {
    mkdirSync(resultsFolder, { recursive: true });
    server = new InProcessServer();
    await server.initialize();
    await server.open(uri, example);
    await server.waitForDiagnostics((p) => p.uri === uri);
    graph = ((await server.client.sendRequest(GraphRequest.method, { kind: 'graph', uri })) as GraphRequest.Result).graph;
    page = await PreviewPage.open('light');
  });
  after(async () => {
    await page?.close();
    await server?.dispose();
  });

  it('draws every node with SPOFs, groups, replicas and figures, and says it is ready', async () => {
    assert.deepEqual(await page.posted(), [{ kind: 'ready' }]);
    await page.send({ kind: 'graph', uri, version: 1, graph });
    const ids = await page.page.$$eval('.ha-graph .node', (nodes) => nodes.map((n) => n.getAttribute('data-id')));
    assert.deepEqual([...ids].sort(), graph.nodes.map((n) => n.id).sort());
    assert.ok(await page.page.$('.node.spof[data-id="san"]'), 'the SAN is painted as a SPOF');
    assert.ok(await page.page.$('.node.service[data-id="web-hosting"]'));
    const groups = await page.page.$$eval('.node.group .caption', (nodes) => nodes.map((n) => n.textContent));
    assert.ok(groups.includes('any 1 of 2 · failover 5m · works 0%'), groups.join(' | '));
    assert.match((await page.page.textContent('.node[data-id="load-balancer"] .label'))!, /load-balancer ×2/);
    assert.match((await page.page.textContent('.node[data-id="web-hosting"] .caption'))!, /^99\.\d+% · 8 SPOFs$/);
    // The web tier's demand: how many VMs each phase needs.
    assert.ok(groups.includes('2 of 2 at peak, 1 off-peak'), groups.join(' | '));
    assert.ok((await page.page.$$('.ha-graph .edge')).length >= graph.edges.length - 1);
    await page.page.screenshot({ path: join(resultsFolder, 'preview-light.png') });
  });

  it('reveals a clicked node and highlights the node under the cursor', async () => {
    await page.page.click('.node[data-id="mail-1"] .shape');
    assert.deepEqual((await page.posted()).at(-1), { kind: 'reveal', id: 'mail-1' });
    assert.ok(await page.page.$('.node.selected[data-id="mail-1"]'));
    const san = graph.nodes.find((n) => n.id === 'san')!;
    await page.send({ kind: 'cursor', uri, line: san.range.start.line + 1, character: 4 });
    assert.ok(await page.page.$('.node.highlighted[data-id="san"]'));
  });

  it('fails the selected nodes and paints every node that goes down with them, apart from the failed one', async () => {
    await page.page.click('.node[data-id="san"] .shape');
    await page.page.click('button[data-action="fail"]');
    assert.deepEqual((await page.posted()).at(-1), { kind: 'whatIf', failed: ['san'] });
    const answer = (await server.client.sendRequest(WhatIfRequest.method, { kind: 'whatIf', uri, failed: ['san'] })) as WhatIfRequest.Result;
    await page.send({ kind: 'whatIf', failed: answer.failed, services: answer.services, downNodes: answer.downNodes });
    assert.match((await page.page.textContent('#what-if'))!, /^With san failed: vm-platform, mysql, web-hosting, email, management, email-marketing go down\.$/);
    assert.ok(await page.page.$('.node.down[data-id="web-hosting"]'));
    assert.ok(!(await page.page.$('.node.down[data-id="dns"]')), 'DNS survives: it has a secondary outside');
    assert.ok(await page.page.$('.node.failed[data-id="san"]'));
    // Not only services: the hosts, the VMs on them and the groups they form go down too.
    for (const id of ['host-1', 'host-2', 'web-1', 'db-master', 'vm-platform']) assert.ok(await page.page.$(`.node.down[data-id="${id}"]`), `${id} is painted down`);
    assert.ok(await page.page.$('.node.group.down'), 'a redundancy group is painted down');
    assert.ok(!(await page.page.$('.node.down[data-id="san"]')), 'the failed node is marked failed, not down');
    assert.equal(await page.page.textContent('.node[data-id="san"] .caption'), 'FAILED');
    assert.equal(await page.page.textContent('.node[data-id="host-1"] .caption'), 'DOWN');
    assert.ok(!(await page.page.$('.node.down[data-id="dns-secondary"]')), 'the external DNS stays up');
    await page.page.screenshot({ path: join(resultsFolder, 'preview-what-if.png') });
    await page.page.click('button[data-action="reset"]');
    assert.deepEqual((await page.posted()).at(-1), { kind: 'whatIf', failed: [] });
    assert.equal(await page.page.$('.node.down'), null);
    assert.equal(await page.page.isHidden('#what-if'), true);
  });

  it('lays a graph out once when it comes twice before its layout is done (its diagnostics came in meanwhile)', async () => {
    const fresh = await PreviewPage.open('light');
    try {
      const message = { kind: 'graph', uri, version: 1, graph };
      // Both messages are queued before the layout thread can answer the first.
      await fresh.page.evaluate((m) => {
        window.postMessage(m, '*');
        window.postMessage(m, '*');
      }, message);
      await fresh.page.waitForFunction(() => Number(document.body.dataset.rendered ?? 0) > 0, undefined, { timeout: 60_000 });
      assert.equal(await fresh.page.evaluate(() => document.body.dataset.layoutsStarted), '1');
      assert.equal((await fresh.page.$$('.ha-graph .node')).length, graph.nodes.length);
      assert.deepEqual(fresh.problems, []);
    } finally {
      await fresh.close();
    }
  });

  it('keeps the last good graph with a stale banner while the file has errors', async () => {
    const broken = { ...graph, hasErrors: true, nodes: graph.nodes.slice(0, 3), edges: [] };
    await page.send({ kind: 'graph', uri, version: 2, graph: broken }, false);
    await page.page.waitForSelector('#stale:not([hidden])');
    assert.equal((await page.page.$$('.ha-graph .node')).length, graph.nodes.length);
  });

  it('zooms and fits by changing the view box, and exports self-contained SVG and PNG', async () => {
    const viewBox = () => page.page.getAttribute('.ha-graph', 'viewBox');
    await page.page.click('button[data-action="fit"]');
    const fitted = await viewBox();
    await page.page.click('button[data-action="zoom-in"]');
    assert.notEqual(await viewBox(), fitted);
    await page.page.click('button[data-action="export-svg"]');
    await page.page.waitForFunction(() => (window as unknown as { __posted: { kind: string }[] }).__posted.at(-1)?.kind === 'export');
    const svg = (await page.posted()).at(-1) as { format: string; data: string };
    assert.equal(svg.format, 'svg');
    assert.match(svg.data, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg.data, /@font-face \{ font-family: 'codicon'; src: url\('data:font\/ttf;base64,/);
    assert.doesNotMatch(svg.data, /var\(--vscode/, 'theme variables are resolved in the export');
    assert.doesNotMatch(svg.data, /https?:\/\//.source.replace('http', 'http://127') ? /127\.0\.0\.1/ : /x/, 'no link back to the page');
    await page.page.click('button[data-action="export-png"]');
    await page.page.waitForFunction(() => ((window as unknown as { __posted: { kind: string; format?: string }[] }).__posted.at(-1)?.format ?? '') === 'png');
    const png = (await page.posted()).at(-1) as { data: string };
    assert.match(png.data, /^data:image\/png;base64,/);
    assert.ok(png.data.length > 10_000);
  });

  it('raised no Content-Security-Policy violation and no script error', () => {
    assert.deepEqual(page.problems, []);
  });
});

describe('hostile text and themes in the preview', () => {
  it('shows ids, names and descriptions as text, never as markup', async () => {
    const page = await PreviewPage.open('dark');
    try {
      const hostile = '<img src=x onerror=alert(1)>';
      const node = (id: string, type: 'service' | 'component', description?: string) => ({
        id,
        type,
        label: id,
        kind: type === 'service' ? 'service' : 'server',
        caption: '99.9%',
        availability: 0.999,
        unavailability: 0.001,
        downtimeMinutesPerYear: 525.6,
        spofFor: type === 'component' ? ['svc"><script>alert(2)</script>'] : [],
        meetsSla: null,
        replicas: 1,
        quorum: 1,
        ...(description ? { description } : {}),
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        selectionRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      });
      const graph: PreviewGraph = {
        title: `<b>${hostile}</b>`,
        hasErrors: false,
        nodes: [node(hostile, 'service', '<script>alert(3)</script>'), node('host"onmouseover="alert(4)', 'component', hostile)],
        edges: [{ id: 'e', source: hostile, target: 'host"onmouseover="alert(4)' }],
      };
      await page.send({ kind: 'graph', uri: 'file:///hostile.ha.yaml', version: 1, graph });
      assert.equal(await page.page.$('img'), null);
      assert.equal(await page.page.$('.ha-graph script'), null);
      const labels = await page.page.$$eval('.node .label', (nodes) => nodes.map((n) => n.textContent));
      assert.ok(labels.includes(hostile), labels.join(' | '));
      assert.equal(await page.page.textContent('#title'), `<b>${hostile}</b>`);
      const ids = await page.page.$$eval('.node', (nodes) => nodes.map((n) => n.getAttribute('data-id')));
      assert.deepEqual(ids.sort(), [hostile, 'host"onmouseover="alert(4)'].sort());
      await page.page.screenshot({ path: join(resultsFolder, 'preview-dark-hostile.png') });
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  it('draws the example in the dark theme', async () => {
    const server = new InProcessServer();
    await server.initialize();
    await server.open(uri, example);
    await server.waitForDiagnostics((p) => p.uri === uri);
    const graph = ((await server.client.sendRequest(GraphRequest.method, { kind: 'graph', uri })) as GraphRequest.Result).graph;
    await server.dispose();
    const page = await PreviewPage.open('dark');
    try {
      await page.send({ kind: 'graph', uri, version: 1, graph });
      const background = await page.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, 'rgb(31, 31, 31)');
      await page.page.screenshot({ path: join(resultsFolder, 'preview-dark.png') });
    } finally {
      await page.close();
    }
  });
});

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GraphRequest, type PreviewGraph } from '../../server/src/protocol';
import { listDownNodes } from '../../server/src/core';
import { analyse, repoRoot } from '../helpers/core';
import { InProcessServer } from '../helpers/lspClient';
import { generateDataCentre } from '../../bench/generate';
import { measureContrast, measureSmallestLabel } from '../helpers/contrast';
import { toPreviewGraph } from '../helpers/previewGraph';
import { PreviewPage, type Theme } from '../helpers/previewPage';

/*
 * Reading and finding one's way in the preview, as a user in a half-width panel would:
 * legible labels on open, find, the cursor's node brought into view, the overview, a
 * toolbar on one line, a clean export, and contrast in every kind of theme.
 */

const resultsFolder = join(repoRoot, 'test-results');
const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');
const uri = 'file:///hosting-company.ha.yaml';
const halfWidth = { width: 700, height: 900 };

async function exampleGraph(): Promise<PreviewGraph> {
  const server = new InProcessServer();
  try {
    await server.initialize();
    await server.open(uri, example);
    await server.waitForDiagnostics((p) => p.uri === uri);
    return ((await server.client.sendRequest(GraphRequest.method, { kind: 'graph', uri })) as GraphRequest.Result).graph;
  } finally {
    await server.dispose();
  }
}

/** The on-screen size in CSS pixels of the smallest node label, and how many labels there are. */
async function measureLabels(page: PreviewPage): Promise<{ smallest: number; count: number }> {
  return { smallest: await page.page.evaluate(measureSmallestLabel), count: (await page.page.$$('.ha-graph .node .label')).length };
}

function isInCanvas(page: PreviewPage, id: string): Promise<boolean> {
  return page.page.evaluate((nodeId) => {
    const node = document.querySelector(`.ha-graph .node[data-id="${nodeId}"] .shape`);
    const canvas = document.getElementById('canvas')!.getBoundingClientRect();
    const box = node?.getBoundingClientRect();
    return !!box && box.left >= canvas.left && box.right <= canvas.right && box.top >= canvas.top && box.bottom <= canvas.bottom;
  }, id);
}

describe('finding one’s way in the preview', () => {
  let graph: PreviewGraph;
  let page: PreviewPage;

  before(async () => {
    mkdirSync(resultsFolder, { recursive: true });
    graph = await exampleGraph();
    page = await PreviewPage.open('light', halfWidth);
    await page.send({ kind: 'graph', uri, version: 1, graph });
  });
  after(() => page?.close());

  it('opens with labels of at least 11 px in a half-width panel, the services in view and an overview', async () => {
    const { smallest, count } = await measureLabels(page);
    assert.ok(count > 30, `${count} labels`);
    assert.ok(smallest >= 11, `the smallest label is ${smallest.toFixed(1)} px on screen`);
    const services = graph.nodes.filter((n) => n.type === 'service').map((n) => n.id);
    const inView = [];
    for (const service of services) if (await isInCanvas(page, service)) inView.push(service);
    // Centred on the services at a readable size: a half-width panel holds several of them whole.
    assert.ok(inView.length >= 3, `services in view: ${inView.join(', ')}`);
    assert.equal(await page.page.isVisible('#minimap'), true, 'the overview shows while the diagram is larger than the view');
    await page.page.screenshot({ path: join(resultsFolder, 'preview-half-width.png') });
  });

  it('finds a node by id with Ctrl+F and Enter, rings it and pans to it', async () => {
    assert.equal(await isInCanvas(page, 'grid'), false, 'the grid starts out of view, at the bottom');
    await page.page.click('#canvas');
    await page.page.keyboard.press('Control+F');
    assert.equal(await page.page.evaluate(() => document.activeElement?.id), 'find');
    await page.page.keyboard.type('grid');
    await page.page.keyboard.press('Enter');
    assert.ok(await page.page.$('.node.found[data-id="grid"] .ring.found'), 'the match is ringed');
    assert.equal(await isInCanvas(page, 'grid'), true, 'and in view');
    assert.match((await page.page.textContent('#find-count'))!, /^1 of \d+$/);
    assert.ok((await measureLabels(page)).smallest >= 11, 'still legible after the pan');
    await page.page.keyboard.press('Escape');
    assert.equal(await page.page.$('.node.found'), null);
  });

  it('brings the node under the editor’s cursor into view, ringed apart from its own marks', async () => {
    const san = graph.nodes.find((n) => n.id === 'san')!;
    const uplink = graph.nodes.find((n) => n.id === 'uplink-2')!;
    await page.send({ kind: 'cursor', uri, line: uplink.range.start.line, character: uplink.range.start.character + 1 });
    assert.equal(await isInCanvas(page, 'uplink-2'), true);
    assert.ok(await page.page.$('.node.highlighted[data-id="uplink-2"] .ring.cursor'));
    // A single point of failure under the cursor keeps its own mark beside the cursor's ring.
    await page.send({ kind: 'cursor', uri, line: san.range.start.line, character: san.range.start.character + 1 });
    const marks = await page.page.evaluate(() => {
      const node = document.querySelector('.node[data-id="san"]')!;
      return { classes: node.getAttribute('class'), shapeStroke: getComputedStyle(node.querySelector('.shape')!).stroke, ringStroke: getComputedStyle(node.querySelector('.ring.cursor')!).stroke };
    });
    assert.match(marks.classes!, /\bspof\b/);
    assert.notEqual(marks.shapeStroke, marks.ringStroke, 'the SPOF outline is not painted over by the cursor ring');
  });

  it('moves the view with a click on the overview', async () => {
    const before = await page.page.getAttribute('.ha-graph', 'viewBox');
    const box = (await page.page.locator('#minimap').boundingBox())!;
    await page.page.mouse.click(box.x + box.width / 2, box.y + 5);
    assert.notEqual(await page.page.getAttribute('.ha-graph', 'viewBox'), before);
  });

  it('shows only what one service depends on, from a command or the toolbar, and everything again with one click', async () => {
    const all = (await page.page.$$('.ha-graph .node')).length;
    await page.send({ kind: 'focus', id: 'web-hosting' });
    await page.page.waitForSelector('#focus:not([hidden])');
    const ids = await page.page.$$eval('.ha-graph .node', (nodes) => nodes.map((n) => n.getAttribute('data-id')));
    assert.ok(ids.includes('web-hosting') && ids.includes('mysql') && ids.includes('san') && ids.includes('grid'), ids.join(' '));
    assert.ok(!ids.includes('dns') && !ids.includes('email') && !ids.includes('management'), 'nothing web-hosting does not depend on');
    assert.match((await page.page.textContent('#focus-text'))!, new RegExp(`^Only what web-hosting depends on: ${ids.length} of ${graph.nodes.length} nodes\\.$`));
    assert.ok(await page.page.$('.node.spof[data-id="san"]'), 'its single points of failure stay marked');
    assert.ok((await measureLabels(page)).smallest >= 11, 'laid out readably');
    await page.page.screenshot({ path: join(resultsFolder, 'preview-focus.png') });
    const rendered = await page.renderCount();
    await page.page.click('#focus button[data-action="show-all"]');
    await page.page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) > n, rendered);
    assert.equal((await page.page.$$('.ha-graph .node')).length, all);
    assert.equal(await page.page.isHidden('#focus'), true);
    // From the toolbar: the selected node.
    await page.page.click('.node[data-id="email"] .shape');
    const before = await page.renderCount();
    await page.page.click('button[data-action="focus"]');
    await page.page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) > n, before);
    const emailIds = await page.page.$$eval('.ha-graph .node', (nodes) => nodes.map((n) => n.getAttribute('data-id')));
    assert.ok(emailIds.includes('mail-1') && !emailIds.includes('mysql'), emailIds.join(' '));
    await page.send({ kind: 'focus', id: null });
    assert.equal((await page.page.$$('.ha-graph .node')).length, all);
  });

  it('keeps every node in place when an edit changes only figures', async () => {
    const place = () => page.page.$$eval('.ha-graph .node', (nodes) => nodes.map((n) => `${n.getAttribute('data-id')}@${n.getAttribute('transform')}`).join(' '));
    const before = await place();
    const reused = Number(await page.page.evaluate(() => document.body.dataset.layoutReused ?? 0));
    // As after an edit to mysql's failure data: new figures, same nodes and edges.
    const edited = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'mysql' ? { ...n, caption: n.caption.replace(/99\.\d{3}%/, '99.981%') } : n)) };
    await page.send({ kind: 'graph', uri, version: 2, graph: edited });
    assert.equal(Number(await page.page.evaluate(() => document.body.dataset.layoutReused)), reused + 1, 'no new layout');
    assert.equal(await place(), before);
    assert.match((await page.page.textContent('.node[data-id="mysql"] .caption'))!, /^99\.981%/);
    await page.send({ kind: 'graph', uri, version: 3, graph });
  });

  it('exports what the graph says, without the cursor ring, the selection or a find', async () => {
    await page.page.click('.node[data-id="mail-1"] .shape');
    assert.ok(await page.page.$('.node.selected[data-id="mail-1"]'));
    await page.page.click('button[data-action="export-svg"]');
    await page.page.waitForFunction(() => (window as unknown as { __posted: { kind: string }[] }).__posted.at(-1)?.kind === 'export');
    const svg = (await page.posted()).at(-1) as { data: string };
    assert.doesNotMatch(svg.data, /class="[^"]*\b(selected|highlighted|found)\b/);
    assert.doesNotMatch(svg.data, /<rect class="ring/);
    assert.match(svg.data, /class="node [^"]*spof[^"]*" data-id="san"/, 'the findings are in it');
  });
});

describe('a data centre of 1,000 components in the preview', () => {
  it('opens as legible clusters of what parts share; find, the cursor and what-if reach folded nodes; a cluster opens with a click', async () => {
    const text = generateDataCentre(1000);
    const graph = toPreviewGraph(text);
    const page = await PreviewPage.open('light', halfWidth);
    try {
      await page.send({ kind: 'graph', uri: 'file:///dc.ha.yaml', version: 1, graph });
      const drawn = (await page.page.$$('.ha-graph .node')).length;
      assert.ok(drawn < graph.nodes.length / 4, `${drawn} of ${graph.nodes.length} nodes drawn`);
      assert.ok((await measureLabels(page)).smallest >= 11);
      assert.equal(await page.page.isVisible('#minimap'), true);
      // The first view shows services with their racks' clusters, each label inside the panel.
      const inView = await page.page.$$eval('.ha-graph .node', (nodes) => {
        const panel = document.getElementById('canvas')!.getBoundingClientRect();
        return nodes
          .filter((n) => {
            const box = n.getBoundingClientRect();
            return box.left >= panel.left && box.right <= panel.right && box.top >= panel.top && box.bottom <= panel.bottom;
          })
          .map((n) => `${n.getAttribute('class')}|${n.querySelector('.label')?.textContent}`);
      });
      assert.ok(inView.filter((n) => n.includes('service')).length >= 2, inView.join('\n'));
      assert.ok(inView.some((n) => n.includes('folded') && /\|r0-\d+/.test(n)), inView.join('\n'));
      await page.page.screenshot({ path: join(resultsFolder, 'preview-1000-components.png') });

      // Find a VM folded into rack r0-3's cluster: the cluster is ringed and brought into view.
      await page.page.fill('#find', 'vm-r0-3-0');
      await page.page.press('#find', 'Enter');
      const cluster = (await page.page.getAttribute('.node.found', 'data-id'))!;
      assert.match(cluster, /^cluster:/);
      assert.equal(await page.page.textContent('.node.found .label'), 'r0-3');
      // The editor's cursor on a folded node highlights its cluster.
      const lb = graph.nodes.find((n) => n.id === 'lb-r0-3')!;
      await page.send({ kind: 'cursor', uri: 'file:///dc.ha.yaml', line: lb.range.start.line, character: lb.range.start.character + 2 });
      assert.equal(await page.page.getAttribute('.node.highlighted', 'data-id'), cluster);
      // What-if: the rack's switch fails; everything in the cluster goes down with it.
      const down = [...listDownNodes(analyse(text).topology, new Set(['tor-r0-3']))];
      await page.send({ kind: 'whatIf', failed: ['tor-r0-3'], services: [], downNodes: down });
      assert.ok(await page.page.$(`.node.down[data-id="${cluster}"]`), 'the cluster is painted down');
      assert.equal(await page.page.textContent(`.node[data-id="${cluster}"] .caption`), 'DOWN');
      await page.send({ kind: 'whatIf', failed: [], services: [], downNodes: [] });

      const before = await page.renderCount();
      await page.page.click(`.node[data-id="${cluster}"] .shape`);
      await page.page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) > n, before, { timeout: 60_000 });
      assert.ok((await page.page.$$('.ha-graph .node')).length > drawn, 'its parts are drawn');
      assert.equal(await page.page.$(`.node[data-id="${cluster}"]`), null);
      assert.ok(await page.page.$('.node[data-id="vm-r0-3-0"]'));
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('the preview toolbar', () => {
  it('stays on one line in a narrow panel', async () => {
    const page = await PreviewPage.open('light', { width: 380, height: 600 });
    try {
      const rows = await page.page.evaluate(() => {
        // One line: every control's vertical middle within two pixels of the first one's.
        const middles = Array.from(document.querySelectorAll('.toolbar button, .toolbar input')).map((e) => {
          const box = e.getBoundingClientRect();
          return (box.top + box.bottom) / 2;
        });
        const tops = middles.filter((m) => Math.abs(m - middles[0]!) > 2).map(Math.round);
        return { tops, height: document.querySelector('.toolbar')!.getBoundingClientRect().height, visible: Array.from(document.querySelectorAll('.toolbar button')).every((b) => b.getBoundingClientRect().right <= window.innerWidth) };
      });
      assert.deepEqual(rows.tops, [], 'controls off the line');
      assert.ok(rows.height < 40, `the toolbar is ${rows.height} px high`);
      assert.ok(rows.visible, 'every button fits in the panel');
      assert.equal(await page.page.getAttribute('button[data-action="fail"]', 'aria-label'), 'Fail the selected nodes and see what goes down (what-if)');
      await page.page.screenshot({ path: join(resultsFolder, 'preview-narrow-toolbar.png') });
    } finally {
      await page.close();
    }
  });
});

describe('contrast in the preview', () => {
  let graph: PreviewGraph;
  before(async () => {
    graph = await exampleGraph();
  });

  for (const theme of ['light', 'dark', 'hc-dark', 'hc-light'] as Theme[]) {
    it(`meets WCAG AA (4.5:1) for the toolbar and node text in the ${theme} theme`, async () => {
      const page = await PreviewPage.open(theme, halfWidth);
      try {
        await page.send({ kind: 'graph', uri, version: 1, graph });
        const results = await page.page.evaluate(measureContrast);
        const failing = results.filter((r) => r.ratio < 4.5).map((r) => `${r.what} ${r.ratio.toFixed(2)}:1`);
        assert.deepEqual(failing, []);
        assert.ok(results.length >= 12);
        await page.page.screenshot({ path: join(resultsFolder, `preview-contrast-${theme}.png`) });
      } finally {
        await page.close();
      }
    });
  }
});

/*
 * How long the preview takes to show a topology the first time, in headless Chromium with the
 * real page (layout in a web worker): the bundled example in a cold panel (the page loaded
 * afresh, as when the preview opens), then large topologies, each against a baseline measured
 * in the same run: ELK laying out the same graph in Node on the main thread. Run with
 * `npm run bench:preview`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import { foldGraph, layoutGraph, type ElkLike } from '../server/src/core';
import { repoRoot } from '../test/helpers/core';
import { toPreviewGraph } from '../test/helpers/previewGraph';
import { PreviewPage } from '../test/helpers/previewPage';
import { generateDataCentre } from './generate';

async function main(): Promise<void> {
  const page = await PreviewPage.open('light');
  try {
    // The bundled example in a cold panel: from loading the page (its layout worker starts
    // with it) to the first draw, three times, the browser already running as VS Code's is.
    const example = toPreviewGraph(readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8'));
    const cold: number[] = [];
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      await page.page.reload();
      await page.page.waitForFunction(() => ((window as unknown as { __posted?: unknown[] }).__posted?.length ?? 0) > 0);
      await page.send({ kind: 'graph', uri: 'file:///hosting-company.ha.yaml', version: 1, graph: example });
      cold.push(performance.now() - started);
    }
    console.log(`bundled example (${example.nodes.length} nodes) in a cold panel: first draw ${cold.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    for (const size of [200, 1000, 2000]) {
      const graph = toPreviewGraph(generateDataCentre(size));
      // What the page draws: past 400 nodes it folds guests into their hosts, then parts into
      // clusters of what they share, then copies together; the row says which.
      const view = foldGraph(graph, new Set(), 400);
      const folded = graph.nodes.length - view.nodes.length;
      const clusters = view.nodes.filter((n) => n.id.startsWith('cluster:')).length;
      const summaries = view.nodes.filter((n) => n.id.startsWith('fold:')).length;
      const how = clusters > 0 ? `into ${clusters} clusters${summaries > 0 ? `, copies of them into ${summaries} summaries` : ''}` : 'guests into hosts';
      const elk = new ELK() as unknown as ElkLike;
      let started = performance.now();
      await layoutGraph(view, elk);
      const baseline = performance.now() - started;
      started = performance.now();
      await page.send({ kind: 'graph', uri: `file:///bench-${size}.ha.yaml`, version: 1, graph });
      const firstRender = performance.now() - started;
      const inWorker = Number(await page.page.evaluate(() => document.body.dataset.layoutMilliseconds));
      const drawn = (await page.page.$$('.ha-graph .node')).length;
      if (drawn !== view.nodes.length) throw new Error(`the page drew ${drawn} nodes, the folded view has ${view.nodes.length}: the rows would compare different graphs`);
      console.log(
        `${size} components: ${graph.nodes.length} nodes; drawn ${drawn} (${folded > 0 ? `${folded} folded away ${how}` : 'nothing folded'}), ${view.edges.length} edges; ` +
          `ELK in Node ${baseline.toFixed(0)} ms; preview first render ${firstRender.toFixed(0)} ms (layout in the web worker ${inWorker} ms); ratio to Node layout ${(firstRender / baseline).toFixed(2)}×`,
      );
    }
  } finally {
    await page.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

/*
 * Memory when 100 topology files are opened and closed, three rounds, in a language server
 * with its analysis worker (in this process, over streams, as the LSP tests run it). Memory
 * must come back to where it was: closed documents leave every cache. Prints the heap and
 * resident size after each round against the baseline of one file open, measured in the same
 * run. Run with `npm run bench:memory` (node --expose-gc).
 */
import { InProcessServer } from '../test/helpers/lspClient';
import { generateDataCentre } from './generate';

const gc = (globalThis as { gc?: () => void }).gc;

async function settle(): Promise<{ heap: number; rss: number }> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed / 2 ** 20, rss: usage.rss / 2 ** 20 };
}

async function main(): Promise<void> {
  if (!gc) throw new Error('run with node --expose-gc');
  const server = new InProcessServer();
  await server.initialize();
  const texts = Array.from({ length: 100 }, (_, i) => generateDataCentre(200 + (i % 5) * 50, i + 1));
  await server.open('file:///baseline.ha.yaml', texts[0]!);
  await server.waitForDiagnostics((p) => p.uri === 'file:///baseline.ha.yaml', 60_000);
  const baseline = await settle();
  console.log(`baseline (one file open): heap ${baseline.heap.toFixed(1)} MiB, rss ${baseline.rss.toFixed(1)} MiB`);
  for (let round = 1; round <= 3; round++) {
    const started = performance.now();
    for (const [i, text] of texts.entries()) {
      const uri = `file:///round${round}-${i}.ha.yaml`;
      await server.open(uri, text);
      await server.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length > 0, 60_000);
      // The test client keeps every message it receives; the server is what is measured.
      server.published.length = 0;
    }
    const open = await settle();
    for (let i = 0; i < texts.length; i++) await server.close(`file:///round${round}-${i}.ha.yaml`);
    const closed = await settle();
    console.log(
      `round ${round}: 100 files analysed in ${((performance.now() - started) / 1000).toFixed(1)} s; all open: heap ${open.heap.toFixed(1)} MiB (${(open.heap / baseline.heap).toFixed(2)}×); ` +
        `all closed: heap ${closed.heap.toFixed(1)} MiB (${(closed.heap / baseline.heap).toFixed(2)}× baseline), rss ${closed.rss.toFixed(1)} MiB (${(closed.rss / baseline.rss).toFixed(2)}×)`,
    );
  }
  await server.dispose();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

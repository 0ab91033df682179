/*
 * Memory when 100 topology files are opened and closed, three rounds, in a language server
 * with its analysis threads (in this process, over streams, as the LSP tests run it). Memory
 * must come back to where it was: closed documents leave every cache. Prints, after each
 * round against the baseline of one file open, measured in the same run: the main thread's
 * heap, the analysis threads' heaps (each thread has its own, asked through the server's
 * memory request) and the resident size. Then the heap of one document's thread for files of
 * 1,000 to 30,000 components, per component, to show whether it grows linearly. Run with
 * `npm run bench:memory` (node --expose-gc).
 */
import { MemoryRequest } from '../server/src/protocol';
import { InProcessServer } from '../test/helpers/lspClient';
import { generateDataCentre } from './generate';

const gc = (globalThis as { gc?: () => void }).gc;

const MiB = 2 ** 20;

/** After garbage collection: the main heap, the analysis threads' heaps (sum and count) and the resident size, in MiB. */
async function settle(server: InProcessServer): Promise<{ heap: number; workers: number; threads: number; rss: number }> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const memory = (await server.client.sendRequest(MemoryRequest.method)) as MemoryRequest.Result;
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed / MiB, workers: memory.workerHeapUsedBytes.reduce((a, b) => a + b, 0) / MiB, threads: memory.workerHeapUsedBytes.length, rss: usage.rss / MiB };
}

async function main(): Promise<void> {
  if (!gc) throw new Error('run with node --expose-gc');
  const server = new InProcessServer();
  await server.initialize();
  const texts = Array.from({ length: 100 }, (_, i) => generateDataCentre(200 + (i % 5) * 50, i + 1));
  await server.open('file:///baseline.ha.yaml', texts[0]!);
  await server.waitForDiagnostics((p) => p.uri === 'file:///baseline.ha.yaml', 60_000);
  const baseline = await settle(server);
  console.log(`baseline (one file open): main heap ${baseline.heap.toFixed(1)} MiB, analysis threads ${baseline.workers.toFixed(1)} MiB in ${baseline.threads}, rss ${baseline.rss.toFixed(1)} MiB`);
  for (let round = 1; round <= 3; round++) {
    const started = performance.now();
    for (const [i, text] of texts.entries()) {
      const uri = `file:///round${round}-${i}.ha.yaml`;
      await server.open(uri, text);
      await server.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length > 0, 60_000);
      // The test client keeps every message it receives; the server is what is measured.
      server.published.length = 0;
    }
    const open = await settle(server);
    for (let i = 0; i < texts.length; i++) await server.close(`file:///round${round}-${i}.ha.yaml`);
    const closed = await settle(server);
    console.log(
      `round ${round}: 100 files analysed in ${((performance.now() - started) / 1000).toFixed(1)} s; all open: main heap ${open.heap.toFixed(1)} MiB (${(open.heap / baseline.heap).toFixed(2)}×), analysis threads ${open.workers.toFixed(1)} MiB in ${open.threads}; ` +
        `all closed: main heap ${closed.heap.toFixed(1)} MiB (${(closed.heap / baseline.heap).toFixed(2)}× baseline), analysis threads ${closed.workers.toFixed(1)} MiB in ${closed.threads}, rss ${closed.rss.toFixed(1)} MiB (${(closed.rss / baseline.rss).toFixed(2)}×)`,
    );
  }
  await server.close('file:///baseline.ha.yaml');
  // One document's thread, by file size: linear growth keeps the heap per component flat.
  for (const size of [1_000, 5_000, 10_000, 30_000]) {
    const uri = `file:///size-${size}.ha.yaml`;
    await server.open(uri, generateDataCentre(size));
    await server.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length > 0, 300_000);
    server.published.length = 0;
    const memory = await settle(server);
    console.log(`${size.toLocaleString('en')} components: the document's analysis thread holds ${memory.workers.toFixed(1)} MiB (${((memory.workers * 1024) / size).toFixed(1)} KiB a component); main heap ${memory.heap.toFixed(1)} MiB`);
    await server.close(uri);
  }
  await server.dispose();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

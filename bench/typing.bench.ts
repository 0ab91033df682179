/*
 * Steady typing on a large file, and a small file beside a hostile one, against the real
 * server process over stdio:
 *  1. a 10,000-component file edited every 700 ms for 20 s: how often fresh diagnostics
 *     arrive (the longest gap between two publications, and how many there were);
 *  2. a small file opened while a slow file is being analysed: how long its diagnostics take,
 *     against the same small file opened alone in the same run (the ratio).
 */
import { join } from 'node:path';
import { generateChain, generateDataCentre } from './generate';
import { ServerProcess } from './lspClient';

const serverPath = join(__dirname, '..', '..', 'dist', 'server.js');
const settings = { haTopology: { validation: { debounceMs: 200 }, analysis: { timeLimitMs: 60_000 } } };
const small = 'topology: small\ncomponents:\n  a: { availability: 99% }\nservices:\n  s: { requires: [a] }\n';
const chain = generateChain;

async function start(): Promise<ServerProcess> {
  const server = new ServerProcess(process.execPath, [serverPath, '--stdio'], (section) => (section === 'haTopology' ? settings.haTopology : null));
  await server.initialize();
  return server;
}

async function typing(): Promise<void> {
  const server = await start();
  const uri = 'file:///typing.ha.yaml';
  const text = generateDataCentre(10_000);
  const published: { at: number; version: number }[] = [];
  server.onDiagnostics((p) => {
    if (p.uri === uri) published.push({ at: performance.now(), version: p.version ?? -1 });
  });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'ha-topology', version: 1, text } });
  await server.nextDiagnostics(uri);
  const started = performance.now();
  let version = 1;
  while (performance.now() - started < 20_000) {
    version++;
    // A failure-data edit, as a person tuning an MTTR would make.
    const edited = text.replace(/mttr: 4h/, `mttr: ${4 + (version % 5)}h`);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: edited }] });
    await new Promise((resolve) => setTimeout(resolve, 700));
  }
  const ended = performance.now();
  const during = published.filter((p) => p.at >= started && p.at <= ended);
  const times = [started, ...during.map((p) => p.at), ended];
  const longestGap = Math.max(...times.slice(1).map((t, i) => t - times[i]!));
  console.log(`typing on 10,000 components, an edit every 700 ms for 20 s: ${during.length} publications, longest gap ${(longestGap / 1000).toFixed(1)} s, newest version published ${Math.max(...during.map((p) => p.version))} of ${version}`);
  await server.stop();
}

async function isolation(): Promise<void> {
  const alone = await start();
  await alone.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///alone.ha.yaml', languageId: 'ha-topology', version: 1, text: small } });
  const baseline = (await alone.nextDiagnostics('file:///alone.ha.yaml')).ms;
  await alone.stop();
  const server = await start();
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///slow.ha.yaml', languageId: 'ha-topology', version: 1, text: chain(20_000) } });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const beside = server.nextDiagnostics('file:///beside.ha.yaml');
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///beside.ha.yaml', languageId: 'ha-topology', version: 1, text: small } });
  const ms = (await beside).ms;
  console.log(`a small file's diagnostics: ${baseline.toFixed(0)} ms alone, ${ms.toFixed(0)} ms beside a file still being analysed (${(ms / baseline).toFixed(1)}×)`);
  await server.stop();
}

void (async () => {
  await typing();
  await isolation();
})();

/*
 * The language server as VS Code runs it (a child process over stdio) against
 * yaml-language-server validating the same files against schemas/topology.schema.json, on
 * generated files of 1,000 and 10,000 components, under the same conditions:
 *
 * - the same debounce: ours at 0 ms, and the peer run from a temporary copy whose fixed
 *   200 ms validation delay is patched to 0 (the patch is checked, or the run stops);
 * - the same edits: each changes failure data the analysis uses (the default `mttr` of every
 *   VM) and adds a marker key (`edit-<n>: 1`, its length alternating so that every entry below
 *   it moves) that both servers report, so a result counts
 *   only when it carries its own edit's marker (ours also checks the document version);
 * - alternating rounds: both servers stay up, and each round times one edit on each, the
 *   order switching every round;
 * - a typing burst: ten such edits 30 ms apart, timed from the last one to its result;
 * - a quiet start: before each timed edit, both servers have been idle for 300 ms (their CPU
 *   time, from /proc), so that neither's timing includes what the other, or itself, still
 *   did after its last result (ours builds its editor index then).
 *
 * Also prints hover and completion latency while an analysis is running. Run with
 * `npm run bench:lsp` (builds first).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDataCentre } from './generate';
import { ServerProcess, waitUntilIdle } from './lspClient';

const root = join(__dirname, '..', '..');
const schemaUri = pathToFileURL(join(root, 'schemas', 'topology.schema.json')).toString();
const rounds = 5;
const burst = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Edit n: every VM's default repair time changes, and a marker key both servers report. The
 * marker's length alternates, so that every entry below it moves from one edit to the next:
 * ours keeps what it read of an entry only while the entry neither changes nor moves, and an
 * edit that moves nothing would time that best case.
 */
function edit(text: string, n: number): string {
  return text.replace('  vm: { mtbf: 8760h, mttr: 30m }', `  vm: { mtbf: 8760h, mttr: ${30 + n}m }`).replace('sla: 99.9%\n', `sla: 99.9%\nedit-${n}${n % 2 === 0 ? '' : '-x'}: 1\n`);
}

/** The marker of edit n in a message, not matching another edit's ("edit-1" is not "edit-12"). */
function marker(n: number): RegExp {
  return new RegExp(`\\bedit-${n}\\b`);
}

function positionOf(text: string, needle: string, shift = 0): { line: number; character: number } {
  const offset = text.indexOf(needle) + shift;
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** A server under test: how to start it, and how to recognise the result of edit n. */
interface Contender {
  readonly name: string;
  readonly server: ServerProcess;
  readonly languageId: string;
  readonly isResultOf: (n: number, version: number | undefined, messages: string[]) => boolean;
}

/** Copies yaml-language-server to a temporary folder with its validation delay set to 0 ms. */
function patchedPeer(): { bin: string; cleanUp: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'yls-no-delay-'));
  const copy = join(folder, 'yaml-language-server');
  cpSync(join(root, 'node_modules', 'yaml-language-server'), copy, { recursive: true });
  // Its dependencies resolve from the project's node_modules, as in the original place.
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'));
  const settings = join(copy, 'out', 'server', 'src', 'yamlSettings.js');
  const source = readFileSync(settings, 'utf8');
  const patched = source.replace('this.validationDelayMs = 200;', 'this.validationDelayMs = 0;');
  if (patched === source) throw new Error(`yaml-language-server's validation delay was not found in ${settings}; the comparison would not be fair`);
  writeFileSync(settings, patched);
  return { bin: join(copy, 'bin', 'yaml-language-server'), cleanUp: () => rmSync(folder, { recursive: true, force: true }) };
}

async function startOurs(): Promise<Contender> {
  const server = new ServerProcess(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], (section) => (section === 'haTopology' ? { validation: { debounceMs: 0 } } : null));
  await server.initialize();
  return { name: 'ha-topology (full analysis)', server, languageId: 'ha-topology', isResultOf: (n, version, messages) => version === n && messages.some((m) => marker(n).test(m)) };
}

async function startPeer(bin: string): Promise<Contender> {
  const settings = { yaml: { validate: true, hover: true, completion: true, schemas: { [schemaUri]: ['*.ha.yaml'] }, schemaStore: { enable: false }, maxItemsComputed: 100000 } };
  const server = new ServerProcess(process.execPath, [bin, '--stdio'], (section) =>
    section === 'yaml' ? settings.yaml : section === 'http' ? { proxyStrictSSL: false } : section === 'editor' ? { tabSize: 2, detectIndentation: true } : null,
  );
  await server.initialize(settings);
  return { name: 'yaml-language-server (schema only)', server, languageId: 'yaml', isResultOf: (n, _version, messages) => messages.some((m) => marker(n).test(m)) };
}

/** Sends edits n..m (the last one timed) and resolves with the time from the last edit to its own result. */
async function timeEdits(contender: Contender, uri: string, text: string, versions: number[], gapMs: number): Promise<number> {
  const last = versions[versions.length - 1]!;
  const done = contender.server.nextDiagnostics(uri, (p) => contender.isResultOf(last, p.version, p.diagnostics.map((d) => String(d.message))));
  let lastSent = 0;
  for (const n of versions) {
    if (n !== versions[0]) await new Promise((resolve) => setTimeout(resolve, gapMs));
    lastSent = performance.now();
    await contender.server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: n }, contentChanges: [{ text: edit(text, n) }] });
  }
  const started = lastSent;
  await done;
  return performance.now() - started;
}

async function measure(size: number, peerBin: string): Promise<void> {
  const text = generateDataCentre(size);
  const uri = pathToFileURL(join(root, `bench-${size}.ha.yaml`)).toString();
  const contenders = [await startOurs(), await startPeer(peerBin)];
  try {
    const opens: number[] = [];
    for (const c of contenders) {
      const first = c.server.nextDiagnostics(uri);
      await c.server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: c.languageId, version: 1, text } });
      opens.push((await first).ms);
    }
    const single = contenders.map(() => [] as number[]);
    const bursts = contenders.map(() => [] as number[]);
    const servers = contenders.map((c) => c.server);
    const waits: number[] = [];
    const quietly = async <T>(step: () => Promise<T>): Promise<T> => {
      waits.push(await waitUntilIdle(servers));
      return step();
    };
    let version = 1;
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      const n = ++version;
      for (const i of order) single[i]!.push(await quietly(() => timeEdits(contenders[i]!, uri, text, [n], 0)));
      const versions = Array.from({ length: burst }, () => ++version);
      for (const i of order) bursts[i]!.push(await quietly(() => timeEdits(contenders[i]!, uri, text, versions, 30)));
    }
    // While an analysis runs, hover and completion must not wait for it.
    const ours = contenders[0]!;
    const hover: number[] = [];
    const completion: number[] = [];
    const hoverAt = positionOf(text, 'requires: [tor-', 'requires: ['.length + 1);
    const completeAt = positionOf(text, 'requires: [tor-', 'requires: ['.length);
    const n = ++version;
    const done = ours.server.nextDiagnostics(uri, (p) => p.version === n);
    await ours.server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: n }, contentChanges: [{ text: edit(text, n) }] });
    for (let i = 0; i < 5; i++) {
      let started = performance.now();
      await ours.server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt });
      hover.push(performance.now() - started);
      started = performance.now();
      await ours.server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: completeAt });
      completion.push(performance.now() - started);
    }
    await done;
    const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
    console.log(`\n${size} components (${(text.length / 1024).toFixed(0)} KiB); medians of ${rounds} alternating rounds, every result checked for its own edit`);
    console.log(`  waited for both servers to be idle before each timed edit: median ${median(waits).toFixed(0)} ms, longest ${Math.max(...waits).toFixed(0)} ms`);
    contenders.forEach((c, i) => console.log(`  ${c.name.padEnd(36)} open ${fmt(opens[i]!)}, edit → diagnostics ${fmt(median(single[i]!))}, typing burst (last edit → its result) ${fmt(median(bursts[i]!))}`));
    contenders.forEach((c, i) => console.log(`  ${c.name.padEnd(36)} every round: edit ${single[i]!.map((ms) => ms.toFixed(0)).join(', ')} ms; burst ${bursts[i]!.map((ms) => ms.toFixed(0)).join(', ')} ms`));
    console.log(`  ratio (theirs / ours): edit ${(median(single[1]!) / median(single[0]!)).toFixed(2)}×, typing burst ${(median(bursts[1]!) / median(bursts[0]!)).toFixed(2)}×`);
    console.log(`  ours while analysing: hover median ${median(hover).toFixed(1)} ms, max ${Math.max(...hover).toFixed(1)} ms; completion median ${median(completion).toFixed(1)} ms, max ${Math.max(...completion).toFixed(1)} ms`);
  } finally {
    for (const c of contenders) await c.server.stop();
  }
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}; both servers as child processes over stdio, both with a 0 ms validation delay.`);
  const peer = patchedPeer();
  try {
    for (const size of [1000, 10000]) await measure(size, peer.bin);
  } finally {
    peer.cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

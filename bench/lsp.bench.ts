/*
 * The language server as VS Code runs it (a child process over stdio), on generated files of
 * 1,000 and 10,000 components: time from an edit to its diagnostics, and hover and completion
 * latency while an analysis is running. In the same run, yaml-language-server validates the
 * same files against schemas/topology.schema.json, and the ratio is printed.
 *
 * Run with `npm run bench:lsp` (builds first).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDataCentre } from './generate';
import { ServerProcess } from './lspClient';

const root = join(__dirname, '..', '..');
const schemaUri = pathToFileURL(join(root, 'schemas', 'topology.schema.json')).toString();
const edits = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function edit(text: string, n: number): string {
  return text.replace('topology: Generated data centre', `topology: Generated data centre ${n}`);
}

function positionOf(text: string, needle: string, shift = 0): { line: number; character: number } {
  const offset = text.indexOf(needle) + shift;
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function measureOurs(text: string, uri: string): Promise<{ open: number; edit: number; hover: number[]; completion: number[]; diagnostics: number }> {
  const server = new ServerProcess(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], (section) =>
    section === 'haTopology' ? { validation: { debounceMs: 0 } } : null,
  );
  try {
    await server.initialize();
    const first = server.nextDiagnostics(uri, (p) => p.version === 1);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'ha-topology', version: 1, text } });
    const opened = await first;
    const times: number[] = [];
    const hover: number[] = [];
    const completion: number[] = [];
    const hoverAt = positionOf(text, 'requires: [tor-', 'requires: ['.length + 1);
    const completeAt = positionOf(text, 'requires: [tor-', 'requires: ['.length);
    for (let n = 2; n <= edits + 1; n++) {
      const done = server.nextDiagnostics(uri, (p) => p.version === n);
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: n }, contentChanges: [{ text: edit(text, n) }] });
      // While that analysis runs: hover and completion must not wait for it.
      for (let i = 0; i < 3; i++) {
        let started = performance.now();
        await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt });
        hover.push(performance.now() - started);
        started = performance.now();
        await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: completeAt });
        completion.push(performance.now() - started);
      }
      times.push((await done).ms);
    }
    return { open: opened.ms, edit: median(times), hover, completion, diagnostics: opened.params.diagnostics.length };
  } finally {
    await server.stop();
  }
}

async function measureYamlLanguageServer(text: string, uri: string): Promise<{ open: number; edit: number; diagnostics: number; schemaErrors: number }> {
  const settings = { yaml: { validate: true, hover: true, completion: true, schemas: { [schemaUri]: ['*.ha.yaml'] }, schemaStore: { enable: false }, maxItemsComputed: 100000 } };
  const server = new ServerProcess(process.execPath, [join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'], (section) =>
    section === 'yaml' ? settings.yaml : section === 'http' ? { proxyStrictSSL: false } : section === 'editor' ? { tabSize: 2, detectIndentation: true } : null,
  );
  try {
    await server.initialize(settings);
    const first = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const opened = await first;
    const times: number[] = [];
    for (let n = 2; n <= edits + 1; n++) {
      const done = server.nextDiagnostics(uri);
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: n }, contentChanges: [{ text: edit(text, n) }] });
      times.push((await done).ms);
    }
    // Proof that it validates against our schema: a misspelt key must be reported.
    const broken = server.nextDiagnostics(uri);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: edits + 2 }, contentChanges: [{ text: text.replace('mttr: 2h', 'mtttr: 2h') }] });
    const schemaErrors = (await broken).params.diagnostics.filter((d) => /mtttr|not allowed|Property/i.test(String(d.message))).length;
    return { open: opened.ms, edit: median(times), diagnostics: opened.params.diagnostics.length, schemaErrors };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}; both servers as child processes over stdio; median of ${edits} edits; our debounce set to 0 ms.`);
  for (const size of [1000, 10000]) {
    const text = generateDataCentre(size);
    const uri = pathToFileURL(join(root, `bench-${size}.ha.yaml`)).toString();
    const theirs = await measureYamlLanguageServer(text, uri);
    const ours = await measureOurs(text, uri);
    const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
    console.log(`\n${size} components (${(text.length / 1024).toFixed(0)} KiB)`);
    console.log(`  yaml-language-server, schema only: open → diagnostics ${fmt(theirs.open)}, edit → diagnostics ${fmt(theirs.edit)} (${theirs.schemaErrors} error(s) for a misspelt key)`);
    console.log(`  ha-topology, full analysis:        open → diagnostics ${fmt(ours.open)}, edit → diagnostics ${fmt(ours.edit)} (${ours.diagnostics} diagnostics)`);
    console.log(`  ratio (their edit time / ours): ${(theirs.edit / ours.edit).toFixed(2)}×`);
    console.log(`  while analysing: hover median ${median(ours.hover).toFixed(1)} ms, max ${Math.max(...ours.hover).toFixed(1)} ms; completion median ${median(ours.completion).toFixed(1)} ms, max ${Math.max(...ours.completion).toFixed(1)} ms`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/**
 * A language server started as an editor starts it: a child process speaking JSON-RPC over
 * stdio. Records when each diagnostics message arrives.
 */
export class ServerProcess {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly listeners: ((p: PublishDiagnosticsParams) => void)[] = [];

  constructor(command: string, args: string[], configuration: (section: string | undefined) => unknown) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.listeners.forEach((l) => l(p)));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((i) => configuration(i.section)));
    for (const method of ['client/registerCapability', 'window/workDoneProgress/create', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh']) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.listen();
  }

  async initialize(settings?: unknown): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: {} } },
    });
    await this.connection.sendNotification('initialized', {});
    if (settings) await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  /** Calls the listener with every diagnostics message from now on. */
  onDiagnostics(listener: (p: PublishDiagnosticsParams) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves with the next diagnostics for the uri that satisfy the predicate, timing from now. */
  nextDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 120_000): Promise<{ ms: number; params: PublishDiagnosticsParams }> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      const listener = (p: PublishDiagnosticsParams) => {
        if (p.uri !== uri || !predicate(p)) return;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve({ ms: performance.now() - started, params: p });
      };
      this.listeners.push(listener);
    });
  }

  /**
   * The CPU time the server process has used so far, all its threads included, in
   * milliseconds; undefined where /proc is not there to say.
   */
  cpuMs(): number | undefined {
    try {
      const stat = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      // The fields after the command name (which may hold spaces) start after its ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, fields 14 and 15 of the whole line, in clock ticks of 10 ms.
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    this.child.kill();
  }
}

/**
 * Waits until every server has been idle (under a tenth of a core) over one window, so that
 * work a server does after publishing (ours builds its editor index) never runs into the
 * next timed edit of either. Gives up after `maxMs` and says how long it waited.
 */
export async function waitUntilIdle(servers: ServerProcess[], windowMs = 300, maxMs = 20_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const before = servers.map((s) => s.cpuMs());
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const busy = servers.some((s, i) => {
      const [then, now] = [before[i], s.cpuMs()];
      return then !== undefined && now !== undefined && now - then > windowMs / 10;
    });
    const waited = performance.now() - started;
    if (!busy || waited > maxMs) return waited;
  }
}

import type { Connection } from 'vscode-languageserver';

/**
 * Runs a handler so that no exception escapes to the connection: a failing feature logs
 * and answers with `fallback`, and the server keeps serving every other request.
 */
export function runSafe<T>(connection: Connection, name: string, fallback: T, handler: () => T): T {
  try {
    return handler();
  } catch (error) {
    connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

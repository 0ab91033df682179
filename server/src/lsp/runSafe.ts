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

/** The same for handlers that wait, such as those that need the snapshot of the current version. */
export async function runSafeAsync<T>(connection: Connection, name: string, fallback: T, handler: () => Promise<T>): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    connection.console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

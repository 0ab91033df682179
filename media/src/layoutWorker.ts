import ELK from 'elkjs/lib/elk-api.js';
import type { ElkLike } from '../../server/src/core';

/**
 * Runs ELK in a web worker so that laying out a thousand nodes never freezes the panel.
 * The worker script is one of the extension's media files; it is fetched and started from a
 * blob, which the Content-Security-Policy allows with `worker-src blob:` and nothing else.
 */
export async function createLayoutEngine(workerScriptUrl: string): Promise<ElkLike> {
  const source = await (await fetch(workerScriptUrl)).text();
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new ELK({ workerFactory: () => new Worker(blobUrl) }) as unknown as ElkLike;
}

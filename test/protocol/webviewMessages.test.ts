import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readWebviewMessage } from '../../server/src/protocol';

describe('messages from the preview webview', () => {
  it('accepts the four well-formed kinds', () => {
    assert.deepEqual(readWebviewMessage({ kind: 'ready' }), { kind: 'ready' });
    assert.deepEqual(readWebviewMessage({ kind: 'reveal', id: 'web-1', extra: 1 }), { kind: 'reveal', id: 'web-1' });
    assert.deepEqual(readWebviewMessage({ kind: 'whatIf', failed: ['a', 'b'] }), { kind: 'whatIf', failed: ['a', 'b'] });
    assert.deepEqual(readWebviewMessage({ kind: 'export', format: 'png', data: 'data:image/png;base64,AA' }), { kind: 'export', format: 'png', data: 'data:image/png;base64,AA' });
  });

  it('drops anything malformed', () => {
    for (const message of [
      null,
      'reveal',
      42,
      {},
      { kind: 'run', command: 'rm -rf /' },
      { kind: 'reveal' },
      { kind: 'reveal', id: '' },
      { kind: 'reveal', id: { toString: () => 'x' } },
      { kind: 'reveal', id: 'x'.repeat(513) },
      { kind: 'whatIf', failed: 'a' },
      { kind: 'whatIf', failed: [1] },
      { kind: 'whatIf', failed: Array.from({ length: 1001 }, (_, i) => `c${i}`) },
      { kind: 'export', format: 'html', data: '<script>' },
      { kind: 'export', format: 'svg' },
    ]) {
      assert.equal(readWebviewMessage(message), undefined, JSON.stringify(message));
    }
  });
});

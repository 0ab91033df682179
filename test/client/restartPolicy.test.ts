import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartPolicy } from '../../client/src/restartPolicy';

describe('restarting a language server that stopped', () => {
  it('restarts it four times within three minutes, gives up at the fifth, and restarts again once those are older', () => {
    let now = 0;
    const policy = new RestartPolicy(4, 180_000, () => now);
    for (let i = 0; i < 4; i++) {
      now += 10_000;
      assert.equal(policy.onClosed(), 'restart', `stop ${i + 1}`);
    }
    now += 10_000;
    assert.equal(policy.onClosed(), 'give up');
    assert.match(policy.describeGivingUp('HA Topology'), /HA Topology server stopped 5 times in the last 3 minutes/);
    // One more stop while four others are within three minutes: still too often.
    now = 10_000 + 180_001;
    assert.equal(policy.onClosed(), 'give up');
    // Three minutes after the last of them, none is left in the window.
    now = 50_000 + 180_001;
    assert.equal(policy.onClosed(), 'restart');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexDocument, summariseStatus } from '../../../server/src/core';
import { analyse } from '../../helpers/core';

const statusOf = (text: string) => summariseStatus(indexDocument(analyse(text)), 'auto');

describe('the status bar verdict', () => {
  it('names the service with the smallest margin when every service meets its SLA, with its target', () => {
    const status = statusOf('topology: t\ncomponents:\n  a: { availability: 99.99% }\n  b: { availability: 99.95% }\nservices:\n  loose: { sla: 99%, requires: [b] }\n  tight: { sla: 99.9%, requires: [b] }\n  safe: { sla: 99.9%, requires: [a] }\n');
    assert.equal(status.text, '$(pass) Tightest: tight 99.950% / SLA 99.9%');
    assert.equal(status.level, 'ok');
    assert.match(status.tooltip, /^Every service meets its SLA\n✓ loose: /);
  });

  it('names the worst miss, and keeps errors in the file out of the verdict, in an item of their own', () => {
    const status = statusOf('topology: t\ncomponents:\n  a: { availability: 99% }\n  b: { availability: 99.5%, mtbf: 1y }\nservices:\n  s: { sla: 99.9%, requires: [a] }\n  u: { sla: 99.9%, requires: [b, nowhere] }\n');
    assert.match(status.text, /^\$\(warning\) Worst: s 99\.0+% \/ SLA 99\.9%$/);
    assert.equal(status.level, 'warning');
    assert.match(status.errors ?? '', /^\$\(error\) \d+ errors? in the topology$/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editWarmUpTopology, makeWarmUpTopology } from '../../server/src/lsp/warmUpTopology';
import { analyse } from '../helpers/core';
import { InProcessServer } from '../helpers/lspClient';
import { generateDataCentre } from '../../bench/generate';

describe('the spare analysis thread', () => {
  it('warms up on a topology that takes the paths a real file takes, without an error', () => {
    const analysis = analyse(makeWarmUpTopology());
    assert.deepEqual(analysis.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(analysis.services?.length, 16);
    // Failovers, load per phase and SLA terms: the costly parts of an analysis.
    assert.ok(analysis.services!.some((s) => s.failovers.length > 0));
    assert.ok(analysis.services!.some((s) => s.availabilityByPhase && s.breachProbability !== undefined), 'figures per load phase and per SLA period');
    assert.ok(!analysis.diagnostics.some((d) => /has no mtbf/.test(d.message)), 'every part has failure figures');
  });

  it('warms up on edits that change failure data and move what follows, without an error', () => {
    const text = makeWarmUpTopology();
    const before = analyse(text);
    const edits = [1, 2, 3, 4].map((n) => editWarmUpTopology(text, n));
    for (const [i, edited] of edits.entries()) {
      assert.notEqual(edited, i === 0 ? text : edits[i - 1], 'each edit changes the text');
      const after = analyse(edited);
      assert.deepEqual(after.diagnostics.filter((d) => d.severity === 'error'), []);
      assert.notDeepEqual(after.services!.map((s) => s.availability), before.services!.map((s) => s.availability), 'the services are figured anew');
    }
    assert.ok(new Set(edits.map((edited) => edited.length)).size > 1, 'entries after the edit move');
  });

  it('gives a document the same diagnostics as a thread of its own', async () => {
    const text = generateDataCentre(300, 3);
    const diagnosticsWith = async (spareThread: boolean) => {
      const server = new InProcessServer(undefined, { spareThread });
      try {
        await server.initialize();
        await server.open('file:///first.ha.yaml', 'topology: t\ncomponents:\n  a: { availability: 99% }\nservices:\n  s: { requires: [a] }\n');
        await server.waitForDiagnostics((p) => p.uri === 'file:///first.ha.yaml');
        // The spare is started once analyses have paused for a second; the second document is
        // given it, warmed or still warming up (either way its diagnostics must not change).
        if (spareThread) await new Promise((resolve) => setTimeout(resolve, 1500));
        await server.open('file:///second.ha.yaml', text);
        return (await server.waitForDiagnostics((p) => p.uri === 'file:///second.ha.yaml')).diagnostics;
      } finally {
        await server.dispose();
      }
    };
    const withSpare = await diagnosticsWith(true);
    assert.ok(withSpare.length > 0);
    assert.deepEqual(withSpare, await diagnosticsWith(false));
  });
});

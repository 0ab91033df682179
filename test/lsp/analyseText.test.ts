import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { OperationCancelled } from '../../server/src/core';
import { createPackageValidator } from '../../server/src/node/packageFiles';
import { DocumentAnalyser } from '../../server/src/lsp/analyseText';
import { defaultServerSettings } from '../../server/src/protocol';
import { repoRoot } from '../helpers/core';

const text = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');
const request = { uri: 'file:///example.ha.yaml', version: 1, text, maxBddNodes: 2_000_000, timeLimitMs: 60_000, limits: defaultServerSettings.limits, defaultSla: '' };

describe("the analysis thread's index of a version", () => {
  it('is not handed over when the version was replaced while it was built', () => {
    // How many times building the index asks whether it is still wanted...
    const probe = new DocumentAnalyser(createPackageValidator());
    let asked = 0;
    const index = probe.index(request, probe.diagnose(request), () => (asked++, false));
    assert.ok(index.entities.length > 0 && asked > 1);
    // ...and a newer version arriving just as the last step is done: nothing is sent.
    const analyser = new DocumentAnalyser(createPackageValidator());
    let calls = 0;
    assert.throws(() => analyser.index(request, analyser.diagnose(request), () => ++calls >= asked), OperationCancelled);
    assert.equal(calls, asked);
  });
});

describe("the analysis thread's graph of a version", () => {
  it('has the components\' figures before the fixes are ranked, the same as once they are', () => {
    // The preview asks for the graph between the diagnostics and the index: the components'
    // figures are left out of the diagnostics' analysis, so the graph must measure them.
    const early = new DocumentAnalyser(createPackageValidator());
    early.diagnose(request);
    const before = early.graph(request);
    const late = new DocumentAnalyser(createPackageValidator());
    late.index(request, late.diagnose(request));
    const after = late.graph(request);
    const components = (graph: typeof before) => graph.nodes.filter((node) => node.type === 'component');
    assert.ok(components(before).length > 20);
    assert.ok(components(before).every((node) => node.availability !== null && node.unavailability !== null), 'every component node has figures');
    assert.deepEqual(components(before), components(after));
  });
});

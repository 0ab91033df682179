import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AnalysisMemo, IncrementalParser } from '../../../server/src/core';
import { analyse, placeSpans, repoRoot } from '../../helpers/core';

const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');

/** One random edit of the text, line by line or value by value, as typing would make. */
const drawEdit = fc.oneof(
  fc.record({ kind: fc.constant('digit' as const), nth: fc.nat(400), digit: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('line' as const), line: fc.nat(300), action: fc.constantFrom('delete', 'duplicate', 'insert', 'garbage'), text: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant('setting' as const), what: fc.constantFrom('vm-default', 'peak-share', 'sla', 'kind', 'unknown-kind', 'bad-replicas', 'own-vm', 'vm-load'), value: fc.integer({ min: 1, max: 99 }) }),
);
type Edit = typeof drawEdit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(text: string, edit: Edit): string {
  if (edit.kind === 'digit') {
    // Changes the nth digit of the file: the same length, so nothing after it moves.
    let seen = 0;
    return text.replace(/\d/g, (d) => (seen++ === edit.nth ? String(edit.digit) : d));
  }
  if (edit.kind === 'line') {
    const lines = text.split('\n');
    const at = Math.min(edit.line, lines.length - 1);
    if (edit.action === 'delete') lines.splice(at, 1);
    else if (edit.action === 'duplicate') lines.splice(at, 0, lines[at]!);
    else if (edit.action === 'insert') lines.splice(at, 0, `# ${edit.text}`);
    else lines[at] = `${lines[at]}${edit.text}`;
    return lines.join('\n');
  }
  switch (edit.what) {
    case 'vm-default':
      return text.replace(/( {2}vm: \{ mtbf: \d+h, mttr: )\d+m/, `$1${edit.value}m`);
    case 'peak-share':
      // No time at peak (0%) drops findings about the peak alone, such as a load too large then.
      return text.replace(/^peakShare: \d+%/m, `peakShare: ${edit.value % 4 === 0 ? 0 : edit.value}%`);
    case 'sla':
      return text.replace(/^sla: \{ target: [\d.]+%/m, `sla: { target: 99.${edit.value}%`);
    case 'kind':
      return text.replace(/kind: vm\b/, 'kind: hypervisor');
    case 'unknown-kind':
      return text.replace(/kind: vm\b/, 'kind: vmm');
    case 'bad-replicas':
      return text.replace(/replicas: \d+/, `replicas: ${edit.value % 2 ? 0 : 'two'}`);
    case 'own-vm':
      // A VM (mail-1) with failure data of its own, which a change to the VM default must not reach.
      return text.replace('\n  mail-1:\n    kind: vm\n', `\n  mail-1:\n    kind: vm\n    mtbf: ${1000 * edit.value}h\n    mttr: 2h\n`);
    case 'vm-load':
      // A VM (the first) whose two replicas carry a load that needs three at peak only (an error only while the file has time at peak).
      return text.replace(/\n {4}kind: vm\n/, '\n    kind: vm\n    replicas: 2\n    capacity: 100\n    load: { peak: 250, normal: 50 }\n');
  }
}

describe('building and checking the model from entries that did not change', () => {
  it('gives what a fresh build gives, through random edits, and keeps the unchanged components and findings', () => {
    let kept = 0;
    let edits = 0;
    let checksKept = 0;
    let readAgain = 0;
    fc.assert(
      fc.property(fc.array(drawEdit, { minLength: 1, maxLength: 6 }), (sequence) => {
        const parser = new IncrementalParser();
        // The memo keeps what the model's checks found (see checkModel).
        const memo = new AnalysisMemo();
        let text = example;
        let before = analyse(text, { parser, memo, analyse: false });
        for (const edit of sequence) {
          text = applyEdit(text, edit);
          const previousChecks = memo.modelChecks;
          const incremental = analyse(text, { parser, memo, analyse: false });
          if (previousChecks && memo.modelChecks?.unused === previousChecks.unused) checksKept++;
          if (memo.model.lastBuild.componentsReadAgain) readAgain++;
          const fresh = analyse(text, { analyse: false });
          assert.deepEqual(placeSpans(incremental.topology, incremental.placement), fresh.topology, `after ${JSON.stringify(edit)}`);
          assert.deepEqual(incremental.diagnostics, fresh.diagnostics, `after ${JSON.stringify(edit)}`);
          for (const [id, component] of incremental.topology.components) if (before.topology.components.get(id) === component) kept++;
          edits++;
          before = incremental;
        }
      }),
      { seed: 20261128, numRuns: 200 },
    );
    // The comparison must exercise components kept from the build before, not only fresh ones.
    assert.ok(edits >= 500, `only ${edits} edits`);
    assert.ok(kept >= 10 * edits, `only ${kept} components kept over ${edits} edits`);
    assert.ok(checksKept >= edits / 4, `the checks' findings were kept after only ${checksKept} of ${edits} edits`);
    // Edits outside the components (a default, the time at peak, a service) read them again at the cost of a comparison.
    assert.ok(readAgain >= edits / 10, `the components were read again by comparison after only ${readAgain} of ${edits} edits`);
  });

  it('gives what a fresh build gives when the defaults or the time at peak change under components that do not', () => {
    // Components that take their failure data from the VM default get the new default without
    // being read again; one with data of its own, and a load judged at peak only, must not be missed.
    const sequence: Edit[] = [
      { kind: 'setting', what: 'vm-load', value: 1 },
      { kind: 'setting', what: 'own-vm', value: 7 },
      { kind: 'setting', what: 'vm-default', value: 45 },
      { kind: 'setting', what: 'peak-share', value: 4 },
      { kind: 'setting', what: 'vm-default', value: 20 },
      { kind: 'setting', what: 'peak-share', value: 15 },
    ];
    const parser = new IncrementalParser();
    const memo = new AnalysisMemo();
    let text = example;
    let before = analyse(text, { parser, memo, analyse: false });
    let refigured = 0;
    for (const edit of sequence) {
      text = applyEdit(text, edit);
      const incremental = analyse(text, { parser, memo, analyse: false });
      // Past the first two edits (which change components), only the defaults and the time at peak change.
      if (edit.kind === 'setting' && edit.what !== 'vm-load' && edit.what !== 'own-vm') assert.ok(memo.model.lastBuild.componentsReadAgain, `the components were read again entry by entry after ${JSON.stringify(edit)}`);
      const fresh = analyse(text, { analyse: false });
      assert.deepEqual(placeSpans(incremental.topology, incremental.placement), fresh.topology, `after ${JSON.stringify(edit)}`);
      assert.deepEqual(incremental.diagnostics, fresh.diagnostics, `after ${JSON.stringify(edit)}`);
      for (const [id, component] of incremental.topology.components) {
        const last = before.topology.components.get(id);
        if (last && last !== component && last.requires === component.requires) refigured++;
      }
      before = incremental;
    }
    // The VMs on the default kept what they read (their requirements) through the default's changes.
    assert.ok(refigured >= 4, `only ${refigured} components were given new failure data without being read again`);
  });
});

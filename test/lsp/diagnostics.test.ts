import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FiguresRequest, MemoryRequest } from '../../server/src/protocol';
import { repoRoot } from '../helpers/core';
import { InProcessServer } from '../helpers/lspClient';

const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');

describe('language server diagnostics over a real connection', () => {
  let server: InProcessServer;
  before(async () => {
    server = new InProcessServer();
    await server.initialize();
  });
  after(() => server.dispose());

  it('publishes the example’s findings and no errors when it is opened', async () => {
    const uri = 'file:///example.ha.yaml';
    await server.open(uri, example);
    const published = await server.waitForDiagnostics((p) => p.uri === uri);
    assert.equal(published.version, 1);
    assert.deepEqual(published.diagnostics.filter((d) => d.severity === 1), []);
    // One cause, one problem: the example's Problems panel, every entry.
    const problems = published.diagnostics.map((d) => `${example.split('\n')[d.range.start.line]!.trim().split(':')[0]} · ${d.code} · ${String(d.message).split(/[.:] /)[0]!.replace(/\.$/, '')}`);
    assert.deepEqual(problems, [
      'san · single-point-of-failure · "san" is a single point of failure for 6 services',
      'commonCause · single-point-of-failure · "common:san-disks" is a single point of failure for 6 services',
      'mail-1 · single-point-of-failure · "mail-1" is a single point of failure for 2 services',
      'crm-app · single-point-of-failure · "crm-app" is a single point of failure for management',
      'mailing-app · single-point-of-failure · "mailing-app" is a single point of failure for email-marketing',
      'failover · defeated-failover · Defeated failover',
      'sla · sla-miss · "mysql" is predicted at 99.979% against an SLA of 99.99%',
      'sla · sla-breach-risk · "web-hosting" meets 99.95% on average (99.956%), but misses 99.95% in 21% of months; an outage longer than 30 min in 14% of months',
      '- { of · no-spare-at-peak · N+0 at peak',
    ]);
    assert.ok(published.diagnostics.every((d) => d.source === 'ha-topology'));
  });

  it('reports a mistake typed into the file at the right line and column', async () => {
    const uri = 'file:///edit.ha.yaml';
    await server.open(uri, example);
    await server.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    const edited = example.replace('requires: [pdu-a, firewall]', 'requires: [pdu-a, firewal]');
    await server.change(uri, 2, edited);
    const published = await server.waitForDiagnostics((p) => p.uri === uri && p.version === 2);
    const errors = published.diagnostics.filter((d) => d.severity === 1);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.code, 'unknown-reference');
    assert.match(String(errors[0]!.message), /did you mean "firewall"\?/);
    const line = edited.split('\n')[errors[0]!.range.start.line]!;
    assert.equal(line.slice(errors[0]!.range.start.character, errors[0]!.range.end.character), 'firewal');
  });

  it('publishes only the newest version after a burst of edits', async () => {
    const uri = 'file:///burst.ha.yaml';
    await server.open(uri, example);
    await server.waitForDiagnostics((p) => p.uri === uri && p.version === 1);
    const before = server.published.length;
    for (let version = 2; version <= 12; version++) {
      await server.change(uri, version, example.replace('topology: Hosting company', `topology: Hosting company ${version}`));
    }
    await server.waitForDiagnostics((p) => p.uri === uri && p.version === 12);
    // Give a stale result every chance to arrive late before counting.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const burst = server.published.slice(before).filter((p) => p.uri === uri);
    assert.deepEqual(burst.map((p) => p.version), [12]);
  });

  it('answers the figures request from the protocol module', async () => {
    const uri = 'file:///figures.ha.yaml';
    await server.open(uri, example);
    const result = (await server.client.sendRequest(FiguresRequest.method, { kind: 'figures', uri })) as FiguresRequest.Result;
    assert.equal(result.kind, 'figures');
    assert.equal(result.version, 1);
    assert.ok(result.services.some((s) => s.id === 'dns' && s.exact));
    assert.equal(await server.client.sendRequest(FiguresRequest.method, { kind: 'figures', uri: 'file:///never-opened' }), null);
  });

  it('reports the heap of each analysis thread apart from the main thread, for the memory benchmark', async () => {
    const memory = (await server.client.sendRequest(MemoryRequest.method)) as MemoryRequest.Result;
    assert.equal(memory.kind, 'memory');
    assert.ok(memory.workerHeapUsedBytes.length >= 1, 'the open documents have analysis threads');
    assert.ok(memory.workerHeapUsedBytes.every((bytes) => bytes > 1024 * 1024), memory.workerHeapUsedBytes.join(', '));
    assert.ok(memory.mainHeapUsedBytes > 0 && memory.rssBytes > memory.mainHeapUsedBytes);
  });

  it('survives hostile input and keeps serving', async () => {
    const uri = 'file:///hostile.ha.yaml';
    const garbage = '\u0000\u0001\uFFFD{{[[' + 'a: &a [*a]\n'.repeat(3) + ':::- - -\t\t"unterminated';
    await server.open(uri, garbage);
    const published = await server.waitForDiagnostics((p) => p.uri === uri);
    assert.ok(published.diagnostics.length > 0);
    await server.change(uri, 2, 'just a scalar');
    const scalar = await server.waitForDiagnostics((p) => p.uri === uri && p.version === 2);
    assert.ok(scalar.diagnostics.some((d) => d.code === 'schema'));
    const result = (await server.client.sendRequest(FiguresRequest.method, { kind: 'figures', uri })) as FiguresRequest.Result;
    assert.deepEqual(result.services, []);
  });

  it('clears diagnostics when a document is closed', async () => {
    const uri = 'file:///closing.ha.yaml';
    await server.open(uri, 'topology: x\n');
    await server.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length > 0);
    await server.close(uri);
    await server.waitForDiagnostics((p) => p.uri === uri && p.diagnostics.length === 0);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem } from 'vscode-languageserver-protocol';
import { SkeletonRequest } from '../../server/src/protocol';
import { analyse } from '../helpers/core';
import { InProcessServer } from '../helpers/lspClient';
import { applyEdits } from '../helpers/markers';

const uri = 'file:///new.ha.yaml';

describe('authoring from nothing', () => {
  let server: InProcessServer;
  before(async () => {
    server = await InProcessServer.withDocument(uri, '# ha-topology\n');
  });
  after(() => server.dispose());

  it('offers a skeleton for an empty file, as a quick fix that leaves no error', async () => {
    const published = server.published.filter((p) => p.uri === uri).pop()!;
    const empty = published.diagnostics.find((d) => /The file is empty/.test(String(d.message)))!;
    assert.match(String(empty.message), /Start from the skeleton/);
    const actions = (await server.client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: empty.range, context: { diagnostics: [empty] } })) as CodeAction[];
    const start = actions.find((a) => a.title === 'Start from a skeleton topology')!;
    const text = applyEdits('# ha-topology\n', start.edit!.changes![uri]!);
    assert.ok(text.startsWith('# ha-topology\ntopology: My services\n'));
    const result = analyse(text);
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(result.services?.[0]?.id, 'website');
  });

  it('offers the skeleton first among the completions of an empty file, its id filled in twice by one placeholder', async () => {
    const { items } = (await server.client.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } })) as { items: CompletionItem[] };
    const skeleton = items[0]!;
    assert.equal(skeleton.label, 'topology skeleton');
    const snippet = skeleton.textEdit ? (skeleton.textEdit as { newText: string }).newText : skeleton.insertText!;
    assert.equal(snippet.match(/\$\{3:server-1\}/g)?.length, 2, 'the component id and its reference are one placeholder');
    assert.deepEqual(analyse(snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1')).diagnostics.filter((d) => d.severity === 'error'), []);
  });

  it('gives the skeleton command the same snippet, from the protocol module', async () => {
    const params: SkeletonRequest.Params = { kind: 'skeleton' };
    const result = (await server.client.sendRequest(SkeletonRequest.method, params)) as SkeletonRequest.Result;
    const { items } = (await server.client.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } })) as { items: CompletionItem[] };
    const completed = items[0]!.textEdit ? (items[0]!.textEdit as { newText: string }).newText : items[0]!.insertText!;
    assert.equal(result.kind, 'skeleton');
    assert.equal(result.snippet, completed);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InProcessServer } from '../helpers/lspClient';

// The cases users hit: an anchored requirement list, a whole component through an alias, and
// a merge key. Rename and quick fixes must write only where the text says what changes.
const text = [
  'topology: aliases',
  'components:',
  '  host-1: { kind: hypervisor, availability: 99.9% }',
  '  host-2: { kind: hypervisor, availability: 99.9% }',
  '  web-1: { kind: vm, availability: 99.5%, requires: &hosts [host-1, host-2] }',
  '  web-2: { kind: vm, availability: 99.5%, requires: *hosts }',
  '  db: &dbdef { kind: database, availability: 99.9%, requires: [host-1] }',
  '  db-copy: *dbdef',
  '  cache:',
  '    <<: *dbdef',
  '    kind: other',
  'services:',
  '  site: { requires: [web-1, web-2, db, db-copy, cache] }',
  '',
].join('\n');

const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('edits over a real connection never go through an alias', () => {
  let server: InProcessServer;
  const uri = 'file:///aliases.ha.yaml';
  before(async () => {
    server = await InProcessServer.withDocument(uri, text);
  });
  after(() => server.dispose());

  it('renames host-1 at its definition and once in each anchor, never at *hosts or *dbdef', async () => {
    const line = lineOf('  host-1:');
    const edit = (await server.client.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line, character: 3 }, newName: 'host-one' })) as {
      changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]>;
    };
    const edits = edit.changes[uri]!;
    const lines = text.split('\n');
    const places = edits.map((e) => lines[e.range.start.line]!.slice(e.range.start.character, e.range.end.character));
    assert.deepEqual(places, ['host-1', 'host-1', 'host-1']);
    assert.deepEqual(edits.map((e) => e.range.start.line), [lineOf('  host-1:'), lineOf('&hosts'), lineOf('&dbdef')]);
  });

  it('refuses to rename at an alias, which stands for the anchored text', async () => {
    const line = lineOf('*hosts');
    const character = text.split('\n')[line]!.indexOf('*hosts') + 2;
    const prepared = await server.client.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position: { line, character } });
    assert.equal(prepared, null);
  });

  it('offers no quick fix that would rewrite shared anchored text', async () => {
    // "Make redundant" at host-1 inside the anchored list would change web-2 as well.
    const line = lineOf('&hosts');
    const character = text.split('\n')[line]!.indexOf('host-1') + 1;
    const actions = (await server.client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line, character }, end: { line, character } }, context: { diagnostics: [] } })) as { title: string }[];
    assert.deepEqual(actions.map((a) => a.title).filter((t) => t.startsWith('Make')), []);
  });
});

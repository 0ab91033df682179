import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPreviewHtml } from '../../media/src/previewHtml';

describe('the preview page', () => {
  const html = renderPreviewHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123',
    script: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/preview.js',
    style: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/preview.css',
    elkWorker: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/elk-worker.js',
    font: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/codicon.ttf',
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!.replace(/&#39;/g, "'");

  it('has a strict Content-Security-Policy: no inline code, no eval, no other origin', () => {
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.match(csp, /worker-src blob:/);
  });

  it('has no inline script, no inline style and no event-handler attribute', () => {
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
    assert.doesNotMatch(html, /<style|\sstyle=/);
    assert.doesNotMatch(html, /\son[a-z]+=/);
    for (const tag of html.match(/<script[^>]*>/g) ?? []) assert.match(tag, /nonce="abc123"/);
  });
});

/** Where the preview page finds its files; in VS Code these are webview resource URIs. */
export interface PreviewResources {
  /** The webview's `cspSource`: the only origin the page may load from. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly script: string;
  readonly style: string;
  readonly elkWorker: string;
  readonly font: string;
  /** Extra scripts before the preview (the test harness's stand-in for VS Code's API). */
  readonly preludeScripts?: readonly string[];
}

/** A toolbar button drawn as a codicon glyph, named by its tooltip and for screen readers. */
function iconButton(action: string, label: string, codePoint: number, style = ''): string {
  return `<button type="button" class="icon-button ${style}" data-action="${action}" title="${escapeAttribute(label)}" aria-label="${escapeAttribute(label)}"><span class="glyph" aria-hidden="true">&#x${codePoint.toString(16)};</span></button>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The preview page. Its Content-Security-Policy allows nothing inline: scripts only with the
 * nonce, styles and fonts only from the extension's media, the layout worker only from a
 * blob the page makes itself, and no other origin at all.
 */
export function renderPreviewHtml(r: PreviewResources): string {
  const csp = [
    "default-src 'none'",
    `img-src ${r.cspSource} blob: data:`,
    `style-src ${r.cspSource}`,
    `font-src ${r.cspSource} data:`,
    `script-src 'nonce-${r.nonce}'`,
    'worker-src blob:',
    `connect-src ${r.cspSource}`,
  ].join('; ');
  const scripts = [...(r.preludeScripts ?? []), r.script]
    .map((src) => `<script nonce="${escapeAttribute(r.nonce)}" src="${escapeAttribute(src)}"></script>`)
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <link rel="stylesheet" href="${escapeAttribute(r.style)}">
    <title>HA Topology Preview</title>
  </head>
  <body data-elk-worker="${escapeAttribute(r.elkWorker)}" data-font="${escapeAttribute(r.font)}">
    <header class="toolbar" role="toolbar" aria-label="Diagram">
      <span class="title" id="title">HA Topology</span>
      <span class="find"><input type="search" id="find" placeholder="Find (Ctrl+F)" aria-label="Find a node by id" spellcheck="false"><span class="find-count" id="find-count" aria-live="polite"></span></span>
      ${iconButton('fit', 'Fit the whole diagram in view', 0xeb4c)}
      ${iconButton('zoom-in', 'Zoom in', 0xeb81)}
      ${iconButton('zoom-out', 'Zoom out', 0xeb82)}
      ${iconButton('focus', 'Show only what the selected node depends on', 0xebf8)}
      <span class="separator"></span>
      ${iconButton('fail', 'Fail the selected nodes and see what goes down (what-if)', 0xead0, 'primary')}
      ${iconButton('reset', 'Clear the failures', 0xeae2)}
      <span class="separator"></span>
      ${iconButton('export-svg', 'Export the diagram as SVG', 0xebac)}
      ${iconButton('export-png', 'Export the diagram as PNG', 0xeaea)}
    </header>
    <div class="banner stale" id="stale" hidden>The file has errors: showing the last good diagram.</div>
    <div class="banner what-if" id="what-if" hidden></div>
    <div class="banner focus" id="focus" hidden><span id="focus-text"></span> <button type="button" class="link" data-action="show-all">Show all</button></div>
    <div class="stage">
      <main class="canvas" id="canvas" tabindex="0"><p class="empty" id="empty">Waiting for the topology…</p></main>
      <aside class="minimap" id="minimap" aria-label="Overview: click to move the view" hidden></aside>
    </div>
    <aside class="legend" aria-label="Legend">
      <span class="item service">service</span>
      <span class="item component">component</span>
      <span class="item group">redundancy group</span>
      <span class="item spof">single point of failure</span>
      <span class="item sla-miss">below SLA</span>
      <span class="item down">down (what-if)</span>
      <span class="item stacked">×n replicas, +n folded guests</span>
    </aside>
    ${scripts}
  </body>
</html>
`;
}

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
    <header class="toolbar" role="toolbar">
      <span class="title" id="title">HA Topology</span>
      <button type="button" data-action="fit" title="Fit to window">Fit</button>
      <button type="button" data-action="zoom-in" title="Zoom in">+</button>
      <button type="button" data-action="zoom-out" title="Zoom out">−</button>
      <span class="separator"></span>
      <button type="button" data-action="fail" title="Fail the selected nodes and see which services go down">Fail selected</button>
      <button type="button" data-action="reset" title="Clear the failures">Reset</button>
      <span class="separator"></span>
      <button type="button" data-action="export-svg" title="Save the diagram as SVG">Export SVG</button>
      <button type="button" data-action="export-png" title="Save the diagram as PNG">Export PNG</button>
    </header>
    <div class="banner stale" id="stale" hidden>The file has errors: showing the last good diagram.</div>
    <div class="banner what-if" id="what-if" hidden></div>
    <main class="canvas" id="canvas" tabindex="0"><p class="empty" id="empty">Waiting for the topology…</p></main>
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

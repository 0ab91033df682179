/**
 * Makes the diagram self-contained for export: the stylesheet's diagram rules with theme
 * variables resolved to their current values, and the icon font inlined, so the file looks
 * the same anywhere without VS Code.
 */
export async function makeStandaloneSvg(svg: SVGSVGElement, fontUrl: string): Promise<string> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const width = svg.viewBox.baseVal.width;
  const height = svg.viewBox.baseVal.height;
  const full = clone.getAttribute('data-full-view');
  if (full) clone.setAttribute('viewBox', full);
  const [, , fullWidth, fullHeight] = (full ?? `0 0 ${width} ${height}`).split(' ').map(Number);
  clone.setAttribute('width', String(fullWidth));
  clone.setAttribute('height', String(fullHeight));
  const computed = getComputedStyle(document.body);
  const resolveOnce = (css: string) =>
    css.replace(/var\((--[\w-]+)(?:,\s*([^()]*(?:\([^()]*\))?[^()]*))?\)/g, (_, name: string, fallback?: string) => computed.getPropertyValue(name).trim() || (fallback ?? '').trim());
  // A fallback may be a variable itself (`var(--a, var(--b, #fff))`): resolve until none is left.
  const resolve = (css: string) => {
    let resolved = css;
    for (let i = 0; i < 4 && resolved.includes('var('); i++) resolved = resolveOnce(resolved);
    return resolved;
  };
  const rules: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) if (rule.cssText.startsWith('.ha-graph')) rules.push(resolve(rule.cssText));
  }
  const font = await toDataUrl(fontUrl);
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = `@font-face { font-family: 'codicon'; src: url('${font}') format('truetype'); }\n.ha-graph { background: ${computed.getPropertyValue('--vscode-editor-background').trim() || '#fff'}; }\n${rules.join('\n')}`;
  clone.insertBefore(style, clone.firstChild);
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', computed.getPropertyValue('--vscode-editor-background').trim() || '#ffffff');
  clone.insertBefore(background, style.nextSibling);
  return new XMLSerializer().serializeToString(clone);
}

/** Draws a standalone SVG onto a canvas at twice its size and returns a PNG data URL. */
export async function renderPng(standaloneSvg: string): Promise<string> {
  const url = URL.createObjectURL(new Blob([standaloneSvg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the SVG could not be drawn'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth * 2;
    canvas.height = image.naturalHeight * 2;
    const context = canvas.getContext('2d')!;
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function toDataUrl(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

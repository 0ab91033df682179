// The preview in real VS Code, as a user sees it: first draw of the example in a cold panel,
// WCAG AA contrast and a screenshot in each kind of theme, and a 1,000-component file.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');
const { measureContrast, measureSmallestLabel } = require(join(root, 'out', 'test', 'helpers', 'contrast.js'));

/** The preview's frame once its graph is drawn with at least `minimum` nodes, and how long that took. */
export async function waitForPreviewFrame(page, minimum = 1, timeoutMs = 90_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    for (const frame of page.frames()) {
      try {
        const nodes = await frame.$$eval('.ha-graph .node', (list) => list.length);
        if (nodes >= minimum) return { frame, nodes, milliseconds: Date.now() - started };
      } catch {
        // Frames come and go while the webview loads.
      }
    }
    await page.waitForTimeout(100);
  }
  return { frame: undefined, nodes: 0, milliseconds: Date.now() - started };
}

/** The smallest node label on screen, in CSS pixels, in the preview's frame. */
export function smallestLabel(frame) {
  return frame.evaluate(measureSmallestLabel);
}

const themes = [
  ['Dark Modern', 'dark'],
  ['Dark High Contrast', 'hc-dark'],
  ['Light High Contrast', 'hc-light'],
  ['Light Modern', 'light'],
];

/** Switches the colour theme as a user does: the Color Theme command, the theme's name, Enter. */
async function switchTheme(page, theme) {
  // The palette also lists "Browse Color Themes in Marketplace": click the command itself.
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 30_000 });
  await page.keyboard.type('Preferences: Color Theme');
  await page.click('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]:not([aria-label*="Marketplace"])', { timeout: 30_000 });
  // The theme picker replaces the command palette: wait for its list before typing.
  await page.waitForTimeout(800);
  await page.waitForSelector('.quick-input-widget input', { timeout: 30_000 });
  await page.keyboard.type(theme);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${theme}"]`, { timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
}

/** In each kind of theme: the preview's contrast, and a picture (`e2e-preview-<theme><suffix>.png`). */
export async function checkPreviewInThemes(page, { check, results, suffix = '', contrast = true }) {
  for (const [theme, file] of themes) {
    try {
      await switchTheme(page, theme);
    } catch (error) {
      await page.screenshot({ path: join(results, `e2e-theme-picker-${file}.png`) });
      check(`the colour theme switches to ${theme}`, false, `(${String(error).split('\n')[0]})`);
      await page.keyboard.press('Escape');
      continue;
    }
    const { frame } = await waitForPreviewFrame(page);
    await page.screenshot({ path: join(results, `e2e-preview-${file}${suffix}.png`) });
    if (!contrast) continue;
    const measured = frame ? await frame.evaluate(measureContrast) : [];
    const failing = measured.filter((r) => r.ratio < 4.5).map((r) => `${r.what} ${r.ratio.toFixed(2)}:1`);
    check(`the preview meets WCAG AA contrast in ${theme} (toolbar, find box, node text)`, measured.length >= 12 && failing.length === 0, `(${measured.length} measured; failing: ${failing.join(', ')})`);
  }
}

/** Opens the 1,000-component file through Quick Open; the preview follows it. */
export async function checkLargeFile(page, { check, results, name }) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 30_000 });
  await page.keyboard.type(name);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 30_000 });
  const opened = Date.now();
  await page.keyboard.press('Enter');
  const { frame, nodes, milliseconds } = await waitForPreviewFrame(page, 200, 180_000);
  // Where the time went: until the graph reached the page, then the layout in its worker.
  const timings = frame ? await frame.evaluate(() => { const data = globalThis.document.body.dataset; return { arrived: Number(data.graphArrivedAt), layout: Number(data.layoutMilliseconds) }; }) : undefined;
  if (timings) console.log(`    the 1,000-component file: its graph reached the preview ${timings.arrived - opened} ms after opening it; layout took ${timings.layout} ms`);
  const label = frame ? await smallestLabel(frame) : 0;
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(results, 'e2e-preview-1000.png') });
  console.log(`    the 1,000-component file: ${nodes} nodes drawn ${milliseconds} ms after opening it; smallest label ${label.toFixed(1)} px`);
  check('the 1,000-component file opens summarised with legible labels', nodes >= 200 && nodes < 700 && label >= 11, `(${nodes} nodes, smallest label ${label.toFixed(1)} px)`);
  // The same file in every kind of theme, for the eye.
  await checkPreviewInThemes(page, { check, results, suffix: '-1000', contrast: false });
}

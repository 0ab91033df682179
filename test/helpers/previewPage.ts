import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPreviewHtml } from '../../media/src/previewHtml';
import type { FromWebview, ToWebview } from '../../server/src/protocol';
import { repoRoot } from './core';

/**
 * The preview webview on its own, in headless Chromium: the same page, stylesheet, script
 * and Content-Security-Policy as in VS Code, served from 127.0.0.1, with a stand-in for VS
 * Code's webview API that records what the page posts.
 */
export type Theme = 'light' | 'dark' | 'hc-dark' | 'hc-light';

export class PreviewPage {
  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    private readonly server: Server,
    readonly origin: string,
    readonly problems: string[],
  ) {}

  static async open(theme: Theme = 'light', viewport = { width: 1280, height: 800 }): Promise<PreviewPage> {
    const files: Record<string, () => string | Buffer> = {
      '/harness.js': () => harnessScript,
      [`/theme-${theme}.css`]: () => readFileSync(join(repoRoot, 'test', 'fixtures', 'webview', `theme-${theme}.css`)),
    };
    let html = '';
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      if (path === '/favicon.ico') {
        response.writeHead(204);
        response.end();
        return;
      }
      const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.html': 'text/html' };
      try {
        const body = path === '/' ? html : files[path] ? files[path]!() : readFileSync(join(repoRoot, 'dist', 'media', path.replace(/^\/media\//, '').replace(/\.\./g, '')));
        response.writeHead(200, { 'content-type': types[extname(path)] ?? 'text/html' });
        response.end(body);
      } catch {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    html = renderPreviewHtml({
      cspSource: origin,
      nonce: 'test-nonce-0123456789',
      script: `${origin}/media/preview.js`,
      style: `${origin}/media/preview.css`,
      elkWorker: `${origin}/media/elk-worker.js`,
      font: `${origin}/media/codicon.ttf`,
      preludeScripts: [`${origin}/harness.js`],
    }).replace('</head>', `<link rel="stylesheet" href="${origin}/theme-${theme}.css">\n  </head>`);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(origin);
    // VS Code marks the webview's body with the kind of theme; the page styles by it.
    const kind = { light: 'vscode-light', dark: 'vscode-dark', 'hc-dark': 'vscode-high-contrast', 'hc-light': 'vscode-high-contrast-light' }[theme];
    await page.evaluate((name) => document.body.classList.add(name), kind);
    await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted?.length > 0);
    return new PreviewPage(page, browser, server, origin, problems);
  }

  /** Sends a message as the extension would, and waits until the page has drawn it. */
  async send(message: ToWebview, waitForRender = true): Promise<void> {
    const before = await this.renderCount();
    await this.page.evaluate((m) => window.postMessage(m, '*'), message);
    if (waitForRender) await this.page.waitForFunction((n) => Number(document.body.dataset.rendered ?? 0) > n, before, { timeout: 60_000 });
  }

  renderCount(): Promise<number> {
    return this.page.evaluate(() => Number(document.body.dataset.rendered ?? 0));
  }

  posted(): Promise<FromWebview[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: FromWebview[] }).__posted);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

// The stand-in for VS Code's webview API: records messages and state.
const harnessScript = `
window.__posted = [];
window.__state = undefined;
window.acquireVsCodeApi = () => ({
  postMessage: (message) => window.__posted.push(message),
  getState: () => window.__state,
  setState: (state) => { window.__state = state; },
});
`;

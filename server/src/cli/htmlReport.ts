import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import {
  buildGraph,
  escapeXml,
  breachWarningShare,
  foldGraph,
  formatChance,
  formatHours,
  formatLowerBound,
  formatPercent,
  periodsPerYear,
  periodsWord,
  formatServiceAvailability,
  layoutGraph,
  renderSvg,
  type DocumentAnalysis,
  type ElkLike,
  type ServiceFigures,
} from '../core';
import { findPackageFile } from '../node/packageFiles';
import { collectSwitchovers, formatMinutes, formatShare, type SwitchoverRow } from './formatText';

const levels = [0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99999, 0.999999];

/**
 * One self-contained HTML file for people who sign SLAs: the diagram (laid out with the
 * same ELK code as the preview), the services, single points of failure, what to fix, the
 * usual table of availability levels, the problems, and the assumptions. Nothing is loaded
 * from anywhere: styles and the icon font are inside, and every text is escaped.
 */
export async function renderHtmlReport(path: string, analysis: DocumentAnalysis, generatedOn: string): Promise<string> {
  const graph = buildGraph(analysis);
  const view = foldGraph(graph, new Set(), 400);
  const layout = await layoutGraph(view, new ELK() as unknown as ElkLike);
  const svg = renderSvg(view, layout);
  const services = analysis.services ?? [];
  const title = analysis.topology.name ?? path;
  const e = escapeXml;
  const body: string[] = [];
  body.push(`<header><h1>${e(title)}</h1><p class="meta">Availability report for <code>${e(path)}</code>, generated on ${e(generatedOn)} by HA Topology.</p></header>`);
  body.push(summarise(services));
  // What a manager reads first: how often each contract holds, period by period.
  const contracts = services.filter((s) => s.breachProbability !== null && s.sla !== null && s.slaPeriod !== null);
  if (contracts.length > 0) {
    body.push('<section><h2>The SLA, period by period</h2><p class="note">An average hides lumps: a few long outages can break a monthly SLA in one month and leave the next ones clean. For each service, the chance that a period meets its SLA, and how many periods a year are expected to breach it.</p>', contractTable(contracts), '</section>');
  }
  body.push('<section><h2>Services</h2>', serviceTable(services), '</section>');
  body.push(`<section><h2>Redundancy diagram</h2><p class="note">Services at the top, what they require below them. Red outlines mark single points of failure; dashed pills are redundancy groups.</p><div class="diagram">${svg}</div></section>`);
  body.push('<section><h2>Single points of failure</h2>', spofList(services), '</section>');
  body.push('<section><h2>What to fix first</h2><p class="note">Downtime per year each service would save if the part never failed.</p>', fixTable(services), '</section>');
  const switchovers = collectSwitchovers(services);
  if (switchovers.length > 0) body.push('<section><h2>Switchovers</h2><p class="note">How often each failover switches a year, how often the switch works (its success times the chance that what it requires holds), and the downtime a year it costs each service.</p>', switchoverTable(switchovers), '</section>');
  const causes = services.flatMap((s) => s.causes.filter((c) => c.minutesPerYear > 0).map((c) => ({ service: s.id, ...c })));
  if (causes.length > 0) body.push('<section><h2>Common causes and maintenance</h2><p class="note">Downtime a year each costs a service, and its share of that service’s downtime.</p>', causeTable(causes), '</section>');
  body.push('<section><h2>Availability levels</h2><p class="note">What each level allows, for context (a year is 8,760 hours; a month is 30 days).</p>', levelTable(), '</section>');
  const problems = analysis.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (problems.length) {
    body.push('<section><h2>Problems</h2><ul class="problems">');
    for (const d of problems) body.push(`<li class="${d.severity}"><strong>${e(d.code)}</strong> ${e(d.message)}</li>`);
    body.push('</ul></section>');
  }
  body.push(`<section><h2>Assumptions</h2><ul>
<li>Parts fail and are repaired independently of one another, at constant rates (steady state): availability is MTBF / (MTBF + MTTR).</li>
<li>Shared dependencies are counted once: two "redundant" parts on one host fail together when the host does. Figures are exact probabilities over every combination of failures${services.every((s) => s.exact) ? '' : ', except where marked ≈ (a seeded Monte Carlo estimate)'}.</li>
<li>A failover group costs its switchover time each time its primary fails.</li>
<li>Outages per year add each part's failure rate, weighted by how often its failure alone decides the outcome. Parts given only an availability have no known rate${services.some((s) => s.frequencyPartial) ? '; where marked +, outage counts are lower bounds' : ''}.</li>
<li>SLA risks per period treat each part's failures as a Poisson stream of outages of random (exponential) length with that part's own mean repair time, and switchovers as outages of their switch or manual takeover time; risks where outage counts are lower bounds are lower bounds too.</li>
<li>Planned maintenance, correlated failures (a storm, a bad deploy everywhere) and human error are not modelled unless written into the topology.</li>
</ul></section>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">
<title>${e(title)}: availability report</title>
<style>${styles()}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

function summarise(services: readonly ServiceFigures[]): string {
  const missed = services.filter((s) => s.meetsSla === false);
  const withSpof = services.filter((s) => s.spofs.length > 0);
  return `<p class="summary">${services.length} service${services.length === 1 ? '' : 's'}: ${
    missed.length ? `<strong class="bad">${missed.length} below SLA</strong>` : '<strong class="good">every one meets its SLA</strong>'
  }; ${withSpof.length ? `<strong class="bad">${withSpof.length} with a single point of failure</strong>` : '<strong class="good">no single point of failure</strong>'}.</p>`;
}

function serviceTable(services: readonly ServiceFigures[]): string {
  const e = escapeXml;
  const rows = services.map((s) => {
    const sla = s.sla === null ? '—' : `${formatPercent(s.sla, 1 - s.sla)} ${s.meetsSla ? '<span class="good">met</span>' : `<span class="bad">missed by ${e(formatMinutes(s.slaGapMinutesPerYear ?? 0))}/year</span>`}`;
    return `<tr><td>${e(s.id)}</td><td class="number">${formatServiceAvailability(s)}${s.exact ? '' : ' ≈'}</td><td class="number">${s.nines === null ? '∞' : s.nines.toFixed(2)}</td><td class="number">${e(formatMinutes(s.downtimeMinutesPerYear))}</td><td class="number">${s.failuresPerYear === null ? '?' : `${s.failuresPerYear.toFixed(2)}${s.frequencyPartial ? '+' : ''}`}</td><td>${sla}</td><td>${s.spofs.length ? s.spofs.map((x) => `<code>${e(x)}</code>`).join(', ') : 'none'}</td></tr>`;
  });
  return `<table><thead><tr><th>Service</th><th>Availability</th><th>Nines</th><th>Downtime / year</th><th>Outages / year</th><th>SLA</th><th>Single points of failure</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function contractTable(services: readonly ServiceFigures[]): string {
  const e = escapeXml;
  const rows = services.map((s) => {
    const period = s.slaPeriod!;
    const breach = s.breachProbability!;
    // Where some frequencies are unknown, the risks are lower bounds and the chance of meeting an upper one.
    const meets = `${s.frequencyPartial && breach >= 1e-4 ? 'at most ' : ''}${formatChance(1 - breach)}`;
    const long = s.longOutageProbability === null ? '—' : `${formatLowerBound(s.longOutageProbability, s.frequencyPartial)} of ${periodsWord(period)} (longer than ${e(formatHours(s.maxOutageMinutes! / 60))})`;
    return `<tr><td>${e(s.id)}</td><td>${formatPercent(s.sla!, 1 - s.sla!)} per ${period}</td><td class="number"><strong class="${breach > breachWarningShare ? 'bad' : 'good'}">${meets}</strong></td><td class="number">${formatBreaches(breach * periodsPerYear(period), period, s.frequencyPartial)}</td><td>${long}</td></tr>`;
  });
  return `<table><thead><tr><th>Service</th><th>SLA</th><th>Chance a period meets it</th><th>Expected breaches a year</th><th>An outage longer than allowed</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** "2.5 months", "0.05 months", "fewer than 0.01 months", "at least 0.4 quarters". */
function formatBreaches(count: number, period: string, partial: boolean): string {
  if (count < 0.005) return `fewer than 0.01 ${period}s`;
  const text = count.toFixed(count < 0.1 ? 2 : 1);
  return `${partial ? 'at least ' : ''}${text} ${period}${text === '1.0' ? '' : 's'}`;
}

function spofList(services: readonly ServiceFigures[]): string {
  const byPart = new Map<string, string[]>();
  for (const s of services) for (const spof of s.spofs) byPart.set(spof, [...(byPart.get(spof) ?? []), s.id]);
  if (byPart.size === 0) return '<p>None: no single failure takes a service down.</p>';
  const e = escapeXml;
  return `<ul>${[...byPart].map(([part, ids]) => `<li><code>${e(part)}</code> takes down ${ids.map((id) => `<strong>${e(id)}</strong>`).join(', ')}</li>`).join('')}</ul>`;
}

function fixTable(services: readonly ServiceFigures[]): string {
  const e = escapeXml;
  const rows = services.flatMap((s) =>
    s.fixes.slice(0, 3).map((f, i) => `<tr><td>${i === 0 ? e(s.id) : ''}</td><td>${i + 1}.</td><td><code>${e(f.id)}</code></td><td class="number">${e(formatMinutes(f.savesMinutesPerYear))}</td></tr>`),
  );
  return `<table><thead><tr><th>Service</th><th></th><th>Part</th><th>Saves / year</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function levelTable(): string {
  const rows = levels.map((a) => {
    const u = 1 - a;
    return `<tr><td class="number">${formatPercent(a, u)}</td><td class="number">${formatMinutes(u * 8760 * 60)}</td><td class="number">${formatMinutes(u * 720 * 60)}</td><td class="number">${formatMinutes(u * 168 * 60)}</td></tr>`;
  });
  return `<table class="levels"><thead><tr><th>Availability</th><th>Downtime / year</th><th>/ month</th><th>/ week</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

let cachedStyles: string | undefined;

/** The preview's diagram rules in a light theme, the icon font inline, and the page's own. */
function styles(): string {
  if (cachedStyles) return cachedStyles;
  const read = (candidates: string[]) => {
    for (const candidate of candidates) {
      try {
        return readFileSync(findPackageFile(candidate));
      } catch {
        // Try the next place.
      }
    }
    throw new Error(`cannot find ${candidates[0]}`);
  };
  const css = read([join('dist', 'media', 'preview.css'), join('media', 'preview.css')]).toString('utf8');
  const graphRules = css.slice(css.indexOf('/* The diagram. */'), css.indexOf('/* High-contrast'));
  const font = read([join('dist', 'media', 'codicon.ttf'), join('node_modules', '@vscode', 'codicons', 'dist', 'codicon.ttf')]).toString('base64');
  cachedStyles = `
@font-face { font-family: 'codicon'; src: url('data:font/ttf;base64,${font}') format('truetype'); }
:root { --vscode-foreground: #1f2328; --vscode-descriptionForeground: #59636e; --vscode-editor-background: #ffffff; --vscode-editorWidget-background: #f6f8fa; --vscode-editorWidget-border: #afb8c1; --vscode-errorForeground: #cf222e; --vscode-editorWarning-foreground: #9a6700; --vscode-charts-blue: #0969da; --vscode-font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); margin: 2rem auto; max-width: 1100px; padding: 0 1rem; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } .meta, .note { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; } th, td { border-bottom: 1px solid #d0d7de; padding: 0.35rem 0.7rem; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.good { color: #1a7f37; } .bad { color: var(--vscode-errorForeground); } .summary { font-size: 1.1rem; }
.diagram { border: 1px solid #d0d7de; border-radius: 6px; overflow: auto; max-height: 80vh; background: #fff; }
.diagram svg { display: block; max-width: none; }
.problems li.error strong { color: var(--vscode-errorForeground); } .problems li.warning strong { color: var(--vscode-editorWarning-foreground); }
code { background: #f6f8fa; padding: 0 0.25rem; border-radius: 3px; }
${graphRules}`;
  return cachedStyles;
}

function switchoverTable(rows: readonly SwitchoverRow[]): string {
  const e = escapeXml;
  const body = rows.map(
    (r) =>
      `<tr><td><code>${e(r.name)}</code></td><td class="number">${r.perYear.toFixed(2)}</td><td class="number">${e(formatShare(r.switchSuccess))}</td><td>${r.costs.map((c) => `${e(c.service)} ${e(formatMinutes(c.minutesPerYear))}`).join(', ')}</td></tr>`,
  );
  return `<table><thead><tr><th>Switchover</th><th>Per year</th><th>Works</th><th>Costs a year</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function causeTable(rows: readonly { service: string; kind: string; id: string; minutesPerYear: number; share: number }[]): string {
  const e = escapeXml;
  const body = rows.map(
    (r) =>
      `<tr><td>${e(r.service)}</td><td>${r.kind === 'maintenance' ? `maintenance of <code>${e(r.id)}</code>` : `common cause <code>${e(r.id)}</code>`}</td><td class="number">${e(formatMinutes(r.minutesPerYear))}</td><td class="number">${e(formatShare(r.share))}</td></tr>`,
  );
  return `<table><thead><tr><th>Service</th><th>Cause</th><th>Costs a year</th><th>Share of downtime</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

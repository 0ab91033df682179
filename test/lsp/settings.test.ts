import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateAliasBomb } from '../../bench/generate';
import { readSettings, settingBounds } from '../../server/src/lsp/settings';
import { defaultServerSettings } from '../../server/src/protocol';
import { repoRoot } from '../helpers/core';
import { InProcessServer } from '../helpers/lspClient';

const bomb = generateAliasBomb(6);

describe('settings from an untrusted folder cannot switch the guards off', () => {
  it('keeps defaults for values of the wrong type and clamps numbers to hard ceilings', () => {
    const settings = readSettings({
      validation: { debounceMs: -5 },
      analysis: { maxBddNodes: 'off', timeLimitMs: 1e12 },
      limits: { maxAliasNodes: 'off', maxFileSizeKb: Infinity, maxNestingDepth: 1e9 },
      inlineFigures: { style: 'constructor' },
      downtimeUnit: '__proto__',
      defaultSla: { toString: 'x' },
    });
    assert.deepEqual(settings, {
      validation: { debounceMs: 0 },
      analysis: { maxBddNodes: defaultServerSettings.analysis.maxBddNodes, timeLimitMs: settingBounds.timeLimitMs.max },
      limits: { maxAliasNodes: defaultServerSettings.limits.maxAliasNodes, maxFileSizeKb: defaultServerSettings.limits.maxFileSizeKb, maxNestingDepth: settingBounds.maxNestingDepth.max },
      inlineFigures: defaultServerSettings.inlineFigures,
      downtimeUnit: defaultServerSettings.downtimeUnit,
      defaultSla: defaultServerSettings.defaultSla,
    });
    assert.deepEqual(readSettings(null), defaultServerSettings);
    assert.deepEqual(readSettings(JSON.parse('{"__proto__": {"analysis": {"timeLimitMs": 1}}}')), defaultServerSettings);
  });

  describe('over a real connection', () => {
    let server: InProcessServer;
    before(async () => {
      server = new InProcessServer({ limits: { maxAliasNodes: 'off' }, analysis: { maxBddNodes: 1e15 } });
      await server.initialize();
    });
    after(() => server.dispose());

    it('still stops an alias bomb when the workspace says "off"', async () => {
      const uri = 'file:///bomb.ha.yaml';
      await server.open(uri, bomb);
      const published = await server.waitForDiagnostics((p) => p.uri === uri);
      assert.ok(published.diagnostics.some((d) => d.code === 'alias-limit'), published.diagnostics.map((d) => d.code).join(', '));
    });
  });
});

describe('the manifest declares the guards as restricted settings', () => {
  it('lists every limit and budget in restrictedConfigurations, with the same bounds', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, { minimum?: number; maximum?: number }> } };
    };
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const names = { maxBddNodes: 'analysis', timeLimitMs: 'analysis', maxFileSizeKb: 'limits', maxNestingDepth: 'limits', maxAliasNodes: 'limits' } as const;
    for (const [name, section] of Object.entries(names)) {
      const key = `haTopology.${section}.${name}`;
      assert.ok(restricted.includes(key), key);
      const property = manifest.contributes.configuration.properties[key]!;
      const bounds = settingBounds[name as keyof typeof names];
      assert.equal(property.minimum, bounds.min, key);
      assert.equal(property.maximum, bounds.max, key);
    }
  });
});

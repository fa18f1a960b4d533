import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The extension manifest's promise for untrusted workspaces: a cloned repository's .vscode/settings.json
// cannot change what is linted or how much is read; VS Code then takes these settings from the user only.
const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));

describe('extension manifest', () => {
  it('restricts in untrusted workspaces every setting that changes what is linted or read', () => {
    const settings = Object.keys(manifest.contributes.configuration.properties);
    // `cache` only decides whether the user's own cache folder is used: a workspace can cost speed, never change a finding.
    const harmless = new Set(['actionable.enable', 'actionable.trace.server', 'actionable.cache']);
    const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    for (const s of settings) if (!harmless.has(s)) assert.ok(restricted.has(s), `${s} is not restricted`);
    for (const r of restricted) assert.ok(settings.includes(r as string), `${r} is no setting`);
  });
});

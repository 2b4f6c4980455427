import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeployConfigError, loadDeployConfig } from '../../deploy/load-config.ts';
import { bundleBanner } from '../../deploy/package-time.ts';
import { loadConfigFile, parseConfigText } from '../../shared/config/index.ts';

const directories: string[] = [];

function file(name: string, text: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'scaler-config-'));
  directories.push(directory);
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('loadDeployConfig', () => {
  it('refuses an invalid file with every problem as a path: message line', () => {
    const path = 'test/fixtures/config/invalid-five-errors.yml';
    let error: unknown;
    try {
      loadDeployConfig(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DeployConfigError);
    const lines = (error as DeployConfigError).message.split('\n');
    expect(lines[0]).toBe(`${path} is not a valid scaling configuration (5 problems); nothing was packaged:`);
    expect(lines.slice(1).map((line) => line.trim().split(':')[0])).toEqual([
      'targets[0].minCapacity',
      'targets[0].stepPolicies[0].stepAdjustments[1]',
      'targets[0].scheduledActions[0].schedule',
      'targets[1].stepPolicies[0].stepAdjustments[1]',
      'targets[1].scheduledActions[0].timezone',
    ]);
  });

  it('names a missing file', () => {
    expect(() => loadDeployConfig('no-such-scaling.yml')).toThrow(/no-such-scaling\.yml: file not found/);
  });

  it('serializes a document the runtime validates again into the very same configuration', () => {
    const path = file(
      'scaling.yml',
      [
        'targets:',
        '  - endpointName: e',
        '    variantName: v',
        '    minCapacity: 1',
        '    maxCapacity: 3',
        '    scheduledActions:',
        '      - scheduledActionName: launch',
        '        schedule: cron(0 8 * * ? *)',
        '        startTime: 2027-01-01T00:00:00Z',
        '        scalableTargetAction: { minCapacity: 2 }',
      ].join('\n'),
    );
    const loaded = loadDeployConfig(path);
    expect(parseConfigText(loaded.document, 'bundled scaling.yml')).toEqual(loadConfigFile(path));
    expect(loaded.config.targets[0]?.scheduledActions[0]?.startTime).toBe(Date.parse('2027-01-01T00:00:00Z'));
  });
});

describe('bundleBanner', () => {
  const custom = {
    config: 'scaling.yml',
    service: 'sagemaker-scaler',
    stage: 'unit',
    tableName: 't',
    metricsNamespace: 'SageMakerScaler',
  };

  it('sets SCALER_CONFIG_DOCUMENT to the validated document before any bundled module runs', () => {
    const banner = bundleBanner(custom, 'cjs');
    const env: Record<string, string> = {};
    new Function('process', banner)({ env });
    expect(parseConfigText(env.SCALER_CONFIG_DOCUMENT ?? '', 'bundled')).toEqual(
      loadConfigFile('scaling.yml'),
    );
  });

  it('gives ESM bundles a require for the CommonJS modules they still contain', () => {
    expect(bundleBanner(custom, 'esm')).toMatch(
      /^import\{createRequire as __scalerCreateRequire\}from'node:module';const require=/,
    );
    expect(bundleBanner(custom, 'cjs')).not.toContain('import');
  });
});

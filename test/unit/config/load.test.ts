import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ConfigValidationError,
  describeConfig,
  loadConfigFile,
  parseConfigDocument,
  parseConfigText,
  validateConfig,
} from '../../../shared/config/index.ts';
import { rawConfig, rawPolicy, rawTarget } from './build.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/config/${name}`, import.meta.url));
const exampleFile = fileURLToPath(new URL('../../../scaling.yml', import.meta.url));

/** The error a call throws, failing the test when it throws none or another kind. */
function thrown(call: () => unknown): ConfigValidationError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return error as ConfigValidationError;
  }
  return expect.fail('expected a ConfigValidationError');
}

describe('loadConfigFile and parseConfigText', () => {
  it('accepts the example scaling.yml at the repository root, without warnings', () => {
    const config = loadConfigFile(exampleFile);
    expect(describeConfig(config)).toBe(
      '1 target (fraud-detector/AllTraffic 2..10, 2 step policies, 1 target tracking policy, 2 scheduled actions), 4 alarms created at deploy',
    );
    const result = validateConfig(parseConfigDocument(readFileSync(exampleFile, 'utf8'), 'scaling.yml'));
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('loads the worked example fixture as the AAS bounds of the semantics doc', () => {
    const target = loadConfigFile(fixture('worked-example.yml')).targets[0];
    expect(target).toMatchObject({
      endpointName: 'worked-example',
      variantName: 'AllTraffic',
      minCapacity: 1,
      maxCapacity: 100,
    });
    expect(
      target?.stepPolicies.map((policy) => [policy.policyName, policy.alarmName, policy.cooldown]),
    ).toEqual([
      ['scale-out', 'worked-example-high', 300],
      ['scale-in', 'worked-example-low', 300],
    ]);
    expect(target?.stepPolicies[1]?.stepAdjustments).toEqual([
      { metricIntervalLowerBound: -10, metricIntervalUpperBound: 0, scalingAdjustment: 0 },
      { metricIntervalLowerBound: -20, metricIntervalUpperBound: -10, scalingAdjustment: -10 },
      { metricIntervalUpperBound: -20, scalingAdjustment: -30 },
    ]);
  });

  it('loads the two-target fixture', () => {
    const config = loadConfigFile(fixture('two-targets.yml'));
    expect(config.targets.map((target) => `${target.endpointName}/${target.variantName}`)).toEqual([
      'fraud-detector/AllTraffic',
      'recommender/Primary',
    ]);
  });

  it('reports all five errors of the five-error fixture at once, each with its path', () => {
    const error = thrown(() => loadConfigFile(fixture('invalid-five-errors.yml')));
    expect(error.source).toBe(fixture('invalid-five-errors.yml'));
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'targets[0].minCapacity',
      'targets[0].stepPolicies[0].stepAdjustments[1]',
      'targets[0].scheduledActions[0].schedule',
      'targets[1].stepPolicies[0].stepAdjustments[1]',
      'targets[1].scheduledActions[0].timezone',
    ]);
    expect(error.issues.map((issue) => issue.message.split(':')[0])).toEqual([
      'must be <= maxCapacity (found 6 > 2)',
      'overlaps',
      expect.any(String),
      'leaves a gap',
      'expected an IANA time zone name such as UTC or Europe/Berlin, found "Mars/Olympus_Mons"',
    ]);
  });

  it('reports type errors, unknown fields and rule violations of different targets in one run', () => {
    const text = JSON.stringify(
      rawConfig(
        rawTarget({ minCapacity: 'two' }),
        rawTarget({ endpointName: 'b', stepPolicies: [rawPolicy({ cooldwon: 1 })] }),
        rawTarget({ endpointName: 'c', minCapacity: 5, maxCapacity: 4 }),
      ),
    );
    const error = thrown(() => parseConfigText(text, 'inline.json'));
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'targets[0].minCapacity',
      'targets[1].stepPolicies[0].cooldwon',
      'targets[2].minCapacity',
    ]);
  });

  it('puts every issue on its own line as path: message', () => {
    const error = thrown(() => parseConfigText('targets: []\nextra: 1\n', 'scaling.yml'));
    expect(error.message).toBe(
      "extra: unknown field 'extra' (expected one of targets)\ntargets: must list at least one target (found an empty list)",
    );
  });

  it('accepts JSON input', () => {
    const config = parseConfigText(JSON.stringify(rawConfig()), 'scaling.json');
    expect(config.targets[0]?.stepPolicies[0]?.cooldown).toBe(300);
  });

  it('gives a JSON syntax error with its line and column', () => {
    const error = thrown(() =>
      parseConfigText('{\n  "targets": [\n    { "endpointName": "a", }\n  ]\n}', 'scaling.json'),
    );
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toMatch(/^scaling\.json:3:\d+$/);
    expect(error.issues[0]?.message).toMatch(/^JSON syntax error: /);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('gives a YAML syntax error with its line and column', () => {
    const error = thrown(() =>
      parseConfigText('targets:\n  - endpointName: a\n    variantName: [b\n', 'scaling.yml'),
    );
    expect(error.issues[0]?.path).toMatch(/^scaling\.yml:\d+:\d+$/);
    expect(error.message).toMatch(/^scaling\.yml:4:1: YAML syntax error: /);
  });

  it('refuses a duplicate key with its line instead of keeping the last value', () => {
    const error = thrown(() =>
      parseConfigText('targets:\n  - minCapacity: 1\n    minCapacity: 2\n', 'scaling.yml'),
    );
    expect(error.issues[0]?.path).toBe('scaling.yml:3:5');
  });

  it('refuses an unresolved YAML alias', () => {
    const error = thrown(() => parseConfigText('targets: *missing\n', 'scaling.yml'));
    expect(error.issues[0]?.path).toBe('scaling.yml');
  });

  it('lets targets share a policy through YAML anchors and merge keys', () => {
    const text = [
      'targets:',
      '  - endpointName: a',
      '    variantName: AllTraffic',
      '    minCapacity: 1',
      '    maxCapacity: 4',
      '    stepPolicies:',
      '      - &policy',
      '        policyName: out',
      '        alarmName: a-high',
      '        adjustmentType: ChangeInCapacity',
      '        stepAdjustments: [{ metricIntervalLowerBound: 0, scalingAdjustment: 1 }]',
      '  - endpointName: b',
      '    variantName: AllTraffic',
      '    minCapacity: 1',
      '    maxCapacity: 4',
      '    stepPolicies:',
      '      - <<: *policy',
      '        alarmName: b-high',
    ].join('\n');
    expect(parseConfigText(text, 'scaling.yml').targets[1]?.stepPolicies[0]?.alarmName).toBe('b-high');
  });

  it('refuses an empty file', () => {
    expect(thrown(() => parseConfigText('', 'scaling.yml')).message).toContain('found an empty document');
  });

  it('says which file is missing', () => {
    const error = thrown(() => loadConfigFile('does-not-exist/scaling.yml'));
    expect(error.issues).toEqual([
      {
        path: 'does-not-exist/scaling.yml',
        message: expect.stringMatching(/^file not found \(looked for \/.*does-not-exist\/scaling\.yml\)$/),
      },
    ]);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('refuses a directory given as the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scaler-config-'));
    expect(thrown(() => loadConfigFile(dir)).issues[0]?.message).toBe(
      'is a directory, expected a scaling.yml file',
    );
  });

  it('reads a file with a byte order mark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scaler-config-'));
    const path = join(dir, 'scaling.json');
    writeFileSync(path, `\uFEFF${JSON.stringify(rawConfig())}`);
    expect(loadConfigFile(path).targets).toHaveLength(1);
  });
});

/**
 * Fleet-sized scaling.yml documents for the deploy tests, built from the root example's first
 * target, copied and renamed (`fraud-detector` becomes `fraud-detector-0001`, ...), so they carry
 * whatever policies and actions the example has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { validateConfig } from '../../shared/config/index.ts';
import type { ScalingConfig } from '../../shared/domain/model.ts';
import { ROOT } from './serverless-package.ts';

type Raw = Record<string, unknown>;

/** The root scaling.yml's first target, as parsed YAML. */
function exampleTarget(): Raw {
  const document = parse(readFileSync(join(ROOT, 'scaling.yml'), 'utf8')) as { targets: Raw[] };
  const [first] = document.targets;
  if (first === undefined) throw new Error('scaling.yml has no target to copy');
  return first;
}

/** The example target as the `index`-th copy: its endpoint name, and every alarm name, made unique. */
function renamedCopy(template: Raw, index: number): Raw {
  const name = String(template.endpointName);
  const endpointName = `${name}-${String(index + 1).padStart(4, '0')}`;
  const copy = JSON.parse(JSON.stringify(template).replaceAll(name, endpointName)) as Raw;
  // An alarm name that did not contain the endpoint name would now be shared by every copy.
  const renameAlarms = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(renameAlarms);
    else if (value !== null && typeof value === 'object') {
      const record = value as Raw;
      if (typeof record.alarmName === 'string' && !record.alarmName.includes(endpointName))
        record.alarmName = `${record.alarmName}-${endpointName}`;
      Object.values(record).forEach(renameAlarms);
    }
  };
  renameAlarms(copy);
  return copy;
}

/** A document with `count` copies of the example target. */
export function fleetDocument(count: number): { targets: Raw[] } {
  const template = exampleTarget();
  return { targets: Array.from({ length: count }, (_, index) => renamedCopy(template, index)) };
}

/** The same document as YAML text, to write where `serverless package` reads its config. */
export function fleetYaml(count: number): string {
  return stringify(fleetDocument(count));
}

/** The validated configuration (throws if the copies do not validate). */
export function fleetConfig(count: number): ScalingConfig {
  const result = validateConfig(fleetDocument(count));
  if (!result.ok) throw new Error(result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
  return result.config;
}

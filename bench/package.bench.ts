/**
 * Package benchmark: `serverless package` (offline) of the root example's target copied 40 and
 * 1,000 times, as test/deploy/fleet-package.test.ts packages them, printing the wall-clock time
 * and what came out: resources and bytes of the root template and of the largest nested one.
 *
 * Run: `node bin/run-ts.mjs bench/package.bench.ts`. Times follow the machine's load; the sizes do not.
 */
import { rmSync } from 'node:fs';
import { fleetYaml } from '../test/deploy/fleet-config.ts';
import { serverlessPackage } from '../test/deploy/serverless-package.ts';
import type { Template } from '../test/deploy/template.ts';

const CONFIG = 'fleet-scaling.yml';
const cases: { targets: number; params: Record<string, string> }[] = [
  { targets: 40, params: {} },
  { targets: 1000, params: { nestedStacks: '32' } },
];

const measure = (template: Template) => ({
  resources: Object.keys(template.Resources).length,
  bytes: Buffer.byteLength(JSON.stringify(template)),
});

console.log(
  '| targets | layout | package time | root resources | root bytes | nested stacks | largest nested (resources / bytes) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const { targets, params } of cases) {
  const run = await serverlessPackage({ config: CONFIG, ...params }, 300_000, {
    [CONFIG]: fleetYaml(targets),
  });
  try {
    if (run.template === undefined) throw new Error(`serverless package failed:\n${run.output}`);
    const root = measure(run.template);
    const nested = [...run.nested.values()].map(measure);
    const largest = nested.sort((a, b) => b.bytes - a.bytes)[0];
    console.log(
      `| ${targets} | ${nested.length > 0 ? `nestedStacks=${nested.length}` : 'one stack'} | ${run.seconds.toFixed(1)} s | ${root.resources} | ${root.bytes.toLocaleString('en-US')} | ${nested.length} | ${largest ? `${Math.max(...nested.map((n) => n.resources))} / ${largest.bytes.toLocaleString('en-US')}` : '-'} |`,
    );
  } finally {
    rmSync(run.workspace, { recursive: true, force: true });
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DIST } from '../../../../bin/compiled-cli.mjs';
import { loadConfigFile } from '../../../../shared/config/index.ts';
import { createSimulationPool, workerModule } from '../../../../shared/sim/parallel/simulation-pool.ts';
import { shareTrace } from '../../../../shared/sim/parallel/simulation-task.ts';
import { runPolicyFigures, runSimulation } from '../../../../shared/sim/run-simulation.ts';
import { readTraceFile } from '../../../../shared/sim/trace/trace.ts';

const config = loadConfigFile('scaling.yml');
const trace = readTraceFile('test/fixtures/traces/nasa_http_1995_0712-0713_1min.csv', { scale: 18 });
const pool = createSimulationPool(trace, { threads: 2 });
afterAll(() => pool.close());

const window = (fromHours: number, hours: number) => ({
  capacityPerInstance: 1000,
  from: trace.start + fromHours * 3_600_000,
  to: trace.start + (fromHours + hours) * 3_600_000,
});

describe('the simulation pool', () => {
  it('returns, task by task, the summaries runSimulation gives in process, and tells each task done', async () => {
    const tasks = [
      { config, options: window(0, 12) },
      // A scaling.yml text is validated in the worker like a file.
      { config: readFileSync('scaling.yml', 'utf8'), options: window(6, 18) },
      { config, options: { ...window(0, 24), instanceStartupSeconds: 120, baselineTarget: 600 } },
    ];
    const progress: [number, number][] = [];
    const results = await pool.runAll(tasks, { onProgress: (done, total) => progress.push([done, total]) });
    const expected = [];
    for (const task of tasks) {
      const run = await runSimulation(config, trace, task.options);
      expected.push(run.targets.map((target) => ({ targetKey: target.targetKey, summary: target.summary })));
    }
    expect(results).toEqual(expected);
    expect(results[0]?.[0]?.summary.minutes).toBe(12 * 60);
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it("returns, task by task, the policy figures runPolicyFigures gives in process (a tune's candidates)", async () => {
    const tasks = [
      { config, options: window(0, 12) },
      { config, options: { ...window(4, 20), instanceStartupSeconds: 120 } },
    ];
    const results = await pool.runFigures(tasks);
    const expected = [];
    for (const task of tasks) expected.push(await runPolicyFigures(config, trace, task.options));
    expect(results).toEqual(expected);
    expect(results[1]?.[0]?.figures.minutes).toBe(20 * 60);
  });

  it('rejects a task whose scaling.yml does not validate, naming the problem', async () => {
    const broken = readFileSync('scaling.yml', 'utf8').replace('maxCapacity: 10', 'maxCapacity: 1');
    await expect(pool.run({ config: broken, options: window(0, 1) })).rejects.toThrow(/maxCapacity/);
  });

  it('runs on the threads it was given', () => {
    expect(pool.threads).toBe(2);
  });
});

describe('shareTrace', () => {
  it('copies the minutes once into shared memory, and leaves a shared trace as it is', () => {
    const shared = shareTrace(trace);
    for (const array of [shared.time, shared.requests, shared.gap]) {
      expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    expect([...shared.requests]).toEqual([...trace.requests]);
    expect(shareTrace(shared).requests).toBe(shared.requests);
  });
});

describe('the worker module', () => {
  it('is the TypeScript worker through tsx when the pool runs as TypeScript', () => {
    expect(workerModule(pathToFileURL('/repo/shared/sim/parallel/simulation-pool.ts').href)).toBe(
      '/repo/shared/sim/parallel/typescript-worker.mjs',
    );
  });

  it("is the compiled CLI's entry, from its root or from a chunk, and the build writes it", () => {
    const fromChunk = workerModule(pathToFileURL(join(DIST, 'chunks', 'chunk-ABC.mjs')).href);
    const fromRoot = workerModule(pathToFileURL(join(DIST, 'main.mjs')).href);
    expect(fromChunk).toBe(join(DIST, 'simulation-worker.mjs'));
    expect(fromRoot).toBe(fromChunk);
    expect(existsSync(fromChunk)).toBe(true);
  });

  it('compiled, decides as the TypeScript does', async () => {
    const compiled = createSimulationPool(trace, { threads: 1, worker: join(DIST, 'simulation-worker.mjs') });
    try {
      const options = window(0, 24);
      const [summaries] = await compiled.runAll([{ config, options }]);
      const run = await runSimulation(config, trace, options);
      expect(summaries).toEqual(run.targets.map((t) => ({ targetKey: t.targetKey, summary: t.summary })));
    } finally {
      await compiled.close();
    }
  });
});

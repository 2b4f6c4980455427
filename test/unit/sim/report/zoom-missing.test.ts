import { describe, expect, it, vi } from 'vitest';

// uPlot missing from node_modules (an install that skipped it): every other file reads as usual.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    readFileSync: (path: string, ...rest: unknown[]) => {
      if (String(path).includes('uplot'))
        throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
    },
  };
});

const { reportHtml } = await import('../../../../shared/sim/report/html.ts');

describe('report.html without uPlot', () => {
  it('keeps the static chart, runs no script, and says why it has no zoomable one', () => {
    const policy = Array.from({ length: 2000 }, (_, i) => ({
      time: i * 60_000,
      demand: 5,
      gap: false,
      servingInstances: 1,
      desiredInstances: 1,
      billedInstances: 1,
      servedRequests: 5,
      unservedRequests: 0,
      alarmStates: {},
    }));
    const figures = {
      minutes: 2000,
      instanceHours: 33.3,
      underProvisionedMinutes: 0,
      underProvisionedPercent: 0,
      unservedRequests: 0,
      unservedPercent: 0,
      scalingActions: 0,
      deferredActions: 0,
    };
    const html = reportHtml({
      target: 'endpoint/e/variant/v',
      policy,
      baseline: policy,
      outcomes: [],
      scheduledFirings: [],
      alarmNames: [],
      summary: {
        ...figures,
        oracleInstanceHours: 33.3,
        costRatio: 1,
        baseline: { ...figures, costRatio: 1, targetValue: 5, targetValueSource: 'default' },
      },
    });
    expect(html).toContain('<svg id="timeline-chart"');
    expect(html).not.toMatch(/<script|script-src/);
    expect(html).toMatch(
      /No zoomable chart: report\.html: cannot read uPlot from node_modules \(run npm ci\): ENOENT/,
    );
  });
});

/**
 * Opening a page in headless Chromium (`/usr/bin/chromium`) over the DevTools protocol, for the
 * report tests: what a probe expression returns in the page, every error it logged, every network
 * request it made, and a full-page screenshot.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

/** Where Debian's chromium package installs the browser. */
export const CHROMIUM = '/usr/bin/chromium';

type Params = Record<string, unknown>;

/** A DevTools protocol client over `--remote-debugging-pipe`: NUL-separated JSON on fds 3 (in) and 4 (out). */
function devToolsOverPipe(child: ChildProcess) {
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  const waiting = new Map<number, { resolve: (result: Params) => void; reject: (error: Error) => void }>();
  const listeners: ((method: string, params: Params) => void)[] = [];
  let buffer = '';
  let nextId = 1;
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const call = waiting.get(message.id);
      if (call) {
        waiting.delete(message.id);
        if (message.error) call.reject(new Error(`DevTools: ${JSON.stringify(message.error)}`));
        else call.resolve(message.result);
      } else if (message.method) for (const listen of listeners) listen(message.method, message.params);
    }
  });
  return {
    send(method: string, params: Params = {}, sessionId?: string): Promise<Params> {
      const id = nextId++;
      input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
      return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
    },
    on(listen: (method: string, params: Params) => void) {
      listeners.push(listen);
    },
  };
}

/** What a page did once loaded. */
export interface PageVisit {
  /** The probe's value (JSON-serialisable). */
  value: unknown;
  /** Exceptions, console errors/warnings and error log entries. */
  errors: string[];
  /** The URL of every request the page made, its own document included. */
  requests: string[];
}

/**
 * Opens `file` in headless Chromium (1240 px wide), evaluates `probe` once it has loaded, saves a
 * full-page PNG to `screenshot`. Time-boxed at `timeoutMs`: a hung browser fails the test instead
 * of hanging CI.
 */
export async function visitInChromium(
  file: string,
  probe: string,
  screenshot: string,
  timeoutMs = 30_000,
): Promise<PageVisit> {
  const profile = await mkdtemp(join(tmpdir(), 'report-chromium-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];
  flags.push('--disable-background-networking', '--disable-component-update', '--disable-sync');
  const child = spawn(CHROMIUM, [...flags, `--user-data-dir=${profile}`, '--remote-debugging-pipe'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Chromium did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const session = async (): Promise<PageVisit> => {
    const devTools = devToolsOverPipe(child);
    const errors: string[] = [];
    const requests: string[] = [];
    let loaded: () => void = () => {};
    const load = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    devTools.on((method, params) => {
      if (method === 'Page.loadEventFired') loaded();
      if (method === 'Network.requestWillBeSent') {
        requests.push(String((params.request as { url?: unknown } | undefined)?.url));
      }
      if (method === 'Runtime.exceptionThrown') errors.push(`exception: ${JSON.stringify(params)}`);
      if (
        method === 'Runtime.consoleAPICalled' &&
        ['error', 'assert', 'warning'].includes(String(params.type))
      )
        errors.push(`console ${params.type}: ${JSON.stringify(params.args)}`);
      const entry = params.entry as { level?: string; text?: string } | undefined;
      if (method === 'Log.entryAdded' && entry?.level === 'error') errors.push(`log: ${entry.text}`);
    });
    const { targetId } = await devTools.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = (await devTools.send('Target.attachToTarget', { targetId, flatten: true })) as {
      sessionId: string;
    };
    for (const domain of ['Runtime', 'Log', 'Page', 'Network'])
      await devTools.send(`${domain}.enable`, {}, sessionId);
    await devTools.send(
      'Emulation.setDeviceMetricsOverride',
      { width: 1240, height: 900, deviceScaleFactor: 1, mobile: false },
      sessionId,
    );
    await devTools.send('Page.navigate', { url: pathToFileURL(file).href }, sessionId);
    await load;
    const evaluated = await devTools.send(
      'Runtime.evaluate',
      { expression: probe, returnByValue: true },
      sessionId,
    );
    const { cssContentSize } = (await devTools.send('Page.getLayoutMetrics', {}, sessionId)) as {
      cssContentSize: { width: number; height: number };
    };
    const clip = { x: 0, y: 0, width: cssContentSize.width, height: cssContentSize.height, scale: 1 };
    const shot = await devTools.send(
      'Page.captureScreenshot',
      { format: 'png', captureBeyondViewport: true, clip },
      sessionId,
    );
    await writeFile(screenshot, Buffer.from(String(shot.data), 'base64'));
    await devTools.send('Browser.close');
    return { value: (evaluated.result as { value: unknown }).value, errors, requests };
  };
  try {
    return await Promise.race([session(), timeout]);
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    await rm(profile, { recursive: true, force: true });
  }
}

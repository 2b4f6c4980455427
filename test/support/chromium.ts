/**
 * Opening a page in headless Chromium (`/usr/bin/chromium`) over the DevTools protocol, for the
 * report tests: a test drives the page (evaluate, DevTools commands, screenshots) and gets back
 * every error the page logged and every request it made besides its own document.
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

/** A Chrome DevTools Protocol client over `--remote-debugging-pipe`: NUL-separated JSON on fds 3 and 4. */
function cdpOverPipe(child: ChildProcess) {
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  const pending = new Map<
    number,
    { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();
  const listeners: ((method: string, params: Record<string, unknown>) => void)[] = [];
  let buffer = '';
  let nextId = 1;
  output.setEncoding('utf8');
  output.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const waiting = pending.get(message.id);
      if (waiting) {
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(`CDP: ${JSON.stringify(message.error)}`));
        else waiting.resolve(message.result);
      } else if (message.method) for (const listen of listeners) listen(message.method, message.params);
    }
  });
  return {
    send(
      method: string,
      params: Record<string, unknown> = {},
      sessionId?: string,
    ): Promise<Record<string, unknown>> {
      const id = nextId++;
      input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    on(listen: (method: string, params: Record<string, unknown>) => void) {
      listeners.push(listen);
    },
  };
}

/** The page open in Chromium, as a test drives it. */
export interface OpenPage {
  /** Runs `expression` in the page (awaiting it when it is a promise) and returns its value. */
  evaluate(expression: string): Promise<unknown>;
  /** Sends a DevTools command to the page's session. */
  send(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Saves a PNG of `clip` (CSS pixels of the page), or of the whole page. */
  screenshot(path: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void>;
}

/**
 * Opens `file` in headless Chromium, lets `act` drive it, and collects every error it logs and
 * every request it makes besides the page itself.
 */
export async function inspectInChromium<T>(
  file: string,
  act: (page: OpenPage) => Promise<T>,
  timeoutMs = 60_000,
) {
  const profile = await mkdtemp(join(tmpdir(), 'report-chromium-'));
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];
  flags.push('--disable-background-networking', '--disable-component-update', '--disable-sync');
  const child = spawn(CHROMIUM, [...flags, `--user-data-dir=${profile}`, '--remote-debugging-pipe'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  // Time-boxed: a hung browser fails the test instead of hanging CI.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Chromium did not finish within ${timeoutMs / 1000} s`));
    }, timeoutMs);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const session = async () => {
    const cdp = cdpOverPipe(child);
    const errors: string[] = [];
    const requests: string[] = [];
    const url = pathToFileURL(file).href;
    let loaded: () => void = () => {};
    const load = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    cdp.on((method, params) => {
      if (method === 'Page.loadEventFired') loaded();
      if (method === 'Runtime.exceptionThrown') errors.push(`exception: ${JSON.stringify(params)}`);
      if (
        method === 'Runtime.consoleAPICalled' &&
        ['error', 'assert', 'warning'].includes(String(params.type))
      )
        errors.push(`console ${params.type}: ${JSON.stringify(params.args)}`);
      const entry = params.entry as { level?: string; text?: string } | undefined;
      if (method === 'Log.entryAdded' && entry?.level === 'error') errors.push(`log: ${entry.text}`);
      const request = params.request as { url?: string } | undefined;
      if (method === 'Network.requestWillBeSent' && request?.url !== url) requests.push(String(request?.url));
    });
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as {
      sessionId: string;
    };
    for (const domain of ['Runtime', 'Log', 'Page', 'Network'])
      await cdp.send(`${domain}.enable`, {}, sessionId);
    await cdp.send(
      'Emulation.setDeviceMetricsOverride',
      { width: 1240, height: 900, deviceScaleFactor: 1, mobile: false },
      sessionId,
    );
    await cdp.send('Page.navigate', { url }, sessionId);
    await load;
    const page: OpenPage = {
      async evaluate(expression) {
        const evaluated = await cdp.send(
          'Runtime.evaluate',
          { expression, returnByValue: true, awaitPromise: true },
          sessionId,
        );
        if (evaluated.exceptionDetails)
          throw new Error(`in the page: ${JSON.stringify(evaluated.exceptionDetails)}`);
        return (evaluated.result as { value: unknown }).value;
      },
      send: (method, params = {}) => cdp.send(method, params, sessionId),
      async screenshot(path, area) {
        const { cssContentSize } = (await cdp.send('Page.getLayoutMetrics', {}, sessionId)) as {
          cssContentSize: { width: number; height: number };
        };
        const whole = { x: 0, y: 0, width: cssContentSize.width, height: cssContentSize.height };
        const shot = await cdp.send(
          'Page.captureScreenshot',
          { format: 'png', captureBeyondViewport: true, clip: { ...(area ?? whole), scale: 1 } },
          sessionId,
        );
        await writeFile(path, Buffer.from(String(shot.data), 'base64'));
      },
    };
    const value = await act(page);
    await cdp.send('Browser.close');
    return { value, errors, requests };
  };
  try {
    return await Promise.race([session(), timeout]);
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
    await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

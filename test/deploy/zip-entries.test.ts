import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipFormatError, zipEntries } from '../../deploy/zip-entries.ts';

/** A minimal zip of the given files, deflated or stored, as any packager writes one. */
function zip(files: Record<string, { text: string; deflate: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, { text, deflate }] of Object.entries(files)) {
    const raw = Buffer.from(text);
    const data = deflate ? deflateRawSync(raw) : raw;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const directory = mkdtempSync(join(tmpdir(), 'scaler-zip-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('zipEntries', () => {
  it('reads stored and deflated files by path', () => {
    const path = join(directory, 'fn.zip');
    writeFileSync(
      path,
      zip({
        'functions/on-alarm.mjs': { text: 'export const handler = 1;'.repeat(50), deflate: true },
        'README.txt': { text: 'plain', deflate: false },
      }),
    );
    const entries = zipEntries(path);
    expect([...entries.keys()]).toEqual(['functions/on-alarm.mjs', 'README.txt']);
    expect(entries.get('functions/on-alarm.mjs')?.toString()).toBe('export const handler = 1;'.repeat(50));
    expect(entries.get('README.txt')?.toString()).toBe('plain');
  });

  it('refuses a file that is not a zip', () => {
    const path = join(directory, 'not.zip');
    writeFileSync(path, 'hello, not a zip at all, long enough to scan');
    expect(() => zipEntries(path)).toThrow(ZipFormatError);
  });
});

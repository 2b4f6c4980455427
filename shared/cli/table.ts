/** Renders rows as a plain-text table with a header, columns padded to their widest cell. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/**
 * A table written as its rows come, for output of any length: the first `sizeOn` rows are held to
 * size the columns (so a short table prints exactly as {@link renderTable} prints it), later rows
 * use those widths, a longer cell pushing its row's next columns right.
 */
export class StreamingTable {
  private held: string[][] | undefined = [];
  private widths: number[] = [];

  constructor(
    private readonly headers: readonly string[],
    private readonly write: (line: string) => void,
    private readonly sizeOn = 1_000,
  ) {}

  row(cells: readonly string[]): void {
    if (this.held === undefined) {
      this.write(this.line(cells));
      return;
    }
    this.held.push([...cells]);
    if (this.held.length >= this.sizeOn) this.flush();
  }

  /** Writes what is still held (the whole table, when it had fewer than `sizeOn` rows). */
  end(): void {
    if (this.held !== undefined) this.flush();
  }

  private flush(): void {
    const rows = this.held ?? [];
    this.held = undefined;
    this.widths = this.headers.map((header, column) =>
      rows.reduce((widest, row) => Math.max(widest, (row[column] ?? '').length), header.length),
    );
    this.write(this.line(this.headers));
    this.write(this.line(this.widths.map((width) => '-'.repeat(width))));
    for (const row of rows) this.write(this.line(row));
  }

  private line(cells: readonly string[]): string {
    return cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(this.widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  }
}

/** The ellipsis that ends a cell cut to fit. */
const ELLIPSIS = '…';

/**
 * Cuts the cells of the `flexible` columns (indexes) so that {@link renderTable} of the result is at
 * most `maxWidth` characters wide: the other columns keep their width, and the room left is shared
 * among the flexible ones, a narrow column keeping its own width and the wide ones splitting the
 * rest evenly. A cut cell ends with an ellipsis. No column goes below its header's width (the table
 * may then stay wider than asked).
 */
export function fitColumns(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  maxWidth: number,
  flexible: readonly number[],
): string[][] {
  const natural = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const fixed = natural.reduce((sum, width, column) => (flexible.includes(column) ? sum : sum + width), 0);
  let room = maxWidth - fixed - 2 * (headers.length - 1);
  const widths = [...natural];
  // Narrowest first: a column narrower than its share keeps its width and leaves the rest.
  const order = [...flexible].sort((a, b) => (natural[a] ?? 0) - (natural[b] ?? 0));
  order.forEach((column, index) => {
    const share = Math.floor(room / (order.length - index));
    const width = Math.max(headers[column]?.length ?? 0, Math.min(natural[column] ?? 0, share));
    widths[column] = width;
    room -= width;
  });
  return rows.map((row) =>
    row.map((cell, column) => {
      const width = widths[column] ?? cell.length;
      return cell.length <= width ? cell : `${cell.slice(0, Math.max(0, width - 1))}${ELLIPSIS}`;
    }),
  );
}

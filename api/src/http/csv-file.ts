import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../errors/app-error';

/** How a CSV upload must look: its columns (matched case-insensitively, in any order). */
export interface CsvFileSpec<C extends string> {
  required: readonly C[];
  optional: readonly C[];
  /** what the first line must be, said in the 400 when it isn't */
  headerHelp: string;
  /** more data rows than this is a 413 naming the body */
  maxRows?: number;
}

export interface CsvFile<C extends string> {
  /** the columns the header has */
  columns: ReadonlySet<C>;
  /** data rows in file order, each with the line it starts on (the header is line 1); absent columns read as '' */
  rows: { line: number; cell(column: C): string }[];
}

function bodyError(detail: string): AppError {
  return AppError.validation([{ field: 'body', message: detail }], detail);
}

/**
 * Reads an uploaded CSV file (RFC 4180 through csv-parse: quoted fields may hold commas, quotes
 * and line breaks; a UTF-8 byte-order mark is ignored; blank lines are skipped, cells trimmed).
 * A file that can't be read as such — no header, an unknown, missing or repeated column, an
 * unclosed quote, no rows — is a 400 naming the body; problems of single rows are the caller's
 * per-row report, not errors here.
 */
export function readCsvFile<C extends string>(text: string, spec: CsvFileSpec<C>): CsvFile<C> {
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw bodyError(`The file is not valid CSV: ${error.message}.`);
    throw error;
  }

  const [header, ...data] = records;
  if (!header) throw bodyError(`The file is empty. ${spec.headerHelp}`);
  const byLowerName = new Map<string, C>([...spec.required, ...spec.optional].map((c) => [c.toLowerCase(), c]));
  const given = header.record.map((c) => c.toLowerCase());
  const unknown = header.record.filter((c) => !byLowerName.has(c.toLowerCase()));
  const columns = given.flatMap((c) => byLowerName.get(c) ?? []);
  const missing = spec.required.filter((c) => !columns.includes(c));
  if (unknown.length > 0 || missing.length > 0 || new Set(given).size !== given.length) {
    throw bodyError(`${unknown.length > 0 ? `Unknown column ${unknown.map((c) => `"${c}"`).join(', ')}. ` : ''}${spec.headerHelp}`);
  }
  if (data.length === 0) throw bodyError('The file has a header but no rows.');
  if (spec.maxRows !== undefined && data.length > spec.maxRows) {
    const detail = `The file has ${data.length} rows; at most ${spec.maxRows} can be imported at once. Split it into smaller files.`;
    throw new AppError('payload-too-large', detail, [{ field: 'body', message: detail }]);
  }

  const index = new Map(given.map((c, i) => [byLowerName.get(c)!, i]));
  const startLines = recordStartLines(text, records);
  return {
    columns: new Set(columns),
    rows: data.map(({ record }, i) => ({
      line: startLines[i + 1]!,
      cell: (column: C) => {
        const at = index.get(column);
        return at === undefined ? '' : (record[at] ?? '');
      },
    })),
  };
}

/**
 * The line each record starts on. csv-parse's own line count drifts on CRLF inside quoted
 * fields, but its byte offsets (`info.bytes`: where each record, delimiter included, ends) are
 * exact, so lines are counted in the bytes between records, skipping blank lines before each.
 */
function recordStartLines(text: string, records: { info: { bytes: number } }[]): number[] {
  const bytes = Buffer.from(text, 'utf8');
  const newlines = (s: string) => s.split('\n').length - 1;
  const lines: number[] = [];
  let offset = 0;
  let line = 1;
  for (const { info } of records) {
    const chunk = bytes.subarray(offset, info.bytes).toString('utf8');
    lines.push(line + newlines(/^(?:[ \t]*\r?\n)*/.exec(chunk)![0]));
    line += newlines(chunk);
    offset = info.bytes;
  }
  return lines;
}

import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../errors/app-error';

/** One data row of a pair import, with the file line it starts on (the header is line 1). */
export interface CsvPairRow {
  line: number;
  menteeEmail: string;
  mentorEmail: string;
  note: string | null;
}

const REQUIRED = ['mentee_email', 'mentor_email'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'note']);
const HEADER_HELP = 'The first line must be the header mentee_email,mentor_email (optionally followed by note).';

function bodyError(detail: string): AppError {
  return AppError.validation([{ field: 'body', message: detail }], detail);
}

/**
 * Reads a pair-import CSV (RFC 4180 through csv-parse: quoted fields may hold commas, quotes and
 * line breaks; a UTF-8 byte-order mark is ignored; blank lines are skipped, cells trimmed).
 * A file that can't be read as such — no header, an unknown column, an unclosed quote — is a
 * 400 naming the body; problems of single rows are the import's per-row report, not errors here.
 */
export function parsePairCsv(text: string): CsvPairRow[] {
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
  if (!header) throw bodyError(`The file is empty. ${HEADER_HELP}`);
  const columns = header.record.map((c) => c.toLowerCase());
  const unknown = columns.filter((c) => !KNOWN.has(c));
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (unknown.length > 0 || missing.length > 0 || new Set(columns).size !== columns.length) {
    throw bodyError(`${unknown.length > 0 ? `Unknown column ${unknown.map((c) => `"${c}"`).join(', ')}. ` : ''}${HEADER_HELP}`);
  }
  if (data.length === 0) throw bodyError('The file has a header but no rows.');

  const at = (record: string[], column: string): string => record[columns.indexOf(column)] ?? '';
  const startLines = recordStartLines(text, records);
  return data.map(({ record }, i) => ({
    line: startLines[i + 1]!,
    menteeEmail: at(record, 'mentee_email'),
    mentorEmail: at(record, 'mentor_email'),
    note: columns.includes('note') ? at(record, 'note') || null : null,
  }));
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

import { readCsvFile } from '../http/csv-file';

/** One data row of a pair import, with the file line it starts on (the header is line 1). */
export interface CsvPairRow {
  line: number;
  menteeEmail: string;
  mentorEmail: string;
  note: string | null;
}

/**
 * Reads a pair-import CSV (`readCsvFile`: RFC 4180, BOM, blank lines, trimmed cells). A file
 * that can't be read as such is a 400 naming the body; problems of single rows are the
 * import's per-row report, not errors here.
 */
export function parsePairCsv(text: string): CsvPairRow[] {
  const file = readCsvFile(text, {
    required: ['mentee_email', 'mentor_email'],
    optional: ['note'],
    headerHelp: 'The first line must be the header mentee_email,mentor_email (optionally followed by note).',
  });
  return file.rows.map((row) => ({
    line: row.line,
    menteeEmail: row.cell('mentee_email'),
    mentorEmail: row.cell('mentor_email'),
    note: file.columns.has('note') ? row.cell('note') || null : null,
  }));
}

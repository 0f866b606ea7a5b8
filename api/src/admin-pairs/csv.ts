import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CsvFile } from './admin-pairs.service';

/**
 * Writes a CSV file through `res`, row by row with backpressure: RFC 4180 (CRLF records,
 * quotes around any field holding a comma, quote, CR or LF, quotes doubled), a header row, and
 * csv-stringify's formula escaping, which prefixes `'` to any cell starting with `=`, `+`, `-`,
 * `@`, tab or carriage return (and their full-width forms), so a spreadsheet shows the text
 * instead of running it.
 *
 * Everything was validated, authorised and read from the database before this is called, so
 * once the 200 is out, only the connection or the serialiser can fail. When that happens the
 * response is destroyed rather than ended: the chunked body then lacks its terminating chunk and
 * clients report a broken download, never a shorter file that looks complete.
 */
export async function sendCsv(res: Response, file: CsvFile): Promise<string> {
  res.status(200).set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${file.filename}"`,
    'Cache-Control': 'private, no-store',
  });
  // quote_record_delimiter: with an explicit record delimiter csv-stringify would otherwise quote
  // only fields holding the whole CRLF, leaving a lone CR or LF bare and splitting the record.
  const csv = stringify({ header: true, columns: file.columns, record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true });
  try {
    await pipeline(Readable.from(file.rows), csv, res);
  } catch (error) {
    res.destroy();
    res.req.log?.warn({ err: error }, 'CSV export interrupted; the connection was cut so the file is not taken as complete');
  }
  // The builder answers JSON only when nothing was sent; this value is never serialised.
  return '';
}

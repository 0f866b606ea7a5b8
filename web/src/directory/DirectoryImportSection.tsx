import { useEffect, useId, useRef, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiError } from '../api/client';
import { useTokenSource } from '../api/tokenSource';
import { CsvFilePicker, type PickedFile } from '../app/CsvFilePicker';
import { plural } from '../app/format';
import { useAnnounce } from '../app/LiveRegion';
import { useNotify } from '../app/toasts';
import {
  applyDirectoryImport,
  DirectoryImportRejected,
  previewDirectoryImport,
  type DirectoryImportApplied,
  type DirectoryImportReport,
} from './directory.api';
import { ImportPreviewTable } from './ImportPreviewTable';
import { importColumns, templateCsv } from './labels';

/** The server's limits (docs/directory.md), checked here first so a too-large file gets a message at once. */
const MAX_BYTES = 5 * 1024 * 1024;
const REQUIRED_COLUMNS = ['email', 'displayName'];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0, '& > *': { flexShrink: 0 } },
  text: { maxWidth: '80ch' },
  muted: { color: tokens.colorNeutralForeground2 },
  columns: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  code: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  template: { alignSelf: 'flex-start' },
  summary: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
  detail: { display: 'block', whiteSpace: 'normal', marginTop: tokens.spacingVerticalXXS },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  reason: { color: tokens.colorNeutralForeground2, maxWidth: '70ch' },
});

type Stage =
  | { kind: 'empty' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'preview'; fileName: string; csv: string; report: DirectoryImportReport }
  | { kind: 'applying'; fileName: string; csv: string; report: DirectoryImportReport }
  | { kind: 'rejected'; fileName: string; csv: string; report: DirectoryImportReport };

/** The header's column names (quotes and a byte-order mark removed), or null for a file with no text. */
function headerColumns(csv: string): string[] | null {
  const text = csv.replace(/^\uFEFF/, '');
  if (text.trim() === '') return null;
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
}

/** Why the file can't be checked at all, before sending it: empty, or without the columns every row needs. */
function fileProblem(file: PickedFile): string | null {
  const columns = headerColumns(file.text);
  if (!columns) {
    return `${file.name} is empty. Start from the template: a header line naming the columns, then one line per person.`;
  }
  const have = new Set(columns.map((c) => c.toLowerCase()));
  const missing = REQUIRED_COLUMNS.filter((c) => !have.has(c.toLowerCase()));
  if (missing.length > 0) {
    const found = columns.filter(Boolean);
    return `${file.name} doesn’t have the ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(' and ')}. Its first line must be a header naming the columns (${importColumns
      .map((c) => c.name)
      .join(', ')}, in any order)${found.length > 0 ? `; it names ${found.join(', ')}` : ''}.`;
  }
  return null;
}

function downloadTemplate(): void {
  const url = URL.createObjectURL(new Blob([templateCsv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'tandem-people.csv';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Why a file was refused: the server's problem in its own words (its title and detail, which name
 * the column or limit), or the check made here before sending it.
 */
function FileProblem({ error, what }: { error: Error | null; what: string }) {
  const styles = useStyles();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const detail = api ? (api.detail ?? api.errors.map((e) => e.message).join(' ')) : error.message;
  return (
    <MessageBar intent="error" layout="multiline" data-import-problem>
      <MessageBarBody>
        <MessageBarTitle>{api ? `Couldn’t ${what} — ${api.title}` : `Couldn’t ${what}`}</MessageBarTitle>
        {detail && <span className={styles.detail}>{detail}</span>}
      </MessageBarBody>
    </MessageBar>
  );
}

function summaryLine(report: DirectoryImportReport): string {
  const { summary } = report;
  return `${summary.new} new, ${summary.update} to update, ${summary.unchanged} unchanged, ${summary.error} with errors.`;
}

/**
 * People from a CSV file: pick or drop it, see every row checked with what would change (nothing is
 * written), then apply the whole file at once — or nothing, if any row has an error.
 */
export function DirectoryImportSection({ onApplied }: { onApplied: (result: DirectoryImportApplied) => void }) {
  const styles = useStyles();
  const auth = useTokenSource();
  const announce = useAnnounce();
  const notify = useNotify();
  const picker = useRef<HTMLButtonElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'empty' });
  const [error, setError] = useState<Error | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [focus, setFocus] = useState<'summary' | 'picker' | null>(null);
  const reasonId = useId();

  useEffect(() => {
    if (focus === 'summary' && summary.current) {
      setFocus(null);
      summary.current.focus();
    } else if (focus === 'picker' && picker.current) {
      setFocus(null);
      picker.current.focus();
    }
  }, [focus, stage]);

  const check = async (file: PickedFile) => {
    setError(null);
    const problem = fileProblem(file);
    if (problem) {
      setStage({ kind: 'empty' });
      setError(new Error(problem));
      announce(problem);
      return;
    }
    setStage({ kind: 'checking', fileName: file.name });
    try {
      const report = await previewDirectoryImport(auth, file.text);
      setStage({ kind: 'preview', fileName: file.name, csv: file.text, report });
      setOnlyErrors(false);
      setFocus('summary');
      announce(
        report.rows.length === 0
          ? `${file.name} has no people below its header.`
          : `Checked ${plural(report.rows.length, 'row')}: ${summaryLine(report)}`,
      );
    } catch (e) {
      setStage({ kind: 'empty' });
      setError(e instanceof Error ? e : new Error(String(e)));
      announce(`Couldn’t check ${file.name}.`);
    }
  };

  const apply = async () => {
    if (stage.kind !== 'preview') return;
    const { fileName, csv, report } = stage;
    setError(null);
    setStage({ kind: 'applying', fileName, csv, report });
    try {
      const result = await applyDirectoryImport(auth, csv);
      setStage({ kind: 'empty' });
      setFocus('picker');
      const { applied } = result;
      notify({
        title: `Imported ${fileName}`,
        body: `${plural(applied.new, 'new person', 'new people')}, ${applied.update} updated, ${applied.unchanged} unchanged.`,
      });
      onApplied(result);
    } catch (e) {
      if (e instanceof DirectoryImportRejected) {
        setStage({ kind: 'rejected', fileName, csv, report: e.report });
        setOnlyErrors(true);
        setFocus('summary');
        announce(`Nothing was imported: ${plural(e.report.summary.error, 'row')} can’t be imported any more.`);
        return;
      }
      setStage({ kind: 'preview', fileName, csv, report });
      setError(e instanceof Error ? e : new Error(String(e)));
      announce('Couldn’t import the file.');
    }
  };

  const clear = () => {
    setStage({ kind: 'empty' });
    setError(null);
    setFocus('picker');
  };

  const busy = stage.kind === 'checking' || stage.kind === 'applying';
  const report = 'report' in stage ? stage.report : null;
  const errors = report?.summary.error ?? 0;
  const changes = report ? report.summary.new + report.summary.update : 0;
  const blocked = !report ? null : errors > 0 ? 'errors' : changes === 0 ? 'nothing' : null;
  const rows = report ? (onlyErrors ? report.rows.filter((r) => r.status === 'error') : report.rows) : [];

  return (
    <div className={styles.root}>
      <Text className={styles.text}>
        Where Microsoft Entra ID is incomplete — or not connected — a CSV file fills in who people are, their department and their
        manager. People are matched by email: someone already in Tandem is updated, anyone else is added and takes their place
        when they first sign in. You see every row checked first; nothing changes until you apply the file, and then it is applied
        whole or not at all.
      </Text>
      <Text className={styles.text}>
        The first line is a header naming the columns, in any order; UTF-8, up to 5 MB and 20,000 people.
      </Text>
      <ul className={styles.columns} aria-label="Columns">
        {importColumns.map((c) => (
          <li key={c.name}>
            <span className={styles.code}>{c.name}</span> {c.required ? '(required)' : '(optional)'} — {c.meaning}
          </li>
        ))}
      </ul>
      <Button className={styles.template} onClick={downloadTemplate}>
        Download a template
      </Button>

      <CsvFilePicker
        ref={picker}
        maxBytes={MAX_BYTES}
        again={report !== null}
        disabled={busy}
        onFile={(file) => void check(file)}
        onProblem={setError}
      />

      {stage.kind === 'checking' && <Spinner size="small" labelPosition="after" label={`Checking every row of ${stage.fileName}…`} />}
      <FileProblem error={error} what={stage.kind === 'preview' ? 'import the file' : 'check the file'} />

      {report && 'fileName' in stage && (
        <>
          <MessageBar
            ref={summary}
            tabIndex={-1}
            className={styles.summary}
            intent={stage.kind === 'rejected' ? 'error' : errors > 0 ? 'warning' : changes > 0 ? 'success' : 'info'}
            layout="multiline"
            data-import-summary
          >
            <MessageBarBody>
              <MessageBarTitle>
                {stage.kind === 'rejected'
                  ? 'Nothing was imported: something changed since the preview'
                  : report.rows.length === 0
                    ? `${stage.fileName} has no people below its header`
                    : `${stage.fileName}: ${plural(report.rows.length, 'row')} checked`}
              </MessageBarTitle>
              {report.rows.length > 0 && <span className={styles.detail}>{summaryLine(report)}</span>}
              <span className={styles.detail}>
                {stage.kind === 'rejected'
                  ? `${plural(errors, 'row')} can’t be imported now. Fix the file and choose it again.`
                  : errors > 0
                    ? `Fix the ${plural(errors, 'row')} with errors, listed below, and choose the file again.`
                    : changes > 0
                      ? 'Nothing has been written yet. Apply the file when you are ready.'
                      : report.rows.length > 0
                        ? 'Everyone in the file already matches what Tandem has: there is nothing to apply.'
                        : 'Add one line per person under the header, then choose the file again.'}
              </span>
            </MessageBarBody>
          </MessageBar>

          {report.rows.length > 0 && (
            <>
              {errors > 0 && (
                <Switch
                  checked={onlyErrors}
                  onChange={(_, d) => setOnlyErrors(d.checked)}
                  label={`Only rows with errors (${errors})`}
                />
              )}
              <ImportPreviewTable
                rows={rows}
                caption={`${onlyErrors ? 'Rows with errors' : 'Rows'} in ${stage.fileName}`}
              />
            </>
          )}

          <div className={styles.actions}>
            <Button
              appearance="primary"
              disabledFocusable={blocked !== null || busy}
              aria-describedby={blocked ? reasonId : undefined}
              onClick={() => void apply()}
              icon={stage.kind === 'applying' ? <Spinner size="tiny" /> : undefined}
            >
              {stage.kind === 'applying'
                ? 'Importing…'
                : changes > 0 && errors === 0
                  ? `Import ${plural(changes, 'change')}`
                  : 'Import'}
            </Button>
            <Button disabled={busy} onClick={clear}>
              Start over
            </Button>
            {blocked && (
              <Text id={reasonId} className={styles.reason}>
                {blocked === 'errors'
                  ? `Import is off while ${plural(errors, 'row has', 'rows have')} an error: the file is applied whole or not at all.`
                  : 'Nothing to import: every row is unchanged.'}
              </Text>
            )}
          </div>
        </>
      )}
    </div>
  );
}

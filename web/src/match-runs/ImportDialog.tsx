import { useEffect, useId, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTokenSource } from '../api/tokenSource';
import { CsvFilePicker, type PickedFile } from '../app/CsvFilePicker';
import { ActionError } from '../app/forms';
import { plural } from '../app/format';
import { useAnnounce } from '../app/LiveRegion';
import { captionStyle, scrollerStyle } from '../app/tables';
import { importPairs, PairImportRejected, type PairImportReport } from './match-runs.api';

const MAX_BYTES = 1024 * 1024;
const MAX_ROWS_SHOWN = 500;

const useStyles = makeStyles({
  surface: { '@media (min-width: 481px)': { maxWidth: 'min(760px, calc(100vw - 48px))' } },
  // Children keep their height: the dialog's content scrolls as a whole on small screens.
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, '& > *': { flexShrink: 0 } },
  muted: { color: tokens.colorNeutralForeground2 },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  scroller: { ...scrollerStyle, maxHeight: 'min(360px, 45vh)', overflowY: 'auto' },
  table: { width: 'max(100%, 640px)' },
  caption: captionStyle,
  colLine: { width: '56px' },
  colEmail: { width: '26%' },
  colStatus: { width: '96px' },
  row: { verticalAlign: 'top' },
  cell: { paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS, overflowWrap: 'anywhere' },
  errors: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorPaletteRedForeground1 },
  summary: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
});

type Stage =
  | { kind: 'empty' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'preview'; fileName: string; csv: string; report: PairImportReport }
  | { kind: 'importing'; fileName: string; csv: string; report: PairImportReport }
  | { kind: 'rejected'; fileName: string; csv: string; report: PairImportReport };

interface Props {
  open: boolean;
  programId: string;
  programName: string;
  onClose: () => void;
  onImported: (report: PairImportReport, fileName: string) => void;
}

/**
 * Import pairs from a CSV file: pick or drop it, see every row checked (nothing is written), then
 * create all the pairs at once — or none, if something changed since the preview.
 */
export function ImportDialog({ open, programId, programName, onClose, onImported }: Props) {
  const styles = useStyles();
  const auth = useTokenSource();
  const announce = useAnnounce();
  const summary = useRef<HTMLDivElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'empty' });
  const [error, setError] = useState<Error | null>(null);
  const [focusSummary, setFocusSummary] = useState(false);
  const captionId = useId();

  useEffect(() => {
    if (open) {
      setStage({ kind: 'empty' });
      setError(null);
    }
  }, [open]);

  useEffect(() => {
    if (focusSummary && summary.current) {
      setFocusSummary(false);
      summary.current.focus();
    }
  }, [focusSummary, stage]);

  const check = async (file: PickedFile) => {
    setError(null);
    setStage({ kind: 'checking', fileName: file.name });
    const csv = file.text;
    try {
      const report = await importPairs(auth, programId, csv, true);
      setStage({ kind: 'preview', fileName: file.name, csv, report });
      setFocusSummary(true);
      announce(
        report.rows.length === 0
          ? `${file.name} has no pairs below its header.`
          : `Checked ${plural(report.rows.length, 'row')}: ${report.valid} ready, ${report.invalid} with problems.`,
      );
    } catch (e) {
      setStage({ kind: 'empty' });
      setError(e instanceof Error ? e : new Error(String(e)));
      announce(`Couldn’t check ${file.name}.`);
    }
  };

  const create = async () => {
    if (stage.kind !== 'preview') return;
    const { fileName, csv, report } = stage;
    setError(null);
    setStage({ kind: 'importing', fileName, csv, report });
    try {
      const result = await importPairs(auth, programId, csv, false);
      onImported(result, fileName);
    } catch (e) {
      if (e instanceof PairImportRejected) {
        setStage({ kind: 'rejected', fileName, csv, report: e.report });
        setFocusSummary(true);
        announce(`Nothing was created: ${plural(e.report.invalid, 'row')} can’t be imported any more.`);
        return;
      }
      setStage({ kind: 'preview', fileName, csv, report });
      setError(e instanceof Error ? e : new Error(String(e)));
      announce('Couldn’t create the pairs.');
    }
  };

  const busy = stage.kind === 'checking' || stage.kind === 'importing';
  const report = 'report' in stage ? stage.report : null;
  const ready = stage.kind === 'preview' && stage.report.invalid === 0 && stage.report.valid > 0;

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && !busy && onClose()} modalType="modal">
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Import pairs from a CSV file</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>
              One pair per line, after a header line. Both people must be enrolled in {programName} (as mentee and mentor),
              the mentee without a mentor yet and the mentor with a free place. A note, if given, is added to the message both
              people get.
            </Text>
            <pre className={styles.code} aria-label="Example file">
              {'mentee_email,mentor_email,note\nalex.kim@contoso.example,sam.lee@contoso.example,Both into data visualisation'}
            </pre>

            <CsvFilePicker
              maxBytes={MAX_BYTES}
              again={report !== null}
              disabled={busy}
              onFile={(file) => void check(file)}
              onProblem={setError}
            />

            {stage.kind === 'checking' && <Spinner size="small" labelPosition="after" label={`Checking every row of ${stage.fileName}…`} />}
            <ActionError error={error} what={stage.kind === 'preview' ? 'create the pairs' : 'check the file'} />

            {report && 'fileName' in stage && (
              <>
                <MessageBar
                  ref={summary}
                  tabIndex={-1}
                  className={styles.summary}
                  intent={stage.kind === 'rejected' ? 'error' : report.invalid > 0 ? 'warning' : report.valid > 0 ? 'success' : 'info'}
                  layout="multiline"
                >
                  <MessageBarBody>
                    <MessageBarTitle>
                      {stage.kind === 'rejected'
                        ? 'Nothing was created: something changed since the preview'
                        : report.rows.length === 0
                          ? `${stage.fileName} has no pairs below its header`
                          : `${stage.fileName}: ${report.valid} of ${plural(report.rows.length, 'row')} ready`}
                    </MessageBarTitle>
                    {stage.kind === 'rejected'
                      ? `${plural(report.invalid, 'row')} can’t be imported now (someone may have been paired or a place filled up meanwhile). Fix the file and choose it again; pairs are only created when every row is ready.`
                      : report.invalid > 0
                        ? `${plural(report.invalid, 'row')} ${report.invalid === 1 ? 'has' : 'have'} a problem, listed below. Fix the file and choose it again: pairs are only created when every row is ready.`
                        : report.valid > 0
                          ? 'Nothing has been written yet. Create the pairs when you are ready; both people in each pair will be told.'
                          : 'Add one line per pair under the header, then choose the file again.'}
                  </MessageBarBody>
                </MessageBar>
                {report.rows.length > 0 && (
                  <div className={styles.scroller} role="region" aria-labelledby={captionId} tabIndex={0}>
                    <Table className={styles.table} size="small" data-import-rows>
                      <caption id={captionId} className={styles.caption}>
                        Rows in {stage.fileName}
                        {report.rows.length > MAX_ROWS_SHOWN ? ` (first ${MAX_ROWS_SHOWN} of ${report.rows.length})` : ''}
                      </caption>
                      <TableHeader>
                        <TableRow>
                          <TableHeaderCell scope="col" className={styles.colLine}>
                            Line
                          </TableHeaderCell>
                          <TableHeaderCell scope="col" className={styles.colEmail}>
                            Mentee email
                          </TableHeaderCell>
                          <TableHeaderCell scope="col" className={styles.colEmail}>
                            Mentor email
                          </TableHeaderCell>
                          <TableHeaderCell scope="col" className={styles.colStatus}>
                            Status
                          </TableHeaderCell>
                          <TableHeaderCell scope="col">Problems</TableHeaderCell>
                        </TableRow>
                      </TableHeader>
                      <TableBody>
                        {report.rows.slice(0, MAX_ROWS_SHOWN).map((row) => (
                          <TableRow key={row.line} className={styles.row} data-status={row.status}>
                            <TableCell className={styles.cell}>{row.line}</TableCell>
                            <TableCell className={styles.cell}>{row.menteeEmail || '—'}</TableCell>
                            <TableCell className={styles.cell}>{row.mentorEmail || '—'}</TableCell>
                            <TableCell className={styles.cell}>
                              <Badge appearance="tint" shape="rounded" color={row.status === 'ok' ? 'success' : 'danger'}>
                                {row.status === 'ok' ? 'Ready' : 'Problem'}
                              </Badge>
                            </TableCell>
                            <TableCell className={styles.cell}>
                              {row.errors.length === 0 ? (
                                <Text className={styles.muted}>None</Text>
                              ) : (
                                <ul className={styles.errors}>
                                  {row.errors.map((message) => (
                                    <li key={message}>{message}</li>
                                  ))}
                                </ul>
                              )}
                            </TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </div>
                )}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={!ready || busy}
              onClick={() => void create()}
              icon={stage.kind === 'importing' ? <Spinner size="tiny" /> : undefined}
            >
              {stage.kind === 'importing'
                ? 'Creating pairs…'
                : report && report.valid > 0 && report.invalid === 0
                  ? `Create ${plural(report.valid, 'pair')}`
                  : 'Create pairs'}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary" disabled={busy}>
                Cancel
              </Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

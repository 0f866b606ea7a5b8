import { useState } from 'react';
import {
  Button,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useAnnounce } from '../app/LiveRegion';
import { ProblemDetail } from '../app/states';
import { exportPath, type AnalyticsFilters, type ExportDataset } from './analytics.api';
import { exportDatasets } from './labels';
import { useDownload } from '../api/download';

const useStyles = makeStyles({
  item: { maxWidth: '340px' },
  itemText: { display: 'flex', flexDirection: 'column' },
  description: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

const DownloadIcon = () => (
  <svg width="20" height="20" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d="M10 3v9.5M6 9l4 4 4-4M4 16.5h12" />
  </svg>
);

const datasetName = (dataset: ExportDataset) => exportDatasets.find((d) => d.value === dataset)?.label.toLowerCase() ?? dataset;

export interface CsvExport {
  busy: ExportDataset | null;
  failure: { dataset: ExportDataset; error: Error } | null;
  run: (dataset: ExportDataset) => Promise<void>;
  dismiss: () => void;
}

/** Saves one dataset with the dashboard's current filters, announcing how it went. */
export function useCsvExport(filters: AnalyticsFilters): CsvExport {
  const download = useDownload('text/csv');
  const announce = useAnnounce();
  const [busy, setBusy] = useState<ExportDataset | null>(null);
  const [failure, setFailure] = useState<CsvExport['failure']>(null);

  const run = async (dataset: ExportDataset) => {
    setBusy(dataset);
    setFailure(null);
    announce(`Preparing the ${datasetName(dataset)} export…`);
    try {
      const name = await download(exportPath(dataset, filters), `tandem-${dataset}-${filters.from}-${filters.to}.csv`);
      announce(`Downloaded ${name}.`);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      setFailure({ dataset, error: e });
      announce(`Couldn’t export ${datasetName(dataset)}. ${e.message}`);
    } finally {
      setBusy(null);
    }
  };
  return { busy, failure, run, dismiss: () => setFailure(null) };
}

/** "Export CSV": the four datasets. A plain link can't carry the bearer token, so each is fetched and saved as a Blob. */
export function ExportMenu({ exporter }: { exporter: CsvExport }) {
  const styles = useStyles();
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton appearance="secondary" icon={exporter.busy ? <Spinner size="extra-tiny" /> : <DownloadIcon />} disabled={exporter.busy !== null}>
          {exporter.busy ? 'Exporting…' : 'Export CSV'}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {exportDatasets.map((d) => (
            <MenuItem key={d.value} className={styles.item} onClick={() => void exporter.run(d.value)}>
              <span className={styles.itemText}>
                <span>{d.label}</span>
                <span className={styles.description}>{d.description}</span>
              </span>
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/** Why the last export failed (the problem's detail), with Try again. */
export function ExportFailure({ exporter }: { exporter: CsvExport }) {
  const { failure } = exporter;
  if (!failure) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Couldn’t export {datasetName(failure.dataset)}</MessageBarTitle>
        <ProblemDetail error={failure.error} />
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" onClick={() => void exporter.run(failure.dataset)}>
          Try again
        </Button>
        <Button size="small" onClick={exporter.dismiss}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isApiError } from '../api/client';
import { NotAdminNotice } from '../admin/NotAdminNotice';
import { useAdminPrograms } from '../admin/useAdminPrograms';
import { AppLink } from '../app/AppLink';
import { plural } from '../app/format';
import { useAnnounce, useAnnouncement } from '../app/LiveRegion';
import { matchingPath, navigate, paths, useSearchParam } from '../app/routing';
import { Section } from '../app/Section';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { ViewHeading } from '../app/ViewHeading';
import { isAdmin, useMe } from '../me/MeContext';
import { useReportViewStatus, type ViewStatus } from '../teams/HostContext';
import { ExclusionsSection } from './ExclusionsSection';
import { ImportDialog } from './ImportDialog';
import type { MatchRun, PairImportReport } from './match-runs.api';
import { RunHistory } from './RunHistory';
import { RunReview } from './RunReview';
import { StartRunForm } from './StartRunForm';
import { useExclusions, useMatchRun, useMatchRunList, useProgramMembers } from './useMatchRuns';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL, minWidth: 0 },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  titleRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingVerticalM,
  },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0, overflowWrap: 'anywhere' },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '80ch' },
  back: { alignSelf: 'flex-start' },
  computing: {
    display: 'flex',
    justifyContent: 'flex-start',
    padding: `${tokens.spacingVerticalXL} 0`,
  },
});

/**
 * /admin/programs/{programId}/matching — whole-program matching for admins: start a run, review and
 * adjust its draft, publish it; earlier runs; never-match rules; CSV import.
 */
export default function MatchingPage({ programId }: { programId: string }) {
  const styles = useStyles();
  const me = useMe();
  const admin = isAdmin(me.data);
  const programs = useAdminPrograms({ enabled: admin });
  const program = programs.data?.find((p) => p.id === programId);
  const known = program !== undefined;
  const forbidden = (me.data !== undefined && !admin) || isApiError(programs.error, 403);
  const missing = programs.data !== undefined && !known;
  const announce = useAnnounce();

  const runs = useMatchRunList(programId, { enabled: known });
  const runParam = useSearchParam('run');
  const runId = runParam ?? runs.data?.[0]?.id ?? null;
  const run = useMatchRun(known ? runId : null);
  const exclusions = useExclusions(programId, { enabled: known });
  const [membersWanted, setMembersWanted] = useState(false);
  const members = useProgramMembers(programId, { enabled: known && membersWanted });
  const wantMembers = useCallback(() => setMembersWanted(true), []);

  const [starting, setStarting] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [imported, setImported] = useState<{ count: number; fileName: string } | null>(null);
  const reviewHeading = useRef<string | null>(null);
  const importButton = useRef<HTMLButtonElement>(null);
  // Fluent's controlled dialog has no trigger to return focus to: send it back to the button.
  const closeImport = () => {
    setImportOpen(false);
    window.setTimeout(() => importButton.current?.focus(), 0);
  };

  const error = forbidden ? undefined : (me.error ?? programs.error);
  const status: ViewStatus = forbidden || program || missing ? 'ready' : error ? 'failed' : 'loading';
  useReportViewStatus(status, 'Couldn’t load matching');
  const [firstLoad, setFirstLoad] = useState<string>();
  useEffect(() => {
    if (firstLoad) return;
    if (forbidden) setFirstLoad('Matching is only available to program admins.');
    else if (missing) setFirstLoad('This program wasn’t found.');
    else if (program) setFirstLoad(`Matching for ${program.name} loaded.`);
    else if (error) setFirstLoad('Couldn’t load matching.');
  }, [forbidden, missing, program, error, firstLoad]);
  useAnnouncement(firstLoad);

  // After opening or starting a run, move focus to its section heading (once it shows that run).
  useEffect(() => {
    if (!reviewHeading.current || run.data?.id !== reviewHeading.current) return;
    reviewHeading.current = null;
    window.setTimeout(() => {
      const heading = document.querySelector<HTMLElement>('[data-run-review] h2');
      heading?.focus();
      heading?.scrollIntoView({ block: 'start' });
    }, 0);
  }, [run.data]);

  const runHref = (id: string) => `${matchingPath(programId)}?run=${encodeURIComponent(id)}`;

  const changed = (next: MatchRun) => {
    run.replace(next);
    runs.reload();
  };

  const started = (next: MatchRun) => {
    run.replace(next);
    reviewHeading.current = next.id;
    navigate(runHref(next.id), { replace: true });
    runs.reload();
    const { matched, mentees, unmatched, meanScore } = next.summary;
    announce(
      mentees === 0
        ? 'Matching finished: nobody in this program is waiting for a mentor.'
        : `Matching finished: ${matched} of ${plural(mentees, 'mentee')} matched${unmatched ? `, ${unmatched} unmatched` : ''}${
            meanScore !== null ? `, mean score ${Math.round(meanScore * 100)}%` : ''
          }. Review the draft below.`,
    );
  };

  // Following a run link in the history moves focus to the review.
  useEffect(() => {
    if (runParam && run.data?.id !== runParam) reviewHeading.current = runParam;
  }, [runParam, run.data?.id]);

  const onImported = (report: PairImportReport, fileName: string) => {
    closeImport();
    setImported({ count: report.created.length, fileName });
    announce(`Created ${plural(report.created.length, 'pair')} from ${fileName}. Both people in each pair are being told.`);
    runs.reload();
    programs.reload();
  };

  const name = program?.name;
  const hasDraft = run.data?.status === 'draft';

  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <AppLink href={paths.admin}>← Back to Program health</AppLink>
        <div className={styles.titleRow}>
          <div className={styles.intro}>
            <ViewHeading>{name ? `Match mentees: ${name}` : 'Match mentees'}</ViewHeading>
            {program && (
              <Text className={styles.lead}>
                Tandem proposes the strongest set of pairs for everyone still waiting, within each mentor’s capacity and your
                rules, and explains each one. Adjust the draft, then publish it: only then are pairs created and people told.
                {` ${plural(program.counts.mentees, 'mentee')} and ${plural(program.counts.mentors, 'mentor')} are enrolled.`}
              </Text>
            )}
          </div>
          {program && (
            <Button ref={importButton} onClick={() => setImportOpen(true)}>
              Import pairs from CSV
            </Button>
          )}
        </div>
      </div>

      {forbidden && <NotAdminNotice />}
      {!forbidden && status === 'loading' && (
        <div aria-busy="true">
          <CardSkeletons count={2} label="Loading matching" />
        </div>
      )}
      {!forbidden && error && <ErrorState error={error} what="the program" onRetry={me.error ? me.reload : programs.reload} />}
      {!forbidden && missing && (
        <EmptyState title="We can’t find this program">
          It may have been removed, or the link is incomplete. Go <AppLink href={paths.admin}>back to Program health</AppLink> and
          choose “Match mentees” on a program.
        </EmptyState>
      )}

      {program && (
        <>
          {imported && (
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>
                  Created {plural(imported.count, 'pair')} from {imported.fileName}.
                </MessageBarTitle>
                Both people in each pair are being told. Anyone paired this way has left the matching pool: re-run an open draft so
                it doesn’t propose them again (publishing would report them as conflicts).
              </MessageBarBody>
            </MessageBar>
          )}

          <Section title="Start a run" busy={starting}>
            {() => (
              <StartRunForm
                programId={programId}
                hasDraft={hasDraft}
                onStarting={setStarting}
                onStarted={started}
              />
            )}
          </Section>

          <div data-run-review>
            <Section
              title={starting ? 'New run' : run.data ? (run.data.status === 'published' ? 'Published run' : 'Draft to review') : 'Review'}
              busy={starting || run.loading || runs.loading}
            >
              {() => (
                <>
                  {starting && (
                    <div className={styles.computing}>
                      <Spinner labelPosition="after" label="Finding the best set of pairs for everyone waiting…" />
                    </div>
                  )}
                  {!starting && runs.error && !runParam && <ErrorState error={runs.error} what="the runs" onRetry={runs.reload} />}
                  {!starting && run.error && <ErrorState error={run.error} what="the run" onRetry={run.reload} />}
                  {!starting && !run.data && !run.error && (run.loading || (runs.loading && !runParam)) && (
                    <CardSkeletons count={1} label="Loading the run" />
                  )}
                  {!starting && runs.data?.length === 0 && !runParam && (
                    <EmptyState title="No runs yet">
                      Choose what matching should aim for above and select “Run matching”. You’ll get a draft to review; nothing
                      changes for anyone until you publish it.
                    </EmptyState>
                  )}
                  {!starting && run.data && (
                    <RunReview
                      key={run.data.id}
                      run={run.data}
                      programName={program.name}
                      onChanged={changed}
                      members={members}
                      wantMembers={wantMembers}
                    />
                  )}
                </>
              )}
            </Section>
          </div>

          {runs.data && runs.data.length > 0 && (
            <Section title="Runs" count={runs.data.length}>
              {() => <RunHistory runs={runs.data ?? []} currentId={run.data?.id ?? runId} href={runHref} />}
            </Section>
          )}

          <Section title="Never-match rules" count={exclusions.data?.length} busy={exclusions.loading}>
            {() => (
              <ExclusionsSection
                programId={programId}
                programName={program.name}
                exclusions={exclusions}
                members={members}
                wantMembers={wantMembers}
              />
            )}
          </Section>

          <ImportDialog
            open={importOpen}
            programId={programId}
            programName={program.name}
            onClose={closeImport}
            onImported={onImported}
          />
        </>
      )}
    </div>
  );
}

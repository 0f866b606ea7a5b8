import { Suspense, lazy, useDeferredValue, useEffect, useRef, useState } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { isApiError } from '../api/client';
import { LinkButton } from '../app/LinkButton';
import { useAnnounce, useAnnouncement } from '../app/LiveRegion';
import { paths } from '../app/routing';
import { Section } from '../app/Section';
import { ViewHeading } from '../app/ViewHeading';
import { formatCalendarDate, plural } from '../app/format';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { isAdmin, useMe } from '../me/MeContext';
import { AddIcon } from '../app/icons';
import type { Program } from '../programs/programs.api';
import { useReportViewStatus, type ViewStatus } from '../teams/HostContext';
import type { AdminProgram } from './admin.api';
import { NotAdminNotice } from './NotAdminNotice';
import { ProgramHealthTable, programRowId } from './ProgramHealthTable';
import { TaxonomySection } from './TaxonomySection';
import { useAdminPrograms } from './useAdminPrograms';
import { Dashboard, DashboardSkeleton } from '../analytics/Dashboard';

// The create/edit dialog (Fluent's dialog, the form's fields) is its own chunk, fetched once the
// page is on screen rather than before it.
const loadProgramDialog = () => import('./ProgramDialog');
const ProgramDialog = lazy(() => loadProgramDialog().then((m) => ({ default: m.ProgramDialog })));

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingVerticalM,
  },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '80ch' },
  programs: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  programsHead: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingVerticalS,
  },
  emptyAction: { alignSelf: 'flex-start' },
});

type DialogState = { open: boolean; program?: AdminProgram | undefined };

/** Where focus goes once the dialog has closed (Fluent's dialog has no trigger to return to here). */
type FocusTarget = { kind: 'new-button' } | { kind: 'edit'; programId: string } | { kind: 'row'; programId: string };

/**
 * /admin — the L&D dashboard (participation, meeting consistency, outcomes, pairs that need help,
 * every pair's status, exports), then the programs and the skills and values lists; a polite
 * explanation for everyone else.
 */
export default function ProgramHealthPage() {
  const styles = useStyles();
  const me = useMe();
  const admin = isAdmin(me.data);
  const programs = useAdminPrograms({ enabled: admin });
  const forbidden = (me.data !== undefined && !admin) || isApiError(programs.error, 403);
  const error = forbidden ? undefined : (me.error ?? programs.error);
  const announce = useAnnounce();

  const [dialog, setDialog] = useState<DialogState>({ open: false });
  // Mounted from the first opening on, so it can animate out and hand focus back when it closes.
  const [dialogUsed, setDialogUsed] = useState(false);
  const [freshId, setFreshId] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);

  const status: ViewStatus = forbidden || programs.data ? 'ready' : error ? 'failed' : 'loading';
  useReportViewStatus(status, 'Couldn’t load program health');
  // Said once, when the page first settles; later reloads announce what the admin did instead.
  const [firstLoad, setFirstLoad] = useState<string>();
  useEffect(() => {
    if (firstLoad) return;
    if (forbidden) setFirstLoad('Program health is only available to program admins.');
    else if (programs.data) setFirstLoad(`Program health loaded: ${plural(programs.data.length, 'program')}.`);
    else if (error) setFirstLoad('Couldn’t load program health.');
  }, [forbidden, programs.data, error, firstLoad]);
  useAnnouncement(firstLoad);

  // Move focus once the target exists (a new row appears only after the table reloads).
  useEffect(() => {
    if (!focusTarget || dialog.open) return;
    let element: HTMLElement | null = null;
    if (focusTarget.kind === 'new-button') element = newButton.current;
    else if (focusTarget.kind === 'edit') element = document.querySelector<HTMLElement>(`[data-edit-program="${focusTarget.programId}"]`);
    else element = document.getElementById(programRowId(focusTarget.programId));
    if (!element) return;
    const row = focusTarget.kind === 'row';
    setFocusTarget(null);
    // After the dialog's own focus handling on close.
    window.setTimeout(() => {
      element?.focus();
      if (row) element?.scrollIntoView({ block: 'nearest' });
    }, 0);
  }, [focusTarget, dialog.open, programs.data]);

  useEffect(() => {
    if (!admin) return;
    loadProgramDialog().catch(() => {
      // Opening the dialog asks for it again, and shows that failure.
    });
  }, [admin]);
  const openNew = () => {
    setDialogUsed(true);
    setDialog({ open: true });
  };
  const openEdit = (program: AdminProgram) => {
    setDialogUsed(true);
    setDialog({ open: true, program });
  };

  // The dashboard, the tables and the forms below take a while to render: the first render paints
  // the header and the dashboard's loading placeholders, and the rest is rendered straight after.
  const showBody = useDeferredValue(true, false);

  const close = () => {
    setDialog((d) => ({ ...d, open: false }));
    setFocusTarget(dialog.program ? { kind: 'edit', programId: dialog.program.id } : { kind: 'new-button' });
  };

  const saved = (program: Program | AdminProgram, { created, changed }: { created: boolean; changed: boolean }) => {
    setDialog((d) => ({ ...d, open: false }));
    if (created) {
      setFreshId(program.id);
      setFocusTarget({ kind: 'row', programId: program.id });
      programs.reload();
      announce(
        `Created “${program.name}”. It’s now in the programs table. Enrolment opens ${formatCalendarDate(program.enrollmentOpensOn)}.`,
      );
      return;
    }
    setFocusTarget({ kind: 'edit', programId: program.id });
    if (!changed) {
      announce('Nothing to save: the program was already like that.');
      return;
    }
    programs.reload();
    announce(`Saved the changes to “${program.name}”.`);
  };

  const newProgramButton = (
    <Button ref={newButton} appearance="primary" icon={<AddIcon />} onClick={openNew}>
      New program
    </Button>
  );

  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <div className={styles.intro}>
          <ViewHeading>Program health</ViewHeading>
          {!forbidden && (
            <Text className={styles.lead}>
              Who takes part, whether pairs meet as often as they agreed, what comes of it, and which pairs need a hand
              now. Counts, dates and statuses only: pairs’ notes, goal texts and individual ratings stay private.
            </Text>
          )}
        </div>
        {admin && !forbidden && <LinkButton href={paths.organisation}>Organisation data</LinkButton>}
      </div>
      {forbidden ? (
        <NotAdminNotice />
      ) : !showBody ? (
        <DashboardSkeleton />
      ) : (
        <>
          {admin && <Dashboard programs={programs.data} />}
          <div id="programs">
            <Section title="Programs" count={programs.data?.length} busy={status === 'loading' || programs.loading}>
              {() => (
                <div className={styles.programs}>
                  {programs.data && programs.data.length > 0 && (
                    <div className={styles.programsHead}>
                      <Text className={styles.lead}>Each program’s enrolment window, people and pairs today, and its settings.</Text>
                      {newProgramButton}
                    </div>
                  )}
                  {status === 'loading' && <CardSkeletons count={2} label="Loading program health" />}
                  {error && (
                    <ErrorState error={error} what="program health" onRetry={me.error ? me.reload : programs.reload} />
                  )}
                  {programs.data?.length === 0 && (
                    <>
                      <EmptyState title="No programs yet">
                        Create your first mentoring program: give it a name, choose when it runs and when people can enrol.
                        It shows up here with its enrolment and pairs.
                      </EmptyState>
                      <div className={styles.emptyAction}>{newProgramButton}</div>
                    </>
                  )}
                  {programs.data && programs.data.length > 0 && (
                    <ProgramHealthTable programs={programs.data} onEdit={openEdit} freshId={freshId} />
                  )}
                </div>
              )}
            </Section>
          </div>
          {admin && (
            <div id="skills">
              <TaxonomySection />
            </div>
          )}
        </>
      )}
      {admin && dialogUsed && (
        <Suspense fallback={null}>
          <ProgramDialog open={dialog.open} program={dialog.program} onClose={close} onSaved={saved} />
        </Suspense>
      )}
    </div>
  );
}

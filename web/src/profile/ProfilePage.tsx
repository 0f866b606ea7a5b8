import { useEffect, useState } from 'react';
import {
  Badge,
  Button,
  Card,
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
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
  createFocusOutlineStyle,
} from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { AppLink } from '../app/AppLink';
import { useAnnounce, useAnnouncement } from '../app/LiveRegion';
import { ViewHeading } from '../app/ViewHeading';
import { formatCalendarDate, formatCalendarRange } from '../app/format';
import { findPath, handleLinkClick, profilePath, setSearchParam, useSearchParam } from '../app/routing';
import { CardSkeletons, EmptyState, ErrorState, ProblemDetail, errorTitle } from '../app/states';
import { NotificationSettingsSection } from '../notifications/NotificationSettingsSection';
import { matchingLabel, myEnrollmentLabel } from '../programs/labels';
import { isEnrolled, type Program } from '../programs/programs.api';
import { usePrograms } from '../programs/usePrograms';
import { useRequests } from '../requests/RequestsContext';
import { useReportViewStatus } from '../teams/HostContext';
import { AvailabilityCard } from './AvailabilityCard';
import { withdrawEnrollment, type Enrollment } from './enrollment.api';
import { EnrollmentForm } from './EnrollmentForm';
import { PrivacyNote } from './PrivacyNote';
import { useTaxonomy } from './taxonomy.api';
import { useEnrollment } from './useEnrollment';

const useStyles = makeStyles({
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalXL },
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '70ch' },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXXL,
    alignItems: 'start',
    '@media (min-width: 1000px)': { gridTemplateColumns: 'minmax(0, 1fr) 320px', columnGap: tokens.spacingHorizontalXXL },
  },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, minWidth: 0 },
  aside: {
    '@media (min-width: 1000px)': { position: 'sticky', top: tokens.spacingVerticalL },
  },
  chooser: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  choice: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    maxWidth: '100%',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ...createFocusOutlineStyle(),
  },
  choiceCurrent: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorCompoundBrandStroke}`,
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  choiceName: { ...typographyStyles.body1Strong, overflowWrap: 'anywhere' },
  choiceState: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  card: { gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalXL, '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM } },
  programHead: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  programName: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  leave: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** Which program to show first: the one in the URL, else one I'm in, else one I could join. */
function pickProgram(programs: Program[], requested: string | null): Program | undefined {
  return (
    programs.find((p) => p.id === requested) ??
    programs.find(isEnrolled) ??
    programs.find((p) => p.enrollmentOpen) ??
    programs[0]
  );
}

function windowStatus(program: Program): string {
  if (program.enrollmentOpen) return `Enrolment open until ${formatCalendarDate(program.enrollmentClosesOn)}`;
  if (program.enrollmentState === 'upcoming' || (!program.enrollmentState && program.enrollmentOpensOn > new Date().toISOString().slice(0, 10)))
    return `Enrolment opens on ${formatCalendarDate(program.enrollmentOpensOn)}`;
  return `Enrolment closed on ${formatCalendarDate(program.enrollmentClosesOn)}`;
}

/** /tab/profile — per program: enrolment, (for mentors) availability, and who sees what. */
export default function ProfilePage() {
  const styles = useStyles();
  const programs = usePrograms();
  const requested = useSearchParam('program');
  const selected = programs.data ? pickProgram(programs.data, requested) : undefined;

  useReportViewStatus(programs.loading ? 'loading' : programs.error ? 'failed' : 'ready', 'Couldn’t load programs');
  useAnnouncement(programs.error ? 'Couldn’t load programs.' : undefined);

  return (
    <>
      <div className={styles.intro}>
        <ViewHeading>Profile</ViewHeading>
        <Text className={styles.lead}>
          Tell each program how you’d like to take part. Mentors and mentees use this to find the right person — the more
          specific you are, the better the suggestions.
        </Text>
      </div>
      <div className={styles.grid}>
        <div className={styles.main} aria-busy={programs.loading}>
          {programs.loading && !programs.data && <CardSkeletons count={2} label="Loading programs" />}
          {programs.error && <ErrorState error={programs.error} what="programs" onRetry={programs.reload} />}
          {programs.data?.length === 0 && (
            <EmptyState title="No programs to join yet">
              Your L&amp;D team hasn’t published a mentoring program. When they do, you can enrol here.
            </EmptyState>
          )}
          {programs.data && selected && (
            <>
              {programs.data.length > 1 && (
                <nav aria-label="Programs">
                  <ul className={styles.chooser}>
                    {programs.data.map((p) => {
                      const current = p.id === selected.id;
                      return (
                        <li key={p.id}>
                          <a
                            href={profilePath(p.id)}
                            onClick={(event) => {
                              // switching programs stays on this view: keep focus, replace the URL
                              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return handleLinkClick(event);
                              event.preventDefault();
                              setSearchParam('program', p.id);
                            }}
                            aria-current={current ? 'true' : undefined}
                            className={mergeClasses(styles.choice, current && styles.choiceCurrent)}
                          >
                            <span className={styles.choiceName}>{p.name}</span>
                            <span className={styles.choiceState}>
                              {myEnrollmentLabel(p.myEnrollment)} · {p.enrollmentOpen ? 'enrolment open' : 'enrolment closed'}
                            </span>
                          </a>
                        </li>
                      );
                    })}
                  </ul>
                </nav>
              )}
              <ProgramPanel key={selected.id} program={selected} onProgramChanged={programs.reload} />
            </>
          )}
          <NotificationSettingsSection />
        </div>
        <aside className={styles.aside} aria-label="Privacy">
          <PrivacyNote />
        </aside>
      </div>
    </>
  );
}

function ProgramPanel({ program, onProgramChanged }: { program: Program; onProgramChanged: () => void }) {
  const styles = useStyles();
  const enrollmentQuery = useEnrollment(program.id);
  const taxonomy = useTaxonomy();
  const requests = useRequests();
  const [enrollment, setEnrollment] = useState<Enrollment | null | undefined>(undefined);
  const [justEnrolled, setJustEnrolled] = useState(false);

  useEffect(() => {
    if (enrollmentQuery.data !== undefined) setEnrollment(enrollmentQuery.data);
  }, [enrollmentQuery.data]);

  const active = enrollment?.status === 'active' ? enrollment : null;
  const pending =
    requests.incoming?.filter((r) => r.program.id === program.id && r.status === 'pending').length ?? 0;

  return (
    <>
      <Card className={styles.card} aria-labelledby="program-title">
        <div className={styles.programHead}>
          <Text as="h2" id="program-title" size={500} weight="semibold" className={styles.programName}>
            {program.name}
          </Text>
          <div className={styles.meta}>
            <Badge appearance={active ? 'filled' : 'tint'} color={active ? 'success' : 'subtle'} shape="rounded">
              {active ? `Enrolled as ${active.role}` : enrollment?.status === 'withdrawn' ? 'Left this program' : 'Not enrolled'}
            </Badge>
            <Text size={200} className={styles.muted}>
              {windowStatus(program)} · Runs {formatCalendarRange(program.startsOn, program.endsOn)} · {matchingLabel[program.matchingMode]}
            </Text>
          </div>
        </div>

        {!program.enrollmentOpen && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{windowStatus(program)}</MessageBarTitle>
              {active
                ? 'Changes to your enrolment can only be saved while enrolment is open. You can still pause or resume new requests below.'
                : 'You can’t enrol in this program right now. Ask your L&D team when the next intake opens.'}
            </MessageBarBody>
          </MessageBar>
        )}

        {justEnrolled && active && (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>You’re in!</MessageBarTitle>
              {active.role === 'mentee' ? (
                program.matchingMode === 'self' ? (
                  <>
                    Next, <AppLink href={findPath(program.id)}>find a mentor</AppLink> whose experience matches what you want to
                    build.
                  </>
                ) : (
                  'The program admins will match you with a mentor. Your pair will appear on Home.'
                )
              ) : (
                'Mentees can now find you and ask you to mentor them. Requests appear under Requests.'
              )}
            </MessageBarBody>
          </MessageBar>
        )}

        {enrollmentQuery.error && enrollment === undefined && (
          <ErrorState error={enrollmentQuery.error} what="your enrolment" onRetry={enrollmentQuery.reload} />
        )}
        {enrollment === undefined && !enrollmentQuery.error && <CardSkeletons count={1} label="Loading your enrolment" />}
        {enrollment !== undefined && (
          <EnrollmentForm
            program={program}
            enrollment={enrollment}
            taxonomy={taxonomy.data}
            onSaved={(saved, created) => {
              setEnrollment(saved);
              setJustEnrolled(created);
              onProgramChanged();
            }}
          />
        )}
        {taxonomy.error && (
          <Text size={200} className={styles.muted}>
            Suggestions for skills and values couldn’t load, but you can still type your own.{' '}
            <Button appearance="transparent" size="small" onClick={taxonomy.reload}>
              Try again
            </Button>
          </Text>
        )}
      </Card>

      {active?.role === 'mentor' && (
        <AvailabilityCard
          program={program}
          enrollment={active}
          pendingRequests={pending}
          onChanged={(next) => {
            setEnrollment(next);
            requests.reload();
          }}
        />
      )}

      {active && (
        <LeaveProgram
          program={program}
          enrollment={active}
          onLeft={(left) => {
            setEnrollment(left);
            setJustEnrolled(false);
            onProgramChanged();
          }}
        />
      )}
    </>
  );
}

function LeaveProgram({ program, enrollment, onLeft }: { program: Program; enrollment: Enrollment; onLeft: (e: Enrollment) => void }) {
  const styles = useStyles();
  const api = useApi();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Error | null>(null);

  const leave = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await withdrawEnrollment(api, program.id);
      setOpen(false);
      announce(`You’ve left ${program.name}.`);
      onLeft(result ?? { ...enrollment, status: 'withdrawn' });
    } catch (error) {
      setProblem(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.leave}>
      <Text size={200} className={styles.muted}>
        Need to step back from {program.name}?
      </Text>
      <Dialog
        open={open}
        onOpenChange={(_, data) => {
          setOpen(data.open);
          if (!data.open) setProblem(null);
        }}
      >
        <DialogTrigger disableButtonEnhancement>
          <Button appearance="subtle" size="small">
            Leave this program…
          </Button>
        </DialogTrigger>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Leave {program.name}?</DialogTitle>
            <DialogContent>
              <Text as="p" block>
                {enrollment.role === 'mentor'
                  ? 'Mentees will no longer find you. '
                  : 'Mentors will no longer see your requests, and you won’t get new suggestions. '}
                {enrollment.activePairs > 0
                  ? 'You’re still in a pair here, so first complete or end it from its pair page.'
                  : 'You can enrol again while enrolment is open.'}
              </Text>
              {problem && (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>{errorTitle(problem)}</MessageBarTitle>
                    <ProblemDetail error={problem} />
                  </MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={leave} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
                Leave program
              </Button>
              <Button onClick={() => setOpen(false)}>Stay</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}

import { Badge, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { DetailList } from '../app/DetailList';
import { formatCalendarRange } from '../app/format';
import { LinkButton } from '../app/LinkButton';
import { findPath, profilePath } from '../app/routing';
import { isEnrolled, isEnrolledAs, type Program } from './programs.api';
import { cadenceLabel, enrollmentWindow, kindLabel, matchingLabel, myEnrollmentLabel } from './labels';

const useStyles = makeStyles({
  card: { height: '100%', boxSizing: 'border-box', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  head: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS },
  name: { margin: 0, overflowWrap: 'anywhere' },
  description: {
    color: tokens.colorNeutralForeground2,
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  footer: {
    marginTop: 'auto',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  windowLabel: { color: tokens.colorNeutralForeground3, flexGrow: 1 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** What the viewer can do with this program next, if anything. */
function programActions(program: Program, hasMentor: boolean): { href: string; label: string; primary: boolean }[] {
  const actions: { href: string; label: string; primary: boolean }[] = [];
  if (isEnrolledAs(program, 'mentee') && program.matchingMode === 'self' && !hasMentor) {
    actions.push({ href: findPath(program.id), label: 'Find a mentor', primary: false });
  }
  if (isEnrolled(program)) actions.push({ href: profilePath(program.id), label: 'Edit profile', primary: false });
  else if (program.enrollmentOpen) actions.push({ href: profilePath(program.id), label: 'Enrol', primary: true });
  return actions;
}

/** A program with the viewer's enrolment state. */
export function ProgramCard({ program, hasMentor = false }: { program: Program; hasMentor?: boolean }) {
  const styles = useStyles();
  const enrolment = enrollmentWindow(program);
  const enrolled = isEnrolled(program);
  const actions = programActions(program, hasMentor);
  return (
    <Card className={styles.card}>
      <div className={styles.head}>
        <Badge appearance="outline" color="informative" shape="rounded">
          {kindLabel[program.kind]}
        </Badge>
        <Text as="h3" size={400} weight="semibold" className={styles.name}>
          {program.name}
        </Text>
      </div>
      {program.description && <Text className={styles.description}>{program.description}</Text>}
      <DetailList
        items={[
          { term: 'Runs', value: formatCalendarRange(program.startsOn, program.endsOn) },
          { term: 'Meets', value: cadenceLabel[program.defaultCadence] },
          { term: 'Matching', value: matchingLabel[program.matchingMode] },
        ]}
      />
      <div className={styles.footer}>
        <Badge appearance={enrolled ? 'filled' : 'tint'} color={enrolled ? 'success' : 'subtle'} shape="rounded">
          {myEnrollmentLabel(program.myEnrollment)}
        </Badge>
        <Text size={200} className={styles.windowLabel}>
          {enrolment.label}
        </Text>
        {actions.length > 0 && (
          <div className={styles.actions}>
            {actions.map((action) => (
              <LinkButton
                key={action.label}
                href={action.href}
                size="small"
                appearance={action.primary ? 'primary' : 'secondary'}
                aria-label={`${action.label}: ${program.name}`}
              >
                {action.label}
              </LinkButton>
            ))}
          </div>
        )}
      </div>
    </Card>
  );
}

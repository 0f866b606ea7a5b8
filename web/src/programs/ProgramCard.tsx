import { Badge, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Program } from '../api/types';
import { DetailList } from '../app/DetailList';
import { formatCalendarRange } from '../app/format';
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
  windowLabel: { color: tokens.colorNeutralForeground3 },
});

/** A program with the viewer's enrolment state. */
export function ProgramCard({ program }: { program: Program }) {
  const styles = useStyles();
  const enrolment = enrollmentWindow(program);
  const enrolled = program.myEnrollment?.status === 'active';
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
      </div>
    </Card>
  );
}

import { Avatar, Badge, Card, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Pair } from '../api/types';
import { AppLink } from '../app/AppLink';
import { pairPath } from '../app/routing';
import { DetailList } from '../app/DetailList';
import { formatInstantDate, formatMeeting } from '../app/format';
import { agreementLabel, myRoleLabel, pairStatusBadge } from './labels';

const useStyles = makeStyles({
  card: { height: '100%', boxSizing: 'border-box', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  head: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  who: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, gap: tokens.spacingVerticalXXS },
  name: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  tags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  program: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  goals: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** One mentoring pair from the viewer's side: partner, program, status and what's next. The name opens the pair page. */
export function PairCard({ pair }: { pair: Pair }) {
  const styles = useStyles();
  const status = pairStatusBadge[pair.status];
  const { partner, goals } = pair;
  return (
    <Card className={styles.card}>
      <div className={styles.head}>
        <Avatar name={partner.displayName} size={48} color="colorful" aria-hidden="true" />
        <div className={styles.who}>
          <Text as="h3" size={400} weight="semibold" className={styles.name}>
            <AppLink href={pairPath(pair.id)}>{partner.displayName}</AppLink>
          </Text>
          <Text size={200} className={styles.muted}>
            {[partner.jobTitle, partner.department].filter(Boolean).join(' · ') || 'No job title on file'}
          </Text>
        </div>
        <Badge appearance="tint" color={status.color} shape="rounded">
          {status.label}
        </Badge>
      </div>
      <div className={styles.tags}>
        <Text size={200} className={styles.program}>
          {pair.program.name}
        </Text>
        <Text size={200} aria-hidden="true" className={styles.muted}>
          ·
        </Text>
        <Text size={200} className={styles.muted}>
          {myRoleLabel(pair.myRole)}
        </Text>
      </div>
      <DetailList
        items={[
          {
            term: 'Next meeting',
            value: pair.nextMeeting ? formatMeeting(pair.nextMeeting.start, pair.nextMeeting.end) : 'Not scheduled',
          },
          { term: 'Started', value: formatInstantDate(pair.startedAt) },
          { term: 'Agreement', value: agreementLabel[pair.agreementStatus] },
          {
            term: 'Goals',
            value:
              goals.total === 0 ? (
                'No goals yet'
              ) : (
                <span className={styles.goals}>
                  <span>
                    {goals.done} of {goals.total} done
                  </span>
                  <ProgressBar
                    value={goals.done}
                    max={goals.total}
                    thickness="large"
                    color={goals.done === goals.total ? 'success' : 'brand'}
                    aria-label={`Goals: ${goals.done} of ${goals.total} done`}
                  />
                </span>
              ),
          },
        ]}
      />
    </Card>
  );
}

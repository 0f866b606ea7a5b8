import { Avatar, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AppLink } from '../app/AppLink';
import { plural } from '../app/format';
import { paths } from '../app/routing';
import { relativeDay } from '../requests/labels';
import type { MentorshipRequest } from '../requests/requests.api';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  person: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  personText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  divider: { margin: 0, height: 0, border: 'none', borderTopWidth: tokens.strokeWidthThin, borderTopStyle: 'solid', borderTopColor: tokens.colorNeutralStroke2 },
});

/** Home's summary of open requests in both directions, linking to Requests. */
export function RequestsSummary({ incoming, outgoing }: { incoming: MentorshipRequest[]; outgoing: MentorshipRequest[] }) {
  const styles = useStyles();
  const waiting = incoming.filter((r) => r.status === 'pending');
  const sent = outgoing.filter((r) => r.status === 'pending');
  return (
    <Card className={styles.card}>
      <div className={styles.group}>
        <Text weight="semibold">
          {waiting.length === 0 ? 'No one is waiting for your answer' : `${plural(waiting.length, 'person', 'people')} waiting for your answer`}
        </Text>
        {waiting.length > 0 && (
          <ul className={styles.list}>
            {waiting.slice(0, 3).map((r) => (
              <li key={r.id} className={styles.person}>
                <Avatar name={r.mentee.displayName} size={28} color="colorful" aria-hidden="true" />
                <span className={styles.personText}>
                  <Text size={300}>{r.mentee.displayName}</Text>
                  <Text size={200} className={styles.muted}>
                    {r.program.name} · asked {relativeDay(r.createdAt)}
                  </Text>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <hr className={styles.divider} />
      <div className={styles.group}>
        <Text weight="semibold">
          {sent.length === 0 ? 'No requests of yours are open' : `${plural(sent.length, 'request')} of yours waiting for a reply`}
        </Text>
        {sent.length > 0 && (
          <Text size={200} className={styles.muted}>
            To {sent.map((r) => r.mentor.displayName).join(', ')}
          </Text>
        )}
      </div>
      <Text>
        <AppLink href={paths.requests}>Go to Requests</AppLink>
      </Text>
    </Card>
  );
}

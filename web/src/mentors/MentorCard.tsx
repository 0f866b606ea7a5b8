import { forwardRef } from 'react';
import { Avatar, Badge, Button, Card, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { AppLink } from '../app/AppLink';
import { plural } from '../app/format';
import { paths } from '../app/routing';
import { zoneLabel } from '../profile/TimeZoneField';
import { activityLabel, firstName } from './labels';
import type { Recommendation } from './recommendations.api';
import { ScoreMeter } from './ScoreMeter';

const useStyles = makeStyles({
  card: { height: '100%', boxSizing: 'border-box', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  head: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  who: { display: 'flex', flexDirection: 'column', flexGrow: 1, flexBasis: '160px', minWidth: 0, gap: tokens.spacingVerticalXXS },
  name: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  subheading: { margin: 0, color: tokens.colorNeutralForeground2 },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  tags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, margin: 0, padding: 0, listStyleType: 'none' },
  tag: { maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    color: tokens.colorNeutralForeground2,
  },
  footer: {
    marginTop: 'auto',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  sent: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  shared: { fontWeight: tokens.fontWeightSemibold },
});

interface Props {
  mentor: Recommendation;
  /** Skills I want to build: the ones this mentor offers are highlighted. */
  mySkillsWanted: string[];
  sent: boolean;
  /** Why the Ask button is unavailable, if it is. */
  blockedReason: string | undefined;
  onAsk: () => void;
}

/** One recommended mentor: who they are, how well they fit and why, and a way to ask them. */
export const MentorCard = forwardRef<HTMLAnchorElement, Props>(function MentorCard(
  { mentor, mySkillsWanted, sent, blockedReason, onAsk },
  sentLinkRef,
) {
  const styles = useStyles();
  const wanted = new Set(mySkillsWanted.map((s) => s.toLowerCase()));
  const headingId = `mentor-${mentor.mentorId}`;
  const skills = [...mentor.skillsOffered].sort((a, b) => Number(wanted.has(b.toLowerCase())) - Number(wanted.has(a.toLowerCase())));
  return (
    <Card className={styles.card} aria-labelledby={headingId}>
      <div className={styles.head}>
        <Avatar name={mentor.displayName} size={48} color="colorful" aria-hidden="true" />
        <div className={styles.who}>
          <Text as="h3" id={headingId} size={400} weight="semibold" className={styles.name}>
            {mentor.displayName}
          </Text>
          <Text size={200} className={styles.muted}>
            {[mentor.jobTitle, mentor.department].filter(Boolean).join(' · ') || 'No job title on file'}
          </Text>
        </div>
        <ScoreMeter score={mentor.score} name={mentor.displayName} />
      </div>

      {mentor.reasons.length > 0 && (
        <div className={styles.block}>
          <Text as="h4" size={200} weight="semibold" className={styles.subheading}>
            Why we suggest {firstName(mentor.displayName)}
          </Text>
          <ul className={styles.reasons}>
            {mentor.reasons.map((reason) => (
              <li key={reason}>
                <Text size={300}>{reason}</Text>
              </li>
            ))}
          </ul>
        </div>
      )}

      {skills.length > 0 && (
        <div className={styles.block}>
          <Text as="h4" size={200} weight="semibold" className={styles.subheading}>
            Can help with
          </Text>
          <ul className={styles.tags}>
            {skills.map((skill) => {
              const match = wanted.has(skill.toLowerCase());
              return (
                <li key={skill}>
                  <Badge
                    appearance={match ? 'tint' : 'outline'}
                    color={match ? 'brand' : 'informative'}
                    shape="rounded"
                    className={mergeClasses(styles.tag, match && styles.shared)}
                  >
                    {match ? `${skill} (you want this)` : skill}
                  </Badge>
                </li>
              );
            })}
          </ul>
        </div>
      )}

      <ul className={styles.facts} aria-label={`About ${mentor.displayName}`}>
        <li>
          <Text size={200}>
            {mentor.remainingCapacity > 0 ? `Room for ${plural(mentor.remainingCapacity, 'more mentee')}` : 'No room right now'}
          </Text>
        </li>
        <li>
          <Text size={200}>{activityLabel(mentor.lastActiveAt)}</Text>
        </li>
        {mentor.yearsExperience !== null && !mentor.reasons.some((r) => /years? of experience/i.test(r)) && (
          <li>
            <Text size={200}>{plural(mentor.yearsExperience, 'year')} of experience</Text>
          </li>
        )}
        {mentor.timezone && (
          <li>
            <Text size={200}>{zoneLabel(mentor.timezone)}</Text>
          </li>
        )}
        {mentor.values.length > 0 && (
          <li>
            <Text size={200}>Values: {mentor.values.slice(0, 3).join(', ')}</Text>
          </li>
        )}
      </ul>

      <div className={styles.footer}>
        {sent ? (
          <span className={styles.sent}>
            <Badge appearance="filled" color="success" shape="rounded">
              Request sent
            </Badge>
            <Text size={200}>
              <AppLink href={paths.requests} ref={sentLinkRef} aria-label={`Request sent to ${mentor.displayName}. See your requests`}>
                See your requests
              </AppLink>
            </Text>
          </span>
        ) : (
          <>
            <Button appearance="primary" onClick={onAsk} disabled={!!blockedReason} aria-describedby={blockedReason ? `${headingId}-blocked` : undefined}>
              Ask {firstName(mentor.displayName)} to mentor you
            </Button>
            {blockedReason && (
              <Text id={`${headingId}-blocked`} size={200} className={styles.muted}>
                {blockedReason}
              </Text>
            )}
          </>
        )}
      </div>
    </Card>
  );
});

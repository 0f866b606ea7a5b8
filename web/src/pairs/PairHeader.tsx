import type { MouseEvent } from 'react';
import { Avatar, Badge, Link, Text, makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { DetailList, type Detail } from '../app/DetailList';
import { formatInstantDate, formatMeeting } from '../app/format';
import { surface } from '../app/surface';
import { ViewHeading } from '../app/ViewHeading';
import { cadenceLabel } from '../programs/labels';
import { ArrowRightIcon, HourglassIcon, InfoIcon, StarIcon } from '../app/icons';
import { endReasonLabel, myRoleLabel, pairStatusBadge } from './labels';
import type { NextStep } from './nextStep';
import { isMemberView, type PairDetail } from './pairs.api';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    ...surface(tokens.borderRadiusXLarge),
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  top: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalL, minWidth: 0 },
  who: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0, flexGrow: 1 },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  tags: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
  program: { ...typographyStyles.body1Strong, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  avatar: { '@media (max-width: 480px)': { display: 'none' } },
  next: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
    color: tokens.colorNeutralForeground1,
  },
  waiting: { backgroundColor: tokens.colorNeutralBackground2, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  nextText: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, flexGrow: 1, flexBasis: '260px', minWidth: 0 },
  nextIcon: { color: tokens.colorBrandForeground1, flexShrink: 0, marginTop: '1px' },
  nextLink: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontWeight: tokens.fontWeightSemibold },
});

interface Props {
  pair: PairDetail;
  next: NextStep | null;
  onGoTo: (sectionId: string) => void;
}

/** Who the pair is with, where it stands and what to do next. */
export function PairHeader({ pair, next, onGoTo }: Props) {
  const styles = useStyles();
  const status = pairStatusBadge[pair.status];
  const partner = isMemberView(pair) ? pair.partner : null;
  const asAdmin = partner === null;
  const title = partner ? `Mentoring with ${partner.displayName}` : `${pair.mentor.displayName} and ${pair.mentee.displayName}`;

  const details: Detail[] = [
    { term: 'Started', value: formatInstantDate(pair.startedAt) },
    {
      term: 'Next meeting',
      value: pair.nextMeeting ? formatMeeting(pair.nextMeeting.start, pair.nextMeeting.end) : 'None scheduled',
    },
  ];
  if (pair.agreement.agreedCadence) details.push({ term: 'Rhythm', value: cadenceLabel[pair.agreement.agreedCadence] });
  if (pair.status === 'paused' && pair.pausedAt) details.push({ term: 'Paused since', value: formatInstantDate(pair.pausedAt) });
  if (pair.endedAt && (pair.status === 'completed' || pair.status === 'ended')) {
    details.push({ term: pair.status === 'completed' ? 'Completed' : 'Ended', value: formatInstantDate(pair.endedAt) });
  }
  if (pair.status === 'ended' && pair.endReason) details.push({ term: 'Reason', value: endReasonLabel[pair.endReason] });
  if (asAdmin) {
    details.push(
      { term: 'Mentor', value: pair.mentor.displayName },
      { term: 'Mentee', value: pair.mentee.displayName },
      { term: 'Goals', value: `${pair.goals.total} in all · ${pair.goals.done} done · ${pair.goals.inProgress} in progress · ${pair.goals.overdue} overdue` },
      { term: 'Introductions', value: `${pair.introductions.requested} asked · ${pair.introductions.made} made` },
    );
  }

  const goTo = (event: MouseEvent<HTMLAnchorElement>, target: string) => {
    event.preventDefault();
    onGoTo(target);
  };

  return (
    <div className={styles.card}>
      <div className={styles.top}>
        <Avatar className={styles.avatar} name={(partner ?? pair.mentee).displayName} size={64} color="colorful" aria-hidden="true" />
        <div className={styles.who}>
          <ViewHeading>{title}</ViewHeading>
          {partner ? (
            <Text className={styles.muted}>
              {[partner.jobTitle, partner.department].filter(Boolean).join(' · ') || 'No job title on file'}
            </Text>
          ) : (
            <Text className={styles.muted}>You’re seeing this pair as a program admin: status, dates and counts only.</Text>
          )}
          <div className={styles.tags}>
            <Badge appearance="filled" color={status.color} shape="rounded">
              {status.label}
            </Badge>
            <Text className={styles.program}>{pair.program.name}</Text>
            {!asAdmin && (
              <Badge appearance="outline" color="informative" shape="rounded">
                {myRoleLabel(pair.viewer === 'mentor' ? 'mentor' : 'mentee')}
              </Badge>
            )}
          </div>
        </div>
      </div>
      <DetailList items={details} />
      {next && (
        <div className={mergeClasses(styles.next, next.kind !== 'action' && styles.waiting)}>
          <Text className={styles.nextText}>
            <span className={styles.nextIcon}>
              {next.kind === 'action' ? <StarIcon /> : next.kind === 'waiting' ? <HourglassIcon /> : <InfoIcon />}
            </span>
            <span>
              {next.kind !== 'info' && <strong>{next.kind === 'action' ? 'Next step: ' : 'Waiting: '}</strong>}
              {next.text}
            </span>
          </Text>
          <Link href={`#${next.target}`} onClick={(e) => goTo(e, next.target)} className={styles.nextLink}>
            {next.linkText}
            <ArrowRightIcon size={16} />
          </Link>
        </div>
      )}
    </div>
  );
}

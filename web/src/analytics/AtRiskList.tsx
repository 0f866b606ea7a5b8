import { useState, type MouseEvent } from 'react';
import { Button, Link, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { QueryState } from '../api/useApiQuery';
import { Section } from '../app/Section';
import { plural } from '../app/format';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { surface } from '../app/surface';
import type { AtRiskPair } from './analytics.api';
import { formatShortDate } from './format';
import { cadenceText, riskName } from './labels';

const useStyles = makeStyles({
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '80ch' },
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 340px), 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    ...surface(),
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorStatusWarningBorderActive}`,
  },
  title: { ...typographyStyles.subtitle2, margin: 0, color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere' },
  meta: { ...typographyStyles.caption1, margin: 0, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  reasons: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  reason: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  reasonLabel: { ...typographyStyles.body1Strong, color: tokens.colorNeutralForeground1 },
  detail: { ...typographyStyles.body1, color: tokens.colorNeutralForeground2 },
  remedy: {
    ...typographyStyles.body1,
    margin: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  remedyLead: { fontWeight: tokens.fontWeightSemibold },
  more: { alignSelf: 'flex-start' },
  link: { alignSelf: 'flex-start', marginTop: 'auto' },
});

const FIRST = 6;

interface Props {
  query: QueryState<AtRiskPair[]>;
  /** Shows the pair's row in the pairs table. */
  onShowPair: (pair: AtRiskPair) => void;
}

/** Active pairs with warning signs now, each with the reasons and what tends to help. */
export function AtRiskList({ query, onShowPair }: Props) {
  const styles = useStyles();
  const [showAll, setShowAll] = useState(false);
  const pairs = query.data;
  const visible = pairs && !showAll ? pairs.slice(0, FIRST) : pairs;
  const loading = query.loading && !pairs;

  const show = (event: MouseEvent<HTMLAnchorElement>, pair: AtRiskPair) => {
    event.preventDefault();
    onShowPair(pair);
  };

  return (
    <Section title="Pairs that need attention" count={pairs?.length} busy={query.loading}>
      {(headingId) => (
        <>
          <Text className={styles.lead}>
            Active pairs showing a warning sign today, whatever period you picked, with what usually helps. A quick
            word from the program team often gets a pair going again.
          </Text>
          {loading && <CardSkeletons count={2} label="Loading pairs that need attention" />}
          {query.error && <ErrorState error={query.error} what="pairs that need attention" onRetry={query.reload} />}
          {pairs?.length === 0 && (
            <EmptyState title="No pairs need attention right now">
              Every active pair is meeting at its rhythm, has agreed expectations and is keeping up with its goals.
            </EmptyState>
          )}
          {visible && visible.length > 0 && (
            <ul className={styles.list} aria-labelledby={headingId} data-at-risk-list>
              {visible.map((pair) => (
                <li key={pair.pairId} className={styles.card} data-pair={pair.pairId}>
                  <h3 className={styles.title}>
                    {pair.mentor.displayName} and {pair.mentee.displayName}
                  </h3>
                  <p className={styles.meta}>
                    Mentor {pair.mentor.displayName}
                    {pair.mentor.department ? ` (${pair.mentor.department})` : ''} · mentee {pair.mentee.displayName}
                    {pair.mentee.department ? ` (${pair.mentee.department})` : ''}
                  </p>
                  <p className={styles.meta}>
                    {pair.programName} · meets {cadenceText[pair.cadence]} ·{' '}
                    {pair.lastHeldAt ? `last check-in ${formatShortDate(pair.lastHeldAt)}` : 'no check-in held yet'} · paired{' '}
                    {formatShortDate(pair.startedAt)}
                  </p>
                  <ul className={styles.reasons} aria-label={`Why ${pair.mentor.displayName} and ${pair.mentee.displayName} need attention`}>
                    {pair.reasons.map((reason) => (
                      <li key={reason.code} className={styles.reason} data-reason={reason.code}>
                        <span className={styles.reasonLabel}>{riskName(reason.code)}</span>
                        <span className={styles.detail}>{reason.detail}</span>
                        <p className={styles.remedy}>
                          <span className={styles.remedyLead}>What helps: </span>
                          {reason.remedy}
                        </p>
                      </li>
                    ))}
                  </ul>
                  <Link
                    className={styles.link}
                    href={`#pair-row-${pair.pairId}`}
                    onClick={(event) => show(event, pair)}
                    aria-label={`Show ${pair.mentor.displayName} and ${pair.mentee.displayName} in the pairs table`}
                  >
                    Show in the pairs table
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {pairs && pairs.length > FIRST && (
            <Button className={styles.more} onClick={() => setShowAll((s) => !s)}>
              {showAll ? `Show the first ${FIRST}` : `Show all ${plural(pairs.length, 'pair')}`}
            </Button>
          )}
        </>
      )}
    </Section>
  );
}

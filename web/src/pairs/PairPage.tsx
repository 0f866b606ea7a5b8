import { useCallback } from 'react';
import { Skeleton, SkeletonItem, Text, makeStyles, tokens, createFocusOutlineStyle } from '@fluentui/react-components';
import { isApiError } from '../api/client';
import { AGREEMENT_SECTION_ID, AgreementSection } from '../agreements/AgreementSection';
import { useAgreement } from '../agreements/useAgreement';
import { AppLink } from '../app/AppLink';
import { useAnnouncement } from '../app/LiveRegion';
import { paths } from '../app/routing';
import { CardSkeletons, ErrorState } from '../app/states';
import { surface } from '../app/surface';
import { ViewHeading } from '../app/ViewHeading';
import { GOALS_SECTION_ID, GoalsSection } from '../goals/GoalsSection';
import { INTRODUCTIONS_SECTION_ID, IntroductionsSection } from '../introductions/IntroductionsSection';
import { useReportViewStatus, type ViewStatus } from '../teams/HostContext';
import { ArrowLeftIcon } from '../app/icons';
import { ACTION_ITEMS_SECTION_ID, CHECKINS_SECTION_ID, CheckinsSection } from '../meetings/CheckinsSection';
import { firstName } from './labels';
import { LIFECYCLE_SECTION_ID, LifecycleSection } from './LifecycleSection';
import { nextStep } from './nextStep';
import { PairHeader } from './PairHeader';
import { sectionHeadingId } from './PairSection';
import { isClosed, isMemberView, type PairDetail } from './pairs.api';
import { PRIVACY_SECTION_ID, PrivacyNote } from './PrivacyNote';
import { PairToaster } from '../app/toasts';
import { usePair } from './usePair';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gridTemplateAreas: '"nav" "content"',
    gap: tokens.spacingVerticalL,
    '@media (min-width: 1024px)': {
      gridTemplateColumns: 'minmax(0, 1fr) 220px',
      gridTemplateAreas: '"content nav"',
      columnGap: tokens.spacingHorizontalXXL,
      alignItems: 'start',
    },
  },
  content: { gridArea: 'content', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, minWidth: 0 },
  nav: {
    gridArea: 'nav',
    minWidth: 0,
    '@media (min-width: 1024px)': { position: 'sticky', top: tokens.spacingVerticalL },
  },
  navTitle: {
    display: 'none',
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
    '@media (min-width: 1024px)': { display: 'block', paddingLeft: tokens.spacingHorizontalM },
  },
  navList: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    '@media (min-width: 1024px)': { flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  },
  navLink: {
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '32px',
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusCircular,
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':hover': { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ...createFocusOutlineStyle(),
    '@media (min-width: 1024px)': {
      display: 'flex',
      borderRadius: tokens.borderRadiusMedium,
      border: `${tokens.strokeWidthThin} solid transparent`,
      backgroundColor: 'transparent',
    },
  },
  notFound: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  muted: { color: tokens.colorNeutralForeground2 },
  headerSkeleton: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXL,
    ...surface(tokens.borderRadiusXLarge),
  },
});

interface NavItem {
  id: string;
  label: string;
}

function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** Scrolls to a section of the page and puts the keyboard on its heading. */
function goToSection(id: string): void {
  const section = document.getElementById(id);
  if (!section) return;
  section.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
  document.getElementById(sectionHeadingId(id))?.focus({ preventScroll: true });
}

/** `/tab/pairs/{pairId}` — one mentoring pair: agreement, skill development plan, introductions and lifecycle. */
export function PairPage({ pairId }: { pairId: string }) {
  const styles = useStyles();
  const pair = usePair(pairId);
  const member = pair.data !== undefined && isMemberView(pair.data);
  const agreement = useAgreement(pairId, { enabled: member });
  // A malformed id (400) is as unavailable as someone else's pair (404).
  const notFound = isApiError(pair.error, 404) || isApiError(pair.error, 400);

  const status: ViewStatus = pair.loading && !pair.data ? 'loading' : pair.error && !notFound ? 'failed' : 'ready';
  useReportViewStatus(status, 'Couldn’t load this mentoring pair');
  useAnnouncement(
    notFound
      ? 'This pair isn’t available.'
      : pair.error
        ? 'Couldn’t load this mentoring pair.'
        : pair.data
          ? pair.data.partner
            ? `Loaded your pair with ${pair.data.partner.displayName}.`
            : `Loaded the pair of ${pair.data.mentor.displayName} and ${pair.data.mentee.displayName}.`
          : undefined,
  );

  const { reload, setData } = pair;
  const refreshPair = useCallback(() => reload(), [reload]);
  const replacePair = useCallback((next: PairDetail) => setData(next), [setData]);

  if (notFound) {
    return (
      <div className={styles.notFound}>
        <ViewHeading>This pair isn’t available</ViewHeading>
        <Text className={styles.muted}>
          It may have been removed, or the link belongs to someone else’s mentoring. Pairs are only visible to the two
          people in them.
        </Text>
        <Text>
          <AppLink href={paths.tab}>Go to My mentoring</AppLink>
        </Text>
      </div>
    );
  }

  const back = (
    <Text>
      <AppLink href={paths.tab}>
        <span className={styles.back}>
          <ArrowLeftIcon size={16} />
          My mentoring
        </span>
      </AppLink>
    </Text>
  );

  if (!pair.data) {
    return (
      <div className={styles.page} aria-busy={pair.loading}>
        {back}
        {pair.error ? (
          <>
            <ViewHeading>Mentoring pair</ViewHeading>
            <ErrorState error={pair.error} what="this mentoring pair" onRetry={pair.reload} />
          </>
        ) : (
          <>
            <div className={styles.headerSkeleton}>
              <ViewHeading>Mentoring pair</ViewHeading>
              <Skeleton aria-label="Loading the pair">
                <SkeletonItem size={16} style={{ width: '40%', marginBottom: 12 }} />
                <SkeletonItem size={12} style={{ width: '60%', marginBottom: 8 }} />
                <SkeletonItem size={12} style={{ width: '50%' }} />
              </Skeleton>
            </div>
            <CardSkeletons count={2} label="Loading the pair" />
          </>
        )}
      </div>
    );
  }

  const data = pair.data;
  const readOnly = isClosed(data.status);
  const memberView = isMemberView(data) ? data : null;
  const partnerFirst = memberView ? firstName(memberView.partner.displayName) : '';
  const nav: NavItem[] = [
        { id: CHECKINS_SECTION_ID, label: 'Check-ins' },
        { id: ACTION_ITEMS_SECTION_ID, label: 'Action items' },
        { id: AGREEMENT_SECTION_ID, label: 'Working agreement' },
        { id: GOALS_SECTION_ID, label: 'Skill development plan' },
        { id: INTRODUCTIONS_SECTION_ID, label: 'Introductions' },
        { id: LIFECYCLE_SECTION_ID, label: readOnly ? 'How it ended' : 'Pause, finish or end' },
        { id: PRIVACY_SECTION_ID, label: 'Who can see this' },
      ];

  return (
    <PairToaster>
      <div className={styles.page}>
        {back}
        <PairHeader pair={data} next={nextStep(data, agreement.data)} onGoTo={goToSection} />
        <div className={styles.layout}>
          {memberView && (
            <nav className={styles.nav} aria-label="On this page">
              <h2 className={styles.navTitle}>On this page</h2>
              <ul className={styles.navList}>
                {nav.map((item) => (
                  <li key={item.id}>
                    <a
                      href={`#${item.id}`}
                      className={styles.navLink}
                      onClick={(event) => {
                        event.preventDefault();
                        goToSection(item.id);
                      }}
                    >
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div className={styles.content}>
            {memberView && (
              <>
                <CheckinsSection pair={memberView} readOnly={readOnly} onChanged={refreshPair} />
                <AgreementSection pair={memberView} agreement={agreement} readOnly={readOnly} onSaved={refreshPair} />
                <GoalsSection pair={memberView} readOnly={readOnly} onChanged={refreshPair} />
                <IntroductionsSection pair={memberView} readOnly={readOnly} onChanged={refreshPair} />
                <LifecycleSection pair={memberView} onPairChanged={replacePair} onReload={refreshPair} />
              </>
            )}
            <PrivacyNote partnerFirstName={partnerFirst} asAdmin={!memberView} />
          </div>
        </div>
      </div>
    </PairToaster>
  );
}

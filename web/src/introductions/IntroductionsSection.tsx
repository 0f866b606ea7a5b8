import { useState } from 'react';
import { Badge, Button, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useAnnounce } from '../app/LiveRegion';
import { compareIso, formatInstantDate } from '../app/format';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { AddIcon, PeopleIcon } from '../app/icons';
import { PairSection } from '../pairs/PairSection';
import type { MemberPairDetail } from '../pairs/pairs.api';
import { AskIntroductionDialog } from './AskIntroductionDialog';
import type { Introduction } from './introductions.api';
import { introductionStatus } from './labels';
import { RespondIntroductionDialog, type Responding } from './RespondIntroductionDialog';
import { useIntroductions } from './useIntroductions';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  who: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, minWidth: 0 },
  icon: { color: tokens.colorBrandForeground1, flexShrink: 0, marginTop: '2px' },
  name: { ...typographyStyles.body1Strong, margin: 0, overflowWrap: 'anywhere', ':focus': { outlineStyle: 'none' } },
  muted: { color: tokens.colorNeutralForeground3 },
  reason: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  note: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export const INTRODUCTIONS_SECTION_ID = 'introductions';

interface Props {
  pair: MemberPairDetail;
  readOnly: boolean;
  onChanged: () => void;
}

/** Introductions: the mentee asks to meet someone in the mentor's network; the mentor makes or declines them. */
export function IntroductionsSection({ pair, readOnly, onChanged }: Props) {
  const styles = useStyles();
  const announce = useAnnounce();
  const intros = useIntroductions(pair.id);
  const [asking, setAsking] = useState(false);
  const [responding, setResponding] = useState<Responding | null>(null);
  const iAmMentee = pair.viewer === 'mentee';
  const iAmMentor = pair.viewer === 'mentor';
  const mentorFirst = pair.mentor.displayName.split(' ')[0] ?? pair.mentor.displayName;
  const menteeFirst = pair.mentee.displayName.split(' ')[0] ?? pair.mentee.displayName;

  const sorted = intros.data ? [...intros.data].sort((a, b) => compareIso(b.createdAt, a.createdAt)) : undefined;
  const upsert = (intro: Introduction) =>
    intros.setData((list) => [intro, ...(list ?? []).filter((i) => i.id !== intro.id)]);
  // The button that opened the dialog may be gone once it closes: put the keyboard on the introduction itself.
  const focusIntro = (id: string) => window.setTimeout(() => document.getElementById(`intro-${id}`)?.focus(), 50);

  return (
    <PairSection
      id={INTRODUCTIONS_SECTION_ID}
      title="Introductions"
      busy={intros.loading}
      lead={
        readOnly
          ? 'People you were introduced to, or asked to meet, while the pair was open.'
          : iAmMentee
          ? `${mentorFirst}’s network is one of the most useful things a mentor can share. Ask to meet someone who could help with your goals.`
          : `When ${menteeFirst} asks to meet someone you know, the request lands here. Introduce them, or say kindly why not.`
      }
      actions={
        iAmMentee && !readOnly && sorted ? (
          <Button icon={<AddIcon />} onClick={() => setAsking(true)}>
            Ask for an introduction
          </Button>
        ) : undefined
      }
    >
      {intros.loading && !intros.data && <CardSkeletons count={1} label="Loading introductions" />}
      {intros.error && <ErrorState error={intros.error} what="introductions" onRetry={intros.reload} />}
      {sorted && sorted.length === 0 && (
        <EmptyState title="No introductions yet">
          {readOnly
            ? 'No introductions were asked for while this pair was open.'
            : iAmMentee
              ? `Think of a person — or just a role — who could help with one of your goals, and ask ${mentorFirst} to connect you.`
              : `Nothing to do here for now. Mentees often don’t think to ask, so offering an introduction at your next check-in can help.`}
        </EmptyState>
      )}
      {sorted && sorted.length > 0 && (
        <ul className={styles.list} aria-label="Introductions">
          {sorted.map((intro) => {
            const status = introductionStatus[intro.status];
            return (
              <li key={intro.id} className={styles.item}>
                <div className={styles.head}>
                  <div className={styles.who}>
                    <span className={styles.icon}>
                      <PeopleIcon />
                    </span>
                    <div>
                      <h3 id={`intro-${intro.id}`} tabIndex={-1} className={styles.name}>
                        {intro.contactName}
                      </h3>
                      {intro.contactRole && (
                        <Text size={200} className={styles.muted}>
                          {intro.contactRole}
                        </Text>
                      )}
                    </div>
                  </div>
                  <Badge appearance="tint" shape="rounded" color={status.color}>
                    {status.label}
                  </Badge>
                </div>
                <Text className={styles.reason}>{intro.reason}</Text>
                <Text size={200} className={styles.muted}>
                  Asked by {intro.requestedBy.displayName} on {formatInstantDate(intro.createdAt)}
                  {intro.respondedAt
                    ? ` · ${intro.status === 'made' ? 'introduced' : 'declined'} on ${formatInstantDate(intro.respondedAt)}`
                    : ''}
                </Text>
                {intro.note && (
                  <Text className={styles.note}>
                    <strong>{intro.status === 'made' ? 'Note' : 'Why not'}:</strong> {intro.note}
                  </Text>
                )}
                {iAmMentor && !readOnly && intro.status === 'requested' && (
                  <div className={styles.actions}>
                    <Button
                      appearance="primary"
                      size="small"
                      aria-label={`Mark introduction to ${intro.contactName} as made`}
                      onClick={() => setResponding({ introduction: intro, status: 'made' })}
                    >
                      Mark as made
                    </Button>
                    <Button
                      size="small"
                      aria-label={`Decline introduction to ${intro.contactName}`}
                      onClick={() => setResponding({ introduction: intro, status: 'declined' })}
                    >
                      Decline
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {iAmMentee && !readOnly && (
        <AskIntroductionDialog
          open={asking}
          pairId={pair.id}
          mentorFirstName={mentorFirst}
          onClose={() => setAsking(false)}
          onSaved={(intro) => {
            setAsking(false);
            upsert(intro);
            focusIntro(intro.id);
            onChanged();
            announce(`Asked ${mentorFirst} for an introduction to ${intro.contactName}.`);
          }}
        />
      )}
      {iAmMentor && !readOnly && (
        <RespondIntroductionDialog
          responding={responding}
          menteeFirstName={menteeFirst}
          onClose={() => setResponding(null)}
          onSaved={(intro) => {
            setResponding(null);
            intros.setData((list) => (list ?? []).map((i) => (i.id === intro.id ? intro : i)));
            focusIntro(intro.id);
            onChanged();
            announce(
              intro.status === 'made'
                ? `Marked the introduction to ${intro.contactName} as made.`
                : `Declined the introduction to ${intro.contactName}.`,
            );
          }}
        />
      )}
    </PairSection>
  );
}

import { useState } from 'react';
import {
  Button,
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
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useAnnounce } from '../app/LiveRegion';
import { formatInstantDate } from '../app/format';
import { ClosingSurvey } from './ClosingSurvey';
import { EndPairDialog } from './EndPairDialog';
import { ActionError, useAction } from '../app/forms';
import { CheckCircleIcon, FlagIcon, PauseIcon, PlayIcon, StopIcon } from '../app/icons';
import { endReasonLabel, firstName } from './labels';
import { PairSection, sectionHeadingId } from './PairSection';
import { completePair, isClosed, pausePair, resumePair, type MemberPairDetail, type PairDetail } from './pairs.api';
import { useNotify } from '../app/toasts';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  text: { color: tokens.colorNeutralForeground2, maxWidth: '72ch' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  surface: { '@media (min-width: 481px)': { maxWidth: 'min(520px, calc(100vw - 48px))' } },
  detail: { display: 'block', whiteSpace: 'normal' },
});

export const LIFECYCLE_SECTION_ID = 'status';

interface Props {
  pair: MemberPairDetail;
  /** The server's answer to a lifecycle action (the pair as it is now). */
  onPairChanged: (pair: PairDetail) => void;
  /** Fetch the pair again (after the survey is sent). */
  onReload: () => void;
}

/** Pause and resume, complete, end early — and once the pair has closed, the closing survey. */
export function LifecycleSection({ pair, onPairChanged, onReload }: Props) {
  const styles = useStyles();
  const announce = useAnnounce();
  const notify = useNotify();
  const action = useAction();
  const [confirmComplete, setConfirmComplete] = useState(false);
  const [ending, setEnding] = useState(false);
  const partnerFirst = firstName(pair.partner.displayName);
  const closed = isClosed(pair.status);

  const focusHeading = () =>
    window.setTimeout(() => document.getElementById(sectionHeadingId(LIFECYCLE_SECTION_ID))?.focus(), 50);

  const pause = async () => {
    const next = await action.run((api) => pausePair(api, pair.id));
    if (!next) return;
    onPairChanged(next);
    notify({ title: 'Pair paused', body: `Everything stays as it is until you or ${partnerFirst} resume.`, intent: 'info' });
    focusHeading();
  };
  const resume = async () => {
    const next = await action.run((api) => resumePair(api, pair.id));
    if (!next) return;
    onPairChanged(next);
    notify({ title: 'Welcome back', body: 'Your pair is active again.' });
    focusHeading();
  };
  const complete = async () => {
    const next = await action.run((api) => completePair(api, pair.id));
    if (!next) return;
    setConfirmComplete(false);
    onPairChanged(next);
    announce(`Pair completed. Congratulations to you and ${partnerFirst}.`);
    focusHeading();
  };

  return (
    <PairSection
      id={LIFECYCLE_SECTION_ID}
      title={closed ? 'How it ended' : 'Pause, finish or end'}
      lead={
        closed
          ? undefined
          : 'Mentoring has seasons. Pause when life gets busy, complete the pair when you’ve got what you came for, or end it early if it isn’t working.'
      }
    >
      <div className={styles.stack}>
        {pair.status === 'paused' && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Paused{pair.pausedAt ? ` since ${formatInstantDate(pair.pausedAt)}` : ''}</MessageBarTitle>
              <span className={styles.detail}>Nothing is lost while you’re paused. Resume whenever you’re both ready.</span>
            </MessageBarBody>
          </MessageBar>
        )}
        {pair.status === 'completed' && (
          <MessageBar intent="success" layout="multiline" icon={<CheckCircleIcon />}>
            <MessageBarBody>
              <MessageBarTitle>Completed{pair.endedAt ? ` on ${formatInstantDate(pair.endedAt)}` : ''}</MessageBarTitle>
              <span className={styles.detail}>
                Well done, both of you. Everything on this page stays here to look back on, but can no longer be changed.
              </span>
            </MessageBarBody>
          </MessageBar>
        )}
        {pair.status === 'ended' && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Ended early{pair.endedAt ? ` on ${formatInstantDate(pair.endedAt)}` : ''}</MessageBarTitle>
              <span className={styles.detail}>
                {pair.endReason ? `Reason: ${endReasonLabel[pair.endReason]}. ` : ''}
                What you wrote stays readable but can no longer be changed.
                {pair.viewer === 'mentee' ? ' You can ask another mentor whenever you’re ready.' : ''}
              </span>
            </MessageBarBody>
          </MessageBar>
        )}

        {!closed && (
          <>
            <div className={styles.actions}>
              {pair.status === 'active' ? (
                <Button icon={<PauseIcon />} disabled={action.busy} onClick={() => void pause()}>
                  Pause
                </Button>
              ) : (
                <Button appearance="primary" icon={<PlayIcon />} disabled={action.busy} onClick={() => void resume()}>
                  Resume
                </Button>
              )}
              <Button icon={<FlagIcon />} disabled={action.busy} onClick={() => {
                  action.reset();
                  setConfirmComplete(true);
                }}>
                Mark as completed
              </Button>
              <Button icon={<StopIcon />} disabled={action.busy} onClick={() => setEnding(true)}>
                End early
              </Button>
            </div>
            {!confirmComplete && <ActionError error={action.error} what="change the pair" />}
          </>
        )}

        {closed && pair.survey.required && !pair.survey.submitted && (
          <ClosingSurvey
            pairId={pair.id}
            partnerFirstName={partnerFirst}
            onSubmitted={() => {
              announce('Thank you — your closing survey is in.');
              focusHeading();
              onReload();
            }}
          />
        )}
        {closed && pair.survey.submitted && (
          <Text className={styles.text}>Thank you for answering the closing survey — it helps the next pairs.</Text>
        )}
      </div>

      <Dialog open={confirmComplete} onOpenChange={(_, d) => {
          setConfirmComplete(d.open);
          action.reset();
        }} modalType="alert">
        <DialogSurface className={styles.surface}>
          <DialogBody>
            <DialogTitle>Mark the pair as completed?</DialogTitle>
            <DialogContent className={styles.stack}>
              <Text>
                Completing closes the pair for you and {partnerFirst}. Your agreement, goals and introductions stay here to
                look back on but can’t be changed, and meetings still on the calendar are cancelled. You’ll each get a
                short closing survey.
              </Text>
              <ActionError error={action.error} what="complete the pair" />
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={action.busy} onClick={() => void complete()}>
                {action.busy ? 'Completing…' : 'Complete the pair'}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Not yet</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <EndPairDialog
        open={ending}
        pair={pair}
        onClose={() => setEnding(false)}
        onEnded={(next) => {
          setEnding(false);
          onPairChanged(next);
          announce('The pair has ended.');
          focusHeading();
        }}
      />
    </PairSection>
  );
}

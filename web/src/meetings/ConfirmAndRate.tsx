import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button, Field, Link, Radio, RadioGroup, Text, Textarea, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useAnnounce } from '../app/LiveRegion';
import { ActionError, errorProps, serverFieldError, useAction } from '../app/forms';
import { CheckCircleIcon, LockIcon, XCircleIcon } from '../app/icons';
import { ratingLabels } from './labels';
import { sendFeedback, updateMeeting, type Confirmation, type Meeting } from './meetings.api';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  ask: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  question: { ...typographyStyles.body1Strong, marginRight: tokens.spacingHorizontalS },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground2 },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  scale: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  private: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground2 },
  privateIcon: { flexShrink: 0, color: tokens.colorBrandForeground1 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  icon: { display: 'inline-block', verticalAlign: '-3px' },
});

interface Props {
  meeting: Meeting;
  partnerFirst: string;
  readOnly: boolean;
  onChanged: (meeting: Meeting) => void;
}

/** After a check-in: did it happen (held / missed), then — if held — my private 1–5 rating. */
export function ConfirmAndRate({ meeting, partnerFirst, readOnly, onChanged }: Props) {
  const styles = useStyles();
  const announce = useAnnounce();
  const confirm = useAction();
  const rate = useAction();
  const id = useId();
  const [changingAnswer, setChangingAnswer] = useState(false);
  const [editingRating, setEditingRating] = useState(false);
  const [rating, setRating] = useState<string>(meeting.myFeedback ? String(meeting.myFeedback.rating) : '');
  const [comment, setComment] = useState(meeting.myFeedback?.comment ?? '');
  const [ratingMissing, setRatingMissing] = useState<string>();
  const formRef = useRef<HTMLFormElement>(null);
  const [focusForm, setFocusForm] = useState(false);

  useEffect(() => {
    if (!focusForm) return;
    formRef.current?.querySelector<HTMLElement>('input[type="radio"]')?.focus();
    setFocusForm(false);
  }, [focusForm]);

  const canAnswer = meeting.canConfirm && !readOnly;
  const asking = canAnswer && (meeting.myConfirmation === null || changingAnswer);
  const canRate = !readOnly && meeting.myConfirmation === 'held' && meeting.status === 'held';
  const showRatingForm = canRate && editingRating;

  const answer = async (status: Confirmation) => {
    const saved = await confirm.run((api) => updateMeeting(api, meeting.id, { status }));
    if (!saved) return;
    setChangingAnswer(false);
    onChanged(saved);
    if (status === 'held') {
      announce(saved.myFeedback ? 'Marked as held.' : 'Marked as held. How useful was it? Your rating is private.');
      if (!saved.myFeedback) {
        setEditingRating(true);
        setFocusForm(true);
      }
    } else {
      announce('Marked as missed. Missing one happens — book the next one when you can.');
    }
  };

  const submitRating = async (event: FormEvent) => {
    event.preventDefault();
    if (!rating) {
      setRatingMissing('Pick a number from 1 to 5.');
      formRef.current?.querySelector<HTMLElement>('input[type="radio"]')?.focus();
      return;
    }
    const feedback = await rate.run((api) =>
      sendFeedback(api, meeting.id, { rating: Number(rating), ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    );
    if (!feedback) return;
    setEditingRating(false);
    onChanged({ ...meeting, myFeedback: feedback });
    announce(`Thanks — you rated this check-in ${feedback.rating} out of 5. Only you can see that.`);
  };

  const partnerLine =
    meeting.partnerConfirmation === 'held'
      ? `${partnerFirst} says it happened.`
      : meeting.partnerConfirmation === 'missed'
        ? `${partnerFirst} says it didn’t happen.`
        : null;

  return (
    <div className={styles.root}>
      {asking ? (
        <div className={styles.ask} role="group" aria-labelledby={`${id}-q`}>
          <span id={`${id}-q`} className={styles.question}>
            Did it happen?
          </span>
          <Button size="small" icon={<CheckCircleIcon />} disabled={confirm.busy} onClick={() => void answer('held')}>
            Held
          </Button>
          <Button size="small" icon={<XCircleIcon />} disabled={confirm.busy} onClick={() => void answer('missed')}>
            Missed
          </Button>
          {changingAnswer && (
            <Button size="small" appearance="subtle" onClick={() => setChangingAnswer(false)}>
              Keep my answer
            </Button>
          )}
        </div>
      ) : (
        meeting.myConfirmation && (
          <Text size={200} className={styles.line}>
            <span>You said {meeting.myConfirmation === 'held' ? 'it happened' : 'it didn’t happen'}.</span>
            {canAnswer && (
              <Link as="button" onClick={() => setChangingAnswer(true)} aria-label="Change my answer to “Did it happen?”">
                Change
              </Link>
            )}
          </Text>
        )
      )}
      {partnerLine && (
        <Text size={200} className={styles.line}>
          {partnerLine}
        </Text>
      )}
      <ActionError error={confirm.error} what="save your answer" />

      {canRate && !meeting.myFeedback && !editingRating && (
        <Text size={200} className={styles.line}>
          <span>How useful was it?</span>
          <Link as="button" onClick={() => { setEditingRating(true); setFocusForm(true); }}>
            Rate it privately
          </Link>
        </Text>
      )}

      {meeting.myFeedback && !editingRating && (
        <Text size={200} className={styles.line}>
          <span>
            <span className={styles.icon}>
              <LockIcon size={16} />
            </span>{' '}
            Your private rating: {meeting.myFeedback.rating} out of 5 — {ratingLabels[meeting.myFeedback.rating]}.
          </span>
          {!readOnly && (
            <Link as="button" onClick={() => { setEditingRating(true); setFocusForm(true); }} aria-label="Change my rating">
              Change
            </Link>
          )}
        </Text>
      )}

      {showRatingForm && (
        <form ref={formRef} className={styles.form} onSubmit={(e) => void submitRating(e)} noValidate aria-label="Rate this check-in">
          <Field
            label="How useful was this check-in for you?"
            hint="1 = not useful, 5 = couldn’t have been better"
            required
            {...errorProps(ratingMissing ?? serverFieldError(rate.error, 'rating'))}
          >
            <RadioGroup
              layout="horizontal"
              className={styles.scale}
              value={rating}
              onChange={(_, d) => {
                setRating(d.value);
                setRatingMissing(undefined);
              }}
            >
              {[1, 2, 3, 4, 5].map((n) => (
                <Radio key={n} value={String(n)} label={`${n} – ${ratingLabels[n]}`} />
              ))}
            </RadioGroup>
          </Field>
          <Field label="Anything to remember about it?" hint="Optional." {...errorProps(serverFieldError(rate.error, 'comment'))}>
            <Textarea value={comment} maxLength={2000} rows={2} resize="vertical" onChange={(_, d) => setComment(d.value)} />
          </Field>
          <Text size={200} className={styles.private}>
            <span className={styles.privateIcon}>
              <LockIcon size={16} />
            </span>
            <span>
              Only you see your rating and comment. They’re never shown to {partnerFirst}, and never to program admins.
            </span>
          </Text>
          <ActionError error={rate.error} what="save your rating" shownFields={['rating', 'comment']} />
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" size="small" disabled={rate.busy}>
              {rate.busy ? 'Saving…' : 'Save my rating'}
            </Button>
            <Button size="small" onClick={() => setEditingRating(false)}>
              {meeting.myFeedback ? 'Cancel' : 'Not now'}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useAnnounce } from '../app/LiveRegion';
import { formatInstantDate } from '../app/format';
import { CardSkeletons, EmptyState, ErrorState } from '../app/states';
import { cadenceLabel } from '../programs/labels';
import { useAction } from '../app/forms';
import { EditIcon } from '../app/icons';
import { PairSection, sectionHeadingId } from '../pairs/PairSection';
import type { MemberPairDetail } from '../pairs/pairs.api';
import type { EditableQueryState } from '../pairs/useEditableQuery';
import { AgreementComparison, AnswerList } from './AgreementComparison';
import { AgreementForm } from './AgreementForm';
import { answersOf, saveAgreement, type Agreement, type AgreementAnswers, type AgreementField } from './agreements.api';
import { channelLabel, fieldText } from './labels';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  detail: { display: 'block', whiteSpace: 'normal' },
  meta: { color: tokens.colorNeutralForeground3 },
});

export const AGREEMENT_SECTION_ID = 'agreement';

/** "You differ on 2 things: frequency, channel". */
export function differenceSummary(mismatches: AgreementField[]): string {
  const n = mismatches.length;
  return `You differ on ${n} ${n === 1 ? 'thing' : 'things'}: ${mismatches.map((f) => fieldText[f].short).join(', ')}`;
}

interface Props {
  pair: MemberPairDetail;
  agreement: EditableQueryState<Agreement>;
  readOnly: boolean;
  /** Called after a save so the page header can catch up. */
  onSaved: () => void;
}

/** The working agreement: my answers, and once both of us answered, where we agree and differ. */
export function AgreementSection({ pair, agreement, readOnly, onSaved }: Props) {
  const styles = useStyles();
  const announce = useAnnounce();
  const save = useAction();
  const [editing, setEditing] = useState(false);
  const [adopting, setAdopting] = useState<AgreementField | null>(null);
  const partnerName = pair.partner.displayName;
  const partnerFirst = partnerName.split(' ')[0] ?? partnerName;
  const data = agreement.data;

  const focusHeading = () => {
    window.setTimeout(() => document.getElementById(sectionHeadingId(AGREEMENT_SECTION_ID))?.focus(), 0);
  };

  const outcome = (next: Agreement): string => {
    if (next.agreed) {
      return `Saved. You and ${partnerFirst} are agreed: ${cadenceLabel[next.mine!.meetingFrequency].toLowerCase()}, by ${channelLabel[next.mine!.communicationChannel].toLowerCase()}.`;
    }
    if (!next.partner) return `Saved. We’ll compare your answers once ${partnerFirst} has answered.`;
    return `Saved. ${differenceSummary(next.mismatches)}.`;
  };

  const submit = async (answers: AgreementAnswers) => {
    const next = await save.run((api) => saveAgreement(api, pair.id, answers));
    if (!next) {
      announce('Your answers weren’t saved. Check the form for what needs fixing.');
      return;
    }
    agreement.setData(next);
    setEditing(false);
    announce(outcome(next));
    focusHeading();
    onSaved();
  };

  const adopt = async (field: AgreementField) => {
    if (!data?.mine || !data.partner) return;
    setAdopting(field);
    const answers: AgreementAnswers = { ...answersOf(data.mine), [field]: data.partner[field] };
    const next = await save.run((api) => saveAgreement(api, pair.id, answers));
    setAdopting(null);
    if (!next) {
      announce(`Couldn’t use ${partnerFirst}’s answer.`);
      return;
    }
    agreement.setData(next);
    // The button just used has gone (the answers match now): keep the keyboard in the section.
    focusHeading();
    announce(`Now using ${partnerFirst}’s answer for ${fieldText[field].short}. ${outcome(next).replace(/^Saved\. /, '')}`);
    onSaved();
  };

  const canEdit = !readOnly;
  const showForm = canEdit && data !== undefined && (editing || data.mine === null);

  return (
    <PairSection
      id={AGREEMENT_SECTION_ID}
      title="Working agreement"
      busy={agreement.loading}
      lead={
        readOnly
          ? 'How the two of you agreed to work together.'
          : 'Settle how you’ll work together before you dive in: it heads off most of the misunderstandings that quietly end mentoring pairs.'
      }
      actions={
        canEdit && data?.mine && !editing ? (
          <Button
            icon={<EditIcon />}
            onClick={() => {
              save.reset();
              setEditing(true);
            }}
          >
            Change my answers
          </Button>
        ) : undefined
      }
    >
      {agreement.loading && !data && <CardSkeletons count={1} label="Loading your working agreement" />}
      {agreement.error && <ErrorState error={agreement.error} what="the working agreement" onRetry={agreement.reload} />}
      {data && (
        <div className={styles.stack}>
          {showForm ? (
            <>
              {data.mine === null && data.partner !== null && (
                <MessageBar intent="info" layout="multiline">
                  <MessageBarBody>
                    {partnerFirst} has already answered. You’ll see both sets of answers side by side once you save
                    yours — answering first on your own keeps your answers honestly yours.
                  </MessageBarBody>
                </MessageBar>
              )}
              <AgreementForm
                initial={data.mine ? answersOf(data.mine) : null}
                autoFocus={editing}
                suggestedCadence={pair.program.defaultCadence}
                partnerName={partnerFirst}
                busy={save.busy}
                error={save.error}
                onSubmit={(answers) => void submit(answers)}
                onCancel={
                  data.mine
                    ? () => {
                        setEditing(false);
                        save.reset();
                        focusHeading();
                      }
                    : undefined
                }
              />
            </>
          ) : (
            <AgreementView
              agreement={data}
              partnerName={partnerName}
              readOnly={readOnly}
              adopting={adopting}
              onAdopt={(field) => void adopt(field)}
              adoptError={adopting === null ? save.error : null}
            />
          )}
        </div>
      )}
    </PairSection>
  );
}

function AgreementView({
  agreement,
  partnerName,
  readOnly,
  adopting,
  onAdopt,
  adoptError,
}: {
  agreement: Agreement;
  partnerName: string;
  readOnly: boolean;
  adopting: AgreementField | null;
  onAdopt: (field: AgreementField) => void;
  adoptError: Error | null;
}) {
  const styles = useStyles();
  const partnerFirst = partnerName.split(' ')[0] ?? partnerName;
  const { mine, partner } = agreement;

  if (!mine && !partner) {
    return (
      <EmptyState title="No working agreement was written">
        Neither of you filled in the working agreement while the pair was open.
      </EmptyState>
    );
  }

  if (mine && partner) {
    const textDifferences = agreement.mismatches.filter((f) => f !== 'meetingFrequency' && f !== 'communicationChannel');
    return (
      <>
        {agreement.agreed ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>You’re agreed</MessageBarTitle>
              <span className={styles.detail}>
                You’ll meet {cadenceLabel[mine.meetingFrequency].toLowerCase()} and keep in touch by{' '}
                {channelLabel[mine.communicationChannel].toLowerCase()}
                {agreement.agreedAt ? ` — settled on ${formatInstantDate(agreement.agreedAt)}` : ''}.
                {readOnly ? '' : ' A good start: come back to these answers whenever things change.'}
                {!readOnly &&
                  textDifferences.length > 0 &&
                  ` Your answers still differ on ${textDifferences.map((f) => fieldText[f].short).join(', ')}; worth comparing at your next check-in.`}
              </span>
            </MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{differenceSummary(agreement.mismatches)}</MessageBarTitle>
              <span className={styles.detail}>
                {readOnly
                  ? 'You never settled on the same meeting frequency and channel.'
                  : `To be agreed you need the same meeting frequency and channel. Talk it through with ${partnerFirst}, or use their answer wherever it works for you.`}
              </span>
            </MessageBarBody>
          </MessageBar>
        )}
        {adoptError && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Couldn’t use their answer</MessageBarTitle>
              <span className={styles.detail}>{adoptError.message}</span>
            </MessageBarBody>
          </MessageBar>
        )}
        <AgreementComparison
          agreement={{ ...agreement, mine, partner }}
          partnerName={partnerName}
          readOnly={readOnly}
          adopting={adopting}
          onAdopt={onAdopt}
        />
      </>
    );
  }

  if (mine) {
    return (
      <>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{readOnly ? `${partnerFirst} didn’t answer` : `Waiting for ${partnerFirst}`}</MessageBarTitle>
            <span className={styles.detail}>
              {readOnly
                ? 'Only your answers were recorded.'
                : `You’ve answered. Once ${partnerFirst} has too, you’ll see both answers side by side here, with any differences marked.`}
            </span>
          </MessageBarBody>
        </MessageBar>
        <Text size={200} className={styles.meta}>
          Your answers, saved {formatInstantDate(mine.submittedAt)}
        </Text>
        <AnswerList answers={mine} who="Your answers" />
      </>
    );
  }

  // Only the partner answered, and the pair is closed (an open pair shows the form instead).
  return (
    <EmptyState title="Only one of you answered">
      {partnerFirst} filled in the working agreement; you didn’t before the pair closed.
    </EmptyState>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { Field, Radio, RadioGroup, SearchBox, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { FormDialog } from '../app/FormDialog';
import { ActionError, errorProps } from '../app/forms';
import { ErrorState } from '../app/states';
import { plural } from '../app/format';
import type { QueryState } from '../api/useApiQuery';
import { roleLine } from './labels';
import type { MatchPerson, ProgramMember } from './match-runs.api';

const MAX_SHOWN = 60;

const useStyles = makeStyles({
  list: {
    maxHeight: 'min(320px, 40vh)',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
    display: 'flex',
    flexDirection: 'column',
    flexWrap: 'nowrap',
  },
  optionText: { display: 'flex', flexDirection: 'column' },
  muted: { color: tokens.colorNeutralForeground3 },
  search: { width: '100%', maxWidth: 'none' },
  intro: { color: tokens.colorNeutralForeground2 },
});

export interface MentorChoice {
  person: MatchPerson;
  /** Proposals in this run that already use this mentor. */
  inRun: number;
  /** Places not taken by open pairs (before this run's proposals); null when not known. */
  freePlaces: number | null;
}

interface Props {
  open: boolean;
  mentee: MatchPerson;
  /** The mentor proposed now, if any. */
  current: MatchPerson | null;
  /** Every mentor to offer (the program's mentors and the run's). */
  mentors: MentorChoice[];
  /** The program's mentor list loading (or failing) in the background. */
  members: Pick<QueryState<ProgramMember[]>, 'loading' | 'error' | 'reload'>;
  busy: boolean;
  error: Error | null;
  onAssign: (mentor: MatchPerson) => void;
  onClose: () => void;
}

/**
 * Swap: choose another mentor for one mentee from a searchable list of the program's mentors.
 * The API checks the choice against every exclusion and free place; its refusal shows here.
 */
export function MentorPickerDialog({ open, mentee, current, mentors, members, busy, error, onAssign, onClose }: Props) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string>('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (open) {
      setQuery('');
      setChosen('');
      setMissing(false);
    }
  }, [open]);

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    const all = mentors.filter((m) => m.person.id !== mentee.id);
    const hits = q
      ? all.filter((m) => [m.person.displayName, m.person.department ?? '', m.person.jobTitle ?? ''].some((t) => t.toLocaleLowerCase().includes(q)))
      : all;
    return { hits: hits.slice(0, MAX_SHOWN), total: hits.length };
  }, [mentors, mentee.id, query]);

  const submit = () => {
    const mentor = mentors.find((m) => m.person.id === chosen)?.person;
    if (!mentor) {
      setMissing(true);
      return;
    }
    onAssign(mentor);
  };

  return (
    <FormDialog
      open={open}
      title={current ? `Swap ${mentee.displayName}’s mentor` : `Choose a mentor for ${mentee.displayName}`}
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Pair with this mentor"
      submittingLabel="Checking…"
      submitting={busy}
      lockWhileSubmitting="cancel"
      width={680}
    >
      <Text className={styles.intro}>
        {current ? (
          <>
            Proposed now: <strong>{current.displayName}</strong>.{' '}
          </>
        ) : null}
        Your choice is checked against reporting lines, earlier pairs, never-match rules, this run’s limits and free places,
        then kept locked so a re-run leaves it alone.
      </Text>
      <SearchBox
        className={styles.search}
        aria-label="Search mentors by name, department or job title"
        placeholder="Search mentors by name, department or job title"
        value={query}
        onChange={(_, d) => setQuery(d.value)}
      />
      {members.loading && <Spinner size="tiny" labelPosition="after" label="Loading every mentor in the program…" />}
      {members.error && <ErrorState error={members.error} what="the program’s mentors (showing the ones in this run)" onRetry={members.reload} />}
      {shown.total === 0 ? (
        <Text className={styles.muted}>No mentor matches “{query}”. Try part of a name or a department.</Text>
      ) : (
        <Field
          label={`Mentors (${shown.total > MAX_SHOWN ? `first ${MAX_SHOWN} of ${shown.total}; search to narrow` : plural(shown.total, 'match', 'matches')})`}
          {...errorProps(missing && !chosen ? 'Choose a mentor from the list.' : undefined)}
        >
          <RadioGroup
            className={styles.list}
            value={chosen}
            onChange={(_, d) => {
              setChosen(d.value);
              setMissing(false);
            }}
          >
            {shown.hits.map((m) => {
              const line = roleLine(m.person);
              const isCurrent = current?.id === m.person.id;
              const left = m.freePlaces === null ? null : m.freePlaces - m.inRun;
              const places = left === null ? '' : left > 0 ? `${plural(left, 'free place')} left` : 'no free place left';
              const notes = [line, isCurrent ? 'proposed now' : m.inRun > 0 ? `in ${plural(m.inRun, 'proposal')} of this run` : '', places]
                .filter(Boolean)
                .join(' · ');
              return (
                <Radio
                  key={m.person.id}
                  value={m.person.id}
                  label={
                    <span className={styles.optionText}>
                      <span>{m.person.displayName}</span>
                      {notes && (
                        <Text size={200} className={styles.muted}>
                          {notes}
                        </Text>
                      )}
                    </span>
                  }
                />
              );
            })}
          </RadioGroup>
        </Field>
      )}
      <ActionError error={error} what="pair them" />
    </FormDialog>
  );
}

import { makeStyles, tokens } from '@fluentui/react-components';
import type { Program } from './programs.api';
import { EmptyState } from '../app/states';
import { ProgramCard } from './ProgramCard';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 300px), 1fr))',
    gap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
});

interface Props {
  programs: Program[];
  labelledBy: string;
  /** Programs where I already have a mentor (no "Find a mentor" there). */
  pairedAsMentee?: Set<string>;
}

export function ProgramList({ programs, labelledBy, pairedAsMentee }: Props) {
  const styles = useStyles();
  if (programs.length === 0) {
    return (
      <EmptyState title="No programs yet">
        Your L&amp;D team hasn’t published a mentoring program. When they do, it appears here with its enrolment dates.
      </EmptyState>
    );
  }
  return (
    <ul className={styles.list} aria-labelledby={labelledBy} role="list">
      {programs.map((program) => (
        <li key={program.id}>
          <ProgramCard program={program} hasMentor={pairedAsMentee?.has(program.id) ?? false} />
        </li>
      ))}
    </ul>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { Section } from '../app/Section';
import { CardSkeletons, ErrorState } from '../app/states';
import { useTaxonomy } from '../profile/taxonomy.api';
import type { Taxonomy, Term } from './admin.api';
import { TermList } from './TermList';

const useStyles = makeStyles({
  lead: { color: tokens.colorNeutralForeground2, maxWidth: '72ch' },
  lists: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 300px), 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
});

/** The skills and values people pick from: add terms and fix their spelling. */
export function TaxonomySection() {
  const styles = useStyles();
  const query = useTaxonomy();
  // A local copy, so adds and renames show at once without refetching the lists.
  const [taxonomy, setTaxonomy] = useState<Taxonomy>();
  useEffect(() => {
    if (query.data) setTaxonomy(query.data);
  }, [query.data]);

  const update = useCallback(
    (key: keyof Taxonomy) => (change: (terms: Term[]) => Term[]) =>
      setTaxonomy((t) => (t ? { ...t, [key]: change(t[key]) } : t)),
    [],
  );

  const loading = !taxonomy && !query.error;
  return (
    <Section title="Skills and values" busy={loading}>
      {() => (
        <>
          <Text className={styles.lead}>
            These are the suggestions people choose from when they describe what they offer, what they want to
            learn and what matters to them. Anything someone types that isn’t here yet is added automatically, so the
            lists grow with your organisation. Renaming a term fixes its spelling everywhere: every profile that uses
            it shows the new name.
          </Text>
          {loading && <CardSkeletons count={1} label="Loading skills and values" />}
          {query.error && !taxonomy && <ErrorState error={query.error} what="skills and values" onRetry={query.reload} />}
          {taxonomy && (
            <div className={styles.lists}>
              <TermList kind="skill" title="Skills" terms={taxonomy.skills} onChange={update('skills')} />
              <TermList kind="value" title="Values" terms={taxonomy.values} onChange={update('values')} />
            </div>
          )}
        </>
      )}
    </Section>
  );
}

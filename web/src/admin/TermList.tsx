import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { isApiError } from '../api/client';
import { useAnnounce } from '../app/LiveRegion';
import { plural } from '../app/format';
import { onFirstUse } from '../app/onFirstUse';
import { surface } from '../app/surface';
import { errorDetail } from '../app/states';
import { errorProps, fieldErrors, useAction } from '../app/forms';
import { createTerm, renameTerm, type Term, type TermKind } from './admin.api';

const LABEL_MAX = 80;

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
    ...surface(),
  },
  head: { display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  title: { ...typographyStyles.subtitle2, margin: 0, color: tokens.colorNeutralForeground1 },
  count: { color: tokens.colorNeutralForeground3 },
  addForm: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  addField: { flex: '1 1 180px', minWidth: 0 },
  // Lines the button up with the input under the field's label.
  addButton: { minWidth: 'auto', marginTop: `calc(${typographyStyles.body1.lineHeight} + ${tokens.spacingVerticalSNudge})` },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    maxHeight: '20rem',
    overflowY: 'auto',
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    minHeight: '40px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  fresh: { backgroundColor: tokens.colorBrandBackground2 },
  label: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  renameForm: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, width: '100%', padding: `${tokens.spacingVerticalXS} 0` },
  renameField: { flex: '1 1 160px', minWidth: 0 },
  renameActions: { display: 'flex', gap: tokens.spacingHorizontalXS, marginTop: `calc(${typographyStyles.caption1.lineHeight} + ${tokens.spacingVerticalSNudge})` },
  empty: { color: tokens.colorNeutralForeground3, padding: `${tokens.spacingVerticalS} 0` },
});

const collator = onFirstUse(() => new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }));
const sorted = (terms: Term[]) => [...terms].sort((a, b) => collator().compare(a.label, b.label));
const clean = (label: string) => label.trim().replace(/\s+/g, ' ');

/** The server's message for a refused label: a 409's plain-language detail, or the field's 400 message. */
function labelError(error: Error | null): string | undefined {
  if (!error) return undefined;
  if (isApiError(error, 409)) return errorDetail(error);
  return fieldErrors(error).label ?? errorDetail(error);
}

function checkLabel(label: string): string | undefined {
  if (!label) return 'Type a name first.';
  if (label.length > LABEL_MAX) return `Keep it to ${LABEL_MAX} characters or fewer.`;
  return undefined;
}

interface Editing {
  termId: string;
  value: string;
  /** A check that failed before sending. */
  problem?: string | undefined;
  /** The server refused the last attempt (its reason is in the rename action's error). */
  failed?: boolean;
}

interface Renamed {
  termId: string;
  from: string;
  to: string;
}

interface Props {
  kind: TermKind;
  /** "Skills" / "Values". */
  title: string;
  terms: Term[];
  onChange: (update: (terms: Term[]) => Term[]) => void;
}

/** One list of the taxonomy: add a term, rename one in place (with Undo), filter a long list. */
export function TermList({ kind, title, terms, onChange }: Props) {
  const styles = useStyles();
  const headingId = useId();
  const announce = useAnnounce();
  const noun = kind === 'skill' ? 'skill' : 'value';

  const add = useAction();
  const [newLabel, setNewLabel] = useState('');
  const [addProblem, setAddProblem] = useState<string>();
  const addInput = useRef<HTMLInputElement>(null);

  const [filter, setFilter] = useState('');
  const [freshId, setFreshId] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const rename = useAction();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [renamed, setRenamed] = useState<Renamed | null>(null);
  const [focusRename, setFocusRename] = useState<string | null>(null);

  const visible = useMemo(() => {
    const needle = clean(filter).toLowerCase();
    return needle ? terms.filter((t) => t.label.toLowerCase().includes(needle)) : terms;
  }, [terms, filter]);

  // Scroll a just-added term into view (the list scrolls on its own when long).
  useEffect(() => {
    if (freshId) listRef.current?.querySelector(`[data-term="${freshId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [freshId]);

  // Give focus back to a row's Rename button when its editor closes.
  useEffect(() => {
    if (!focusRename) return;
    listRef.current?.querySelector<HTMLElement>(`[data-rename="${focusRename}"]`)?.focus();
    setFocusRename(null);
  }, [focusRename]);

  const submitAdd = async (event: FormEvent) => {
    event.preventDefault();
    const label = clean(newLabel);
    const problem = checkLabel(label);
    setAddProblem(problem);
    if (problem) {
      addInput.current?.focus();
      return;
    }
    const term = await add.run((api) => createTerm(api, kind, label));
    if (!term) {
      addInput.current?.focus();
      return;
    }
    onChange((list) => sorted([...list, term]));
    setNewLabel('');
    setFilter('');
    setFreshId(term.id);
    setRenamed(null);
    announce(`Added the ${noun} “${term.label}”. People can now pick it on their profile.`);
    addInput.current?.focus();
  };

  const startRename = (term: Term) => {
    rename.reset();
    setRenamed(null);
    setEditing({ termId: term.id, value: term.label });
  };

  const cancelRename = () => {
    if (editing) setFocusRename(editing.termId);
    setEditing(null);
  };

  /** Renames at once on screen, then asks the server; a refusal puts the editor back with the reason. */
  const applyRename = async (termId: string, from: string, to: string, { undoing = false } = {}) => {
    onChange((list) => sorted(list.map((t) => (t.id === termId ? { ...t, label: to } : t))));
    const saved = await rename.run((api) => renameTerm(api, termId, to));
    if (!saved) return false;
    onChange((list) => sorted(list.map((t) => (t.id === termId ? saved : t))));
    if (undoing) {
      setRenamed(null);
      announce(`Undone: the ${noun} is called “${saved.label}” again.`);
    } else {
      setRenamed({ termId, from, to: saved.label });
      announce(`Renamed “${from}” to “${saved.label}”. Every profile that uses it shows the new name.`);
    }
    return true;
  };

  const submitRename = async (event: FormEvent, term: Term) => {
    event.preventDefault();
    if (!editing) return;
    const label = clean(editing.value);
    const problem = checkLabel(label);
    if (problem) {
      setEditing({ ...editing, problem });
      return;
    }
    if (label === term.label) {
      cancelRename();
      return;
    }
    const from = term.label;
    setEditing(null);
    setFocusRename(term.id);
    const ok = await applyRename(term.id, from, label);
    if (!ok) {
      onChange((list) => sorted(list.map((t) => (t.id === term.id ? { ...t, label: from } : t))));
      setEditing({ termId: term.id, value: label, failed: true });
    }
  };

  const undo = async () => {
    if (!renamed) return;
    const { termId, from, to } = renamed;
    setRenamed(null);
    setFocusRename(termId);
    const ok = await applyRename(termId, to, from, { undoing: true });
    if (!ok) {
      onChange((list) => sorted(list.map((t) => (t.id === termId ? { ...t, label: to } : t))));
      announce(`Couldn’t undo the rename.`);
    }
  };

  // A refused rename shows the server's reason in the editor, and says it.
  const editProblem = editing?.problem ?? (editing?.failed ? labelError(rename.error) : undefined);
  useEffect(() => {
    if (editing?.failed && editProblem) announce(`Couldn’t rename: ${editProblem}`);
  }, [editing?.failed, editProblem]);

  const addMessage = addProblem ?? labelError(add.error);

  return (
    <section aria-labelledby={headingId} className={styles.panel}>
      <div className={styles.head}>
        <h3 id={headingId} className={styles.title}>
          {title}
        </h3>
        <Text size={200} className={styles.count}>
          {plural(terms.length, noun)}
        </Text>
      </div>

      <form className={styles.addForm} onSubmit={(e) => void submitAdd(e)} noValidate>
        <Field label={`Add a ${noun}`} className={styles.addField} {...errorProps(addMessage)}>
          <Input
            ref={addInput}
            value={newLabel}
            maxLength={LABEL_MAX + 20}
            onChange={(_, d) => {
              setNewLabel(d.value);
              setAddProblem(undefined);
              if (add.error) add.reset();
            }}
          />
        </Field>
        <Button type="submit" className={styles.addButton} disabled={add.busy} aria-label={`Add ${noun}`}>
          {add.busy ? 'Adding…' : 'Add'}
        </Button>
      </form>

      {renamed && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            Renamed “{renamed.from}” to “{renamed.to}”. Every profile that uses it shows the new name.
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void undo()} aria-label={`Undo renaming “${renamed.from}”`}>
              Undo
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {terms.length > 8 && (
        <Field label={`Find a ${noun}`}>
          <Input type="search" value={filter} onChange={(_, d) => setFilter(d.value)} />
        </Field>
      )}

      {terms.length === 0 ? (
        <Text className={styles.empty}>No {noun}s yet. Add the first one above, or let people’s profiles fill the list.</Text>
      ) : visible.length === 0 ? (
        <Text className={styles.empty} role="status">
          No {noun}s match “{clean(filter)}”.
        </Text>
      ) : (
        <ul className={styles.list} ref={listRef} aria-labelledby={headingId}>
          {visible.map((term) =>
            editing?.termId === term.id ? (
              <li key={term.id} className={styles.item} data-term={term.id}>
                <form className={styles.renameForm} onSubmit={(e) => void submitRename(e, term)} noValidate>
                  <Field label={`Rename “${term.label}”`} size="small" className={styles.renameField} {...errorProps(editProblem)}>
                    <Input
                      size="small"
                      autoFocus
                      value={editing.value}
                      maxLength={LABEL_MAX + 20}
                      onChange={(_, d) => setEditing({ termId: term.id, value: d.value })}
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') {
                          e.preventDefault();
                          cancelRename();
                        }
                      }}
                    />
                  </Field>
                  <div className={styles.renameActions}>
                    <Button size="small" type="submit" appearance="primary">
                      Save
                    </Button>
                    <Button size="small" onClick={cancelRename}>
                      Cancel
                    </Button>
                  </div>
                </form>
              </li>
            ) : (
              <li key={term.id} className={mergeClasses(styles.item, term.id === freshId && styles.fresh)} data-term={term.id}>
                <Text className={styles.label}>{term.label}</Text>
                {term.id === freshId && (
                  <Badge appearance="tint" color="brand" shape="rounded" size="small">
                    Added
                  </Badge>
                )}
                <Button
                  size="small"
                  appearance="subtle"
                  data-rename={term.id}
                  aria-label={`Rename ${term.label}`}
                  onClick={() => startRename(term)}
                >
                  Rename
                </Button>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}

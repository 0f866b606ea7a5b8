import type { ReactNode } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Skeleton,
  SkeletonItem,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ApiError } from '../api/client';
import { surface } from './surface';

const useStyles = makeStyles({
  center: { display: 'flex', justifyContent: 'center', paddingTop: '20vh' },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground2,
  },
  emptyTitle: { color: tokens.colorNeutralForeground1 },
  skeletonCard: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    ...surface(),
  },
  skeletonRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  grow: { flexGrow: 1, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  errorDetail: { display: 'block', whiteSpace: 'normal', marginBottom: tokens.spacingVerticalXXS },
  fieldErrors: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

export function errorTitle(error: Error): string {
  return error instanceof ApiError ? error.title : 'Something went wrong';
}

export function errorDetail(error: Error): string | undefined {
  return error instanceof ApiError ? error.detail : error.message;
}

/** A failed section: the problem's title and detail, and a Retry button. */
export function ErrorState({ error, what, onRetry }: { error: Error; what: string; onRetry: () => void }) {
  const styles = useStyles();
  const detail = errorDetail(error);
  const fieldErrors = error instanceof ApiError ? error.errors : [];
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          Couldn’t load {what} — {errorTitle(error)}
        </MessageBarTitle>
        {detail && <span className={styles.errorDetail}>{detail}</span>}
        {fieldErrors.length > 0 && (
          <ul className={styles.fieldErrors}>
            {fieldErrors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                {e.field}: {e.message}
              </li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" size="small" onClick={onRetry}>
          Retry
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** A problem's detail as its own line under a MessageBarTitle. */
export function ProblemDetail({ error }: { error: Error }) {
  const styles = useStyles();
  const detail = errorDetail(error);
  return detail ? <span className={styles.errorDetail}>{detail}</span> : null;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.empty}>
      <Text weight="semibold" size={400} className={styles.emptyTitle}>
        {title}
      </Text>
      {children && <Text>{children}</Text>}
    </div>
  );
}

/** Placeholder cards shown while a list loads (the surrounding section carries aria-busy). */
export function CardSkeletons({ count = 2, label }: { count?: number; label: string }) {
  const styles = useStyles();
  return (
    <Skeleton aria-label={label}>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className={styles.skeletonCard} style={{ marginBottom: tokens.spacingVerticalM }}>
          <div className={styles.skeletonRow}>
            <SkeletonItem shape="circle" size={40} />
            <div className={styles.grow}>
              <SkeletonItem size={16} style={{ width: '55%' }} />
              <SkeletonItem size={12} style={{ width: '35%' }} />
            </div>
          </div>
          <SkeletonItem size={12} />
          <SkeletonItem size={12} style={{ width: '70%' }} />
        </div>
      ))}
    </Skeleton>
  );
}

/** Whole-page spinner while Tandem finds its host and auth mode. */
export function StartingUp() {
  const styles = useStyles();
  return (
    <div className={styles.center} aria-busy="true">
      <Spinner label="Starting Tandem…" labelPosition="below" />
    </div>
  );
}

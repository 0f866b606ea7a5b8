import type { BadgeProps } from '@fluentui/react-components';
import type { DirectorySyncMode, DirectorySyncPhase, ImportRowStatus } from './directory.api';

export const modeLabel: Record<DirectorySyncMode, { label: string; explanation: string }> = {
  off: {
    label: 'Off',
    explanation: 'Tandem doesn’t read Microsoft Entra ID. People’s details come from their sign-in and from CSV imports.',
  },
  enrolled: {
    label: 'People who use Tandem',
    explanation:
      'Everyone who has signed in to Tandem or is enrolled in a program, and everyone in their manager chains, is kept in step with Microsoft Entra ID.',
  },
  tenant: {
    label: 'Whole tenant',
    explanation: 'Every user of your Microsoft Entra tenant is kept in step, so matching pools and participation count against headcount.',
  },
};

export const phaseLabel: Record<DirectorySyncPhase, string> = {
  idle: 'Idle',
  full: 'Syncing… (reading the whole directory)',
  delta: 'Syncing… (reading changes since the last sync)',
};

/** Why sync can't run while it is off, and what to do instead. */
export const syncOffExplanation =
  'Directory sync is off — set DIRECTORY_SYNC to “enrolled” or “tenant” in Tandem’s server settings (it needs Microsoft Entra sign-in and ENTRA_CLIENT_SECRET), or use the CSV import below.';

export interface SyncProblem {
  /** What went wrong, in plain words. */
  summary: string;
  /** What the admin can do about it. */
  action: string;
}

const CONSENT: SyncProblem = {
  summary: 'Tandem isn’t allowed to read your directory.',
  action:
    'An administrator must grant the Microsoft Graph permission User.Read.All (admin consent) to the Tandem app in Microsoft Entra ID (App registrations → Tandem → API permissions → Grant admin consent). The next sync then picks it up.',
};

/**
 * The sync records a short code, sometimes followed by Microsoft's own words; this says what it
 * means and what to do. Unknown errors keep their raw text for the admin's IT team.
 */
export function explainSyncError(error: string): SyncProblem {
  const text = error.toLowerCase();
  if (/consent|authorization_requestdenied|insufficient privileges|\b403\b/.test(text)) return CONSENT;
  if (/invalid_client|unauthorized_client|client secret|credential|aadsts7000215/.test(text)) {
    return {
      summary: 'Microsoft Entra ID refused Tandem’s app credentials.',
      action: 'Check ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET in Tandem’s server settings: the secret may have expired. Then select “Sync now”.',
    };
  }
  if (/throttl|too many|\b429\b|\b503\b|retry-after|busy/.test(text)) {
    return {
      summary: 'Microsoft Graph asked Tandem to slow down before the sync finished.',
      action: 'Nothing to do: the next sync carries on from where this one stopped.',
    };
  }
  if (/unreachable|timed? ?out|could not be reached|econn|enotfound|network|\b5\d\d\b/.test(text)) {
    return {
      summary: 'Tandem couldn’t reach Microsoft Graph.',
      action: 'The next sync tries again and carries on from where this one stopped. If it keeps failing, check the server’s outbound network access to graph.microsoft.com.',
    };
  }
  return {
    summary: 'The last sync failed.',
    action: 'The next sync tries again. If this keeps happening, pass the details below to your IT team.',
  };
}

export const importStatusBadge: Record<ImportRowStatus, { label: string; color: BadgeProps['color'] }> = {
  new: { label: 'New', color: 'brand' },
  update: { label: 'Update', color: 'informative' },
  unchanged: { label: 'Unchanged', color: 'subtle' },
  error: { label: 'Error', color: 'danger' },
};

/** The columns of the import file, as the explanation and the template list them. */
export const importColumns: { name: string; required: boolean; meaning: string }[] = [
  { name: 'email', required: true, meaning: 'Work email address; how Tandem recognises the person. Once per file.' },
  { name: 'displayName', required: true, meaning: 'Name as colleagues know it, up to 200 characters.' },
  { name: 'department', required: false, meaning: 'Used for department breakdowns and the “same department” matching rule.' },
  { name: 'jobTitle', required: false, meaning: 'Shown with the person’s name.' },
  {
    name: 'managerEmail',
    required: false,
    meaning: 'Email of their manager: someone in this file or already in Tandem, never the person themselves.',
  },
  { name: 'timezone', required: false, meaning: 'IANA time zone such as Europe/London or America/New_York, or empty.' },
];

export const templateCsv = [
  'email,displayName,department,jobTitle,managerEmail,timezone',
  'dana.whitfield@contoso.example,Dana Whitfield,Finance,Head of Finance,,Europe/London',
  'ravi.menon@contoso.example,Ravi Menon,Finance,Financial Analyst,dana.whitfield@contoso.example,Europe/London',
].join('\r\n') + '\r\n';

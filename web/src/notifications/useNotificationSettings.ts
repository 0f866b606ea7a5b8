import { useCallback, useRef, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { useEditableQuery, type EditableQueryState } from '../pairs/useEditableQuery';
import {
  getNotificationSettings,
  saveNotificationSettings,
  type NotificationGroupSetting,
  type NotificationSettings,
} from './notifications.api';

export interface NotificationSettingsController {
  settings: EditableQueryState<NotificationSettings>;
  /** the last failed save (its switch was put back) */
  saveError: Error | null;
  /** flips a switch at once; resolves true when the server kept it */
  toggle: (group: NotificationGroupSetting, enabled: boolean) => Promise<boolean>;
}

const withGroup = (settings: NotificationSettings | undefined, group: string, enabled: boolean): NotificationSettings | undefined =>
  settings && { ...settings, groups: settings.groups.map((g) => (g.group === group ? { ...g, enabled } : g)) };

/** My notification settings: each switch saves on its own, optimistically. */
export function useNotificationSettings(): NotificationSettingsController {
  const api = useApi();
  const settings = useEditableQuery('notification-settings', (client, signal) => getNotificationSettings(client, signal));
  const { setData } = settings;
  const [saveError, setSaveError] = useState<Error | null>(null);
  // Quick on-off-on clicks: only the answer to the latest click on a switch is applied.
  const latest = useRef(new Map<string, number>());

  const toggle = useCallback(
    async (group: NotificationGroupSetting, enabled: boolean) => {
      const ticket = (latest.current.get(group.group) ?? 0) + 1;
      latest.current.set(group.group, ticket);
      setSaveError(null);
      setData((current) => withGroup(current, group.group, enabled) as NotificationSettings);
      try {
        const saved = await saveNotificationSettings(api, { [group.group]: enabled });
        if (latest.current.get(group.group) === ticket) setData(saved);
        return true;
      } catch (error) {
        if (latest.current.get(group.group) === ticket) {
          setData((current) => withGroup(current, group.group, !enabled) as NotificationSettings);
          setSaveError(error instanceof Error ? error : new Error(String(error)));
        }
        return false;
      }
    },
    [api, setData],
  );

  return { settings, saveError, toggle };
}

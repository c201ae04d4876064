// What each tray menu entry does: the engine service's own operation (as the CLI runs it), then a
// notification with the outcome. One entry per MenuAction type, so a new type fails to compile here.
import { app, dialog, shell } from 'electron';
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RolekeeperService } from '../core/service/rolekeeper-service';
import type { ClipboardClearer } from '../core/tray/ipc-handlers';
import type { TraySettings } from '../core/tray/tray-settings';
import { refreshAllPlan, type MenuAction, type TraySnapshot } from '../core/tray/tray-model';
import { plural, type Translate } from '../../shared/i18n';
import { errorText, RolekeeperError } from '../core/service/service-errors';
import type { EventChannels } from '../../shared/ipc-contract';
import type { Notifications } from './notifications';
import type { StartSignIn } from './sign-in';

export interface MenuActionDeps {
  service: RolekeeperService;
  settings: TraySettings;
  clipboard: ClipboardClearer;
  notifications: Notifications;
  t: Translate;
  openPopover(focus: EventChannels['popover:focus']): void;
  startSignIn: StartSignIn;
  checkForUpdates(): void;
  quit(): void;
  /** The engine's snapshot as the tray sees it (for Refresh all's plan). */
  snapshot(): TraySnapshot;
}

type ActionOf<T extends MenuAction['type']> = Extract<MenuAction, { type: T }>;
type MenuActionTable = { [T in MenuAction['type']]: (action: ActionOf<T>) => Promise<void> };


function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createMenuActions(deps: MenuActionDeps): (action: MenuAction) => Promise<void> {
  const { service, notifications, t } = deps;
  const inform = notifications.inform.bind(notifications);

  const table: MenuActionTable = {
    'open-popover': async ({ view, profile, section }) => deps.openPopover({ view, ...(profile !== undefined ? { profile } : {}), ...(section ? { section } : {}) }),
    quit: async () => deps.quit(),
    'check-updates': async () => deps.checkForUpdates(),
    refresh: async ({ profile }) => {
      const shownBefore = notifications.engineNoticesFor(profile);
      try {
        await service.refreshNow(profile);
      } catch (error) {
        if (error instanceof RolekeeperError && error.kind === 'mfa-required') return deps.openPopover({ view: 'profiles', profile });
        // A kept profile's failure may already have been announced by the engine: say it once.
        if (notifications.engineNoticesFor(profile) === shownBefore) inform(t('notify.failedTitle', { profile }), messageOf(error), profile);
      }
    },
    'refresh-all': async () => {
      const plan = refreshAllPlan(deps.snapshot(), { now: Date.now(), expiringWithinMs: service.expiringWithinMs() });
      if (plan.ask) {
        const answer = await dialog.showMessageBox({
          type: 'question',
          title: t('appName'),
          message: t('menu.refreshAllAskTitle', { profiles: plan.profiles.length }),
          detail: t('menu.refreshAllAskBody', { calls: plan.calls }),
          buttons: [t('menu.refreshAll'), t('ui.cancel')],
          defaultId: 1,
          cancelId: 1,
        });
        if (answer.response !== 0) return;
      }
      const results = await service.refreshAll(plan.profiles);
      const failed = results.filter((result) => !result.ok);
      if (failed.length > 0) inform(t('ui.refreshedAll', { ok: results.length - failed.length, total: results.length }), failed.map((f) => `${f.profile}: ${f.message ?? f.kind}`).join('\n'));
    },
    'clear-cache': async ({ profile }) => {
      const { removed } = await service.clearCache(profile);
      inform(t('appName'), plural(t, 'ui.cleared', removed.length));
    },
    'copy-export': async ({ profile, shell: shellKind, form }) => {
      try {
        const seconds = deps.settings.get().clipboardClearSeconds;
        await deps.clipboard.copy(await service.exportText(profile, shellKind, form), seconds);
        inform(t('appName'), seconds > 0 ? t('ui.copied', { shell: shellKind, profile, seconds }) : t('ui.copiedNoClear', { shell: shellKind, profile }));
      } catch (error) {
        inform(t('appName'), t('ui.failed', { message: messageOf(error) }), profile);
      }
    },
    verify: async ({ profile }) => {
      try {
        const identity = await service.verify(profile);
        inform(profile, t('ui.verified', { profile, arn: identity.arn, account: identity.account }), profile);
      } catch (error) {
        inform(profile, t('ui.failed', { message: messageOf(error) }), profile);
      }
    },
    console: async ({ profile }) => {
      try {
        const { opened } = await service.openConsole(profile);
        if (!opened) inform(profile, t('ui.consoleNoBrowser'), profile);
      } catch (error) {
        // Worded in the user's language; the sign-in URL is never part of an error.
        inform(profile, t('ui.failed', { message: errorText(error, t) }), profile);
      }
    },
    'open-config': async () => openConfigFile(service.profiles().paths.configFile, t),
    'sso-login': async ({ target, label, profile }) => deps.startSignIn(target, label, profile),
  };

  return async (action) => {
    try {
      await (table[action.type] as (action: MenuAction) => Promise<void>)(action);
    } catch (error) {
      inform(t('appName'), t('ui.failed', { message: messageOf(error) }));
    }
  };
}

/**
 * Opens ~/.aws/config; when there is none, says so and creates an empty one only if asked.
 * Throws when the OS cannot open it (the menu and the popover each report that their way).
 */
export async function openConfigFile(file: string, t: Translate): Promise<void> {
  if (!existsSync(file)) {
    const answer = await dialog.showMessageBox({
      type: 'question',
      title: t('appName'),
      message: t('config.missingTitle'),
      detail: t('config.missingBody', { file }),
      buttons: [t('config.create'), t('ui.cancel')],
      defaultId: 0,
      cancelId: 1,
    });
    if (answer.response !== 0) return;
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, '', { flag: 'wx', mode: 0o600 });
  }
  const problem = await shell.openPath(file);
  if (problem) throw new Error(`Could not open ${file}: ${problem}`);
}

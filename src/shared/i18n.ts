// English and German text for the tray, notifications and popover, chosen from a locale tag.
// Placeholders are `{name}`; every language has every key (the type makes sure).
import type { EngineNotification } from './engine-events';

const en = {
  appName: 'Rolekeeper',
  'status.valid': 'fresh',
  'status.expiring': 'expiring',
  'status.expired': 'expired',
  'status.unknown': 'not fetched',
  'status.error': 'failing',
  'status.needsMfa': 'needs MFA code',
  'status.refreshing': 'refreshing…',
  'remaining.expired': 'expired',
  'remaining.none': 'no expiry',
  'remaining.underMinute': '< 1 min',
  'remaining.minutes': '{minutes} min',
  'remaining.hours': '{hours}h {minutes}m',
  'tray.fresh': 'Rolekeeper: all credentials fresh',
  'tray.expiring': 'Rolekeeper: {count} expiring soon ({first})',
  'tray.failing': 'Rolekeeper: {count} expired or failing ({first})',
  'tray.needsYou': 'Rolekeeper: needs you: {first}',
  'tray.empty': 'Rolekeeper: no AWS profiles found',
  'menu.open': 'Open Rolekeeper',
  'menu.profiles': 'Profiles',
  'menu.refresh': 'Refresh',
  'menu.refreshAll': 'Refresh all',
  'menu.clearCache': 'Clear cached credentials',
  'menu.clearAllCache': 'Clear all cached credentials',
  'menu.copyEndpoint': 'Copy export for {shell} (endpoint)',
  'menu.copyKeys': 'Copy export for {shell} (keys)',
  'menu.verify': 'Verify (who am I?)',
  'menu.enterMfa': 'Enter MFA code…',
  'menu.doctor': 'Doctor…',
  'menu.settings': 'Settings…',
  'menu.openConfig': 'Open AWS config file',
  'menu.quit': 'Quit Rolekeeper',
  'menu.more': '{count} more in the popover…',
  'notify.expiringTitle': '{profile} expires in {minutes} min',
  'notify.expiringBody': 'Refresh it from the Rolekeeper tray menu, or run: rolekeeper refresh {profile}',
  'notify.expiredTitle': '{profile} has expired',
  'notify.expiredBody': 'AWS commands with this profile now fail. Refresh it from the Rolekeeper tray menu, or run: rolekeeper refresh {profile}',
  'notify.failedTitle': 'Refreshing {profile} failed',
  'notify.failedBody': '{message} Open Rolekeeper from the tray for details.',
  'notify.mfaTitle': '{profile} needs an MFA code',
  'notify.mfaBody': 'Open Rolekeeper from the tray and enter the 6-digit code from your authenticator.',
  'notify.clockSkewTitle': 'Clock skew while refreshing {profile}',
  'notify.clockSkewBody': "This computer's clock differs from AWS's time. Set the system clock (turn on automatic time sync), then refresh {profile}.",
  'notify.lastError': 'Last error: {message}',
  'ui.title': 'AWS profiles',
  'ui.tabProfiles': 'Profiles',
  'ui.tabDoctor': 'Doctor',
  'ui.tabSettings': 'Settings',
  'ui.refreshAll': 'Refresh all',
  'ui.clearAll': 'Clear all caches',
  'ui.filter': 'Filter profiles',
  'ui.noMatch': 'No profile matches "{filter}".',
  'ui.noProfiles': 'No AWS profiles found.',
  'ui.openConfig': 'Open config file',
  'ui.groupAccount': 'Account {account}',
  'ui.groupSource': 'From {source}',
  'ui.groupOther': 'Other profiles',
  'ui.refresh': 'Refresh',
  'ui.copy': 'Copy export',
  'ui.verify': 'Verify',
  'ui.clear': 'Clear cache',
  'ui.shell': 'Shell',
  'ui.form': 'Form',
  'ui.formEndpoint': 'Endpoint (no secret)',
  'ui.formKeys': 'Keys',
  'ui.copyNow': 'Copy',
  'ui.cancel': 'Cancel',
  'ui.mfaLabel': 'MFA code for {profile}',
  'ui.mfaSubmit': 'Submit',
  'ui.keptFresh': 'kept fresh',
  'ui.copied': 'Copied {shell} export of {profile}; the clipboard clears in {seconds} s.',
  'ui.copiedNoClear': 'Copied {shell} export of {profile}.',
  'ui.refreshed': 'Refreshed {profile}.',
  'ui.refreshedAll': 'Refreshed {ok} of {total} profiles.',
  'ui.cleared': 'Removed {count} cache entries.',
  'ui.verified': '{profile} is {arn} (account {account}).',
  'ui.needsMfa': 'Enter the MFA code for {profile}.',
  'ui.failed': 'Failed: {message}',
  'ui.doctorRun': 'Run doctor',
  'ui.doctorNone': 'No problems found.',
  'ui.doctorFix': 'Fix',
  'ui.settingsRefreshLead': 'Refresh kept-fresh profiles when this many minutes remain',
  'ui.settingsNotifyLead': 'Notify this many minutes before expiry',
  'ui.settingsAutoStart': 'Start at login',
  'ui.settingsShell': 'Default shell',
  'ui.settingsClipboard': 'Clear the clipboard after (seconds, 0 = never)',
  'ui.settingsKeptFresh': 'Keep fresh automatically',
  'ui.settingsSave': 'Save settings',
  'ui.settingsSaved': 'Settings saved.',
  'ui.sink.cli-cache': 'AWS CLI cache',
  'ui.sink.managed-keys': 'credentials file keys',
  'ui.sink.process-cache': 'credential_process cache',
  'ui.sink.endpoint': 'local endpoint',
  'start.failedTitle': 'Rolekeeper could not start',
  'start.failedBody': '{message}\n\nFix or remove the file named above, then start Rolekeeper again.',
  'start.settingsResetTitle': 'Rolekeeper reset its tray settings',
  'start.settingsResetBody': '{file} could not be read, so it was moved to {movedTo} and the defaults are used.',
  'start.filesUnusableTitle': 'Rolekeeper cannot use your AWS files',
  'start.filesUnusableBody': '{problems} Open Rolekeeper → Doctor for the fix.',
  'config.missingTitle': 'There is no AWS config file yet',
  'config.missingBody': '{file} does not exist. Create an empty one and open it?',
  'config.create': 'Create and open',
} as const;

export type MessageKey = keyof typeof en;
type Catalog = Record<MessageKey, string>;

const de: Catalog = {
  appName: 'Rolekeeper',
  'status.valid': 'frisch',
  'status.expiring': 'läuft bald ab',
  'status.expired': 'abgelaufen',
  'status.unknown': 'nicht geholt',
  'status.error': 'fehlerhaft',
  'status.needsMfa': 'braucht MFA-Code',
  'status.refreshing': 'wird erneuert…',
  'remaining.expired': 'abgelaufen',
  'remaining.none': 'läuft nicht ab',
  'remaining.underMinute': '< 1 Min.',
  'remaining.minutes': '{minutes} Min.',
  'remaining.hours': '{hours} Std. {minutes} Min.',
  'tray.fresh': 'Rolekeeper: alle Anmeldedaten frisch',
  'tray.expiring': 'Rolekeeper: {count} laufen bald ab ({first})',
  'tray.failing': 'Rolekeeper: {count} abgelaufen oder fehlerhaft ({first})',
  'tray.needsYou': 'Rolekeeper: braucht dich: {first}',
  'tray.empty': 'Rolekeeper: keine AWS-Profile gefunden',
  'menu.open': 'Rolekeeper öffnen',
  'menu.profiles': 'Profile',
  'menu.refresh': 'Erneuern',
  'menu.refreshAll': 'Alle erneuern',
  'menu.clearCache': 'Zwischengespeicherte Anmeldedaten löschen',
  'menu.clearAllCache': 'Alle zwischengespeicherten Anmeldedaten löschen',
  'menu.copyEndpoint': 'Export für {shell} kopieren (Endpunkt)',
  'menu.copyKeys': 'Export für {shell} kopieren (Schlüssel)',
  'menu.verify': 'Prüfen (wer bin ich?)',
  'menu.enterMfa': 'MFA-Code eingeben…',
  'menu.doctor': 'Diagnose…',
  'menu.settings': 'Einstellungen…',
  'menu.openConfig': 'AWS-Konfigurationsdatei öffnen',
  'menu.quit': 'Rolekeeper beenden',
  'menu.more': '{count} weitere im Fenster…',
  'notify.expiringTitle': '{profile} läuft in {minutes} Min. ab',
  'notify.expiringBody': 'Im Rolekeeper-Menü der Taskleiste erneuern oder ausführen: rolekeeper refresh {profile}',
  'notify.expiredTitle': '{profile} ist abgelaufen',
  'notify.expiredBody': 'AWS-Befehle mit diesem Profil schlagen jetzt fehl. Im Rolekeeper-Menü erneuern oder ausführen: rolekeeper refresh {profile}',
  'notify.failedTitle': 'Erneuern von {profile} fehlgeschlagen',
  'notify.failedBody': '{message} Details im Rolekeeper-Fenster.',
  'notify.mfaTitle': '{profile} braucht einen MFA-Code',
  'notify.mfaBody': 'Rolekeeper in der Taskleiste öffnen und den 6-stelligen Code aus der Authenticator-App eingeben.',
  'notify.clockSkewTitle': 'Uhrzeit weicht ab beim Erneuern von {profile}',
  'notify.clockSkewBody': 'Die Uhr dieses Computers weicht von der Zeit bei AWS ab. Systemuhr stellen (automatische Zeitsynchronisierung einschalten), dann {profile} erneuern.',
  'notify.lastError': 'Letzter Fehler: {message}',
  'ui.title': 'AWS-Profile',
  'ui.tabProfiles': 'Profile',
  'ui.tabDoctor': 'Diagnose',
  'ui.tabSettings': 'Einstellungen',
  'ui.refreshAll': 'Alle erneuern',
  'ui.clearAll': 'Alle Caches leeren',
  'ui.filter': 'Profile filtern',
  'ui.noMatch': 'Kein Profil passt zu „{filter}“.',
  'ui.noProfiles': 'Keine AWS-Profile gefunden.',
  'ui.openConfig': 'Konfiguration öffnen',
  'ui.groupAccount': 'Konto {account}',
  'ui.groupSource': 'Über {source}',
  'ui.groupOther': 'Weitere Profile',
  'ui.refresh': 'Erneuern',
  'ui.copy': 'Export kopieren',
  'ui.verify': 'Prüfen',
  'ui.clear': 'Cache leeren',
  'ui.shell': 'Shell',
  'ui.form': 'Form',
  'ui.formEndpoint': 'Endpunkt (ohne Geheimnis)',
  'ui.formKeys': 'Schlüssel',
  'ui.copyNow': 'Kopieren',
  'ui.cancel': 'Abbrechen',
  'ui.mfaLabel': 'MFA-Code für {profile}',
  'ui.mfaSubmit': 'Senden',
  'ui.keptFresh': 'wird frisch gehalten',
  'ui.copied': '{shell}-Export von {profile} kopiert; die Zwischenablage wird in {seconds} s geleert.',
  'ui.copiedNoClear': '{shell}-Export von {profile} kopiert.',
  'ui.refreshed': '{profile} erneuert.',
  'ui.refreshedAll': '{ok} von {total} Profilen erneuert.',
  'ui.cleared': '{count} Cache-Einträge gelöscht.',
  'ui.verified': '{profile} ist {arn} (Konto {account}).',
  'ui.needsMfa': 'MFA-Code für {profile} eingeben.',
  'ui.failed': 'Fehlgeschlagen: {message}',
  'ui.doctorRun': 'Diagnose starten',
  'ui.doctorNone': 'Keine Probleme gefunden.',
  'ui.doctorFix': 'Beheben',
  'ui.settingsRefreshLead': 'Frisch gehaltene Profile erneuern, wenn noch so viele Minuten bleiben',
  'ui.settingsNotifyLead': 'So viele Minuten vor Ablauf benachrichtigen',
  'ui.settingsAutoStart': 'Bei der Anmeldung starten',
  'ui.settingsShell': 'Standard-Shell',
  'ui.settingsClipboard': 'Zwischenablage leeren nach (Sekunden, 0 = nie)',
  'ui.settingsKeptFresh': 'Automatisch frisch halten',
  'ui.settingsSave': 'Einstellungen speichern',
  'ui.settingsSaved': 'Einstellungen gespeichert.',
  'ui.sink.cli-cache': 'AWS-CLI-Cache',
  'ui.sink.managed-keys': 'Schlüssel in der credentials-Datei',
  'ui.sink.process-cache': 'credential_process-Cache',
  'ui.sink.endpoint': 'lokaler Endpunkt',
  'start.failedTitle': 'Rolekeeper konnte nicht starten',
  'start.failedBody': '{message}\n\nKorrigiere oder entferne die genannte Datei und starte Rolekeeper dann erneut.',
  'start.settingsResetTitle': 'Rolekeeper hat seine Tray-Einstellungen zurückgesetzt',
  'start.settingsResetBody': '{file} war nicht lesbar; die Datei wurde nach {movedTo} verschoben, es gelten die Standardwerte.',
  'start.filesUnusableTitle': 'Rolekeeper kann deine AWS-Dateien nicht verwenden',
  'start.filesUnusableBody': '{problems} Öffne Rolekeeper → Doctor für die Behebung.',
  'config.missingTitle': 'Es gibt noch keine AWS-Konfigurationsdatei',
  'config.missingBody': '{file} existiert nicht. Eine leere anlegen und öffnen?',
  'config.create': 'Anlegen und öffnen',
};

export type Language = 'en' | 'de';
const CATALOGS: Record<Language, Catalog> = { en, de };

export function languageOf(locale: string | null | undefined): Language {
  return (locale ?? '').toLowerCase().startsWith('de') ? 'de' : 'en';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: string | null | undefined): Translate {
  const catalog = CATALOGS[languageOf(locale)];
  return (key, params = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whole minutes left, at least 1, so "expires in 0 min" is never shown. */
function minutesLeft(expiresAt: string | null, at: string): number {
  const left = expiresAt === null ? NaN : Date.parse(expiresAt) - Date.parse(at);
  return Number.isNaN(left) ? 1 : Math.max(1, Math.ceil(left / 60_000));
}

/** The title and body of an engine notification, said the same way by the daemon and the tray. */
export function notificationText(notification: EngineNotification, t: Translate): { title: string; body: string } {
  const { profile, detail } = notification;
  const withDetail = (body: string): string => (detail ? `${t('notify.lastError', { message: detail })} ${body}` : body);
  switch (notification.kind) {
    case 'expires-soon':
      return {
        title: t('notify.expiringTitle', { profile, minutes: minutesLeft(notification.expiresAt, notification.at) }),
        body: withDetail(t('notify.expiringBody', { profile })),
      };
    case 'expired':
      return { title: t('notify.expiredTitle', { profile }), body: withDetail(t('notify.expiredBody', { profile })) };
    case 'refresh-failed':
      return { title: t('notify.failedTitle', { profile }), body: t('notify.failedBody', { message: detail ?? '' }).trim() };
    case 'mfa-needed':
      return { title: t('notify.mfaTitle', { profile }), body: t('notify.mfaBody') };
    case 'clock-skew':
      return { title: t('notify.clockSkewTitle', { profile }), body: withDetail(t('notify.clockSkewBody', { profile })) };
  }
}

// English and German text for the tray, notifications and popover, chosen from a locale tag.
// Placeholders are `{name}`; every language has every key (the type makes sure).
import { timeLeft } from './duration';
import { doctorWordsDe, doctorWordsEn } from './doctor-words';
import { cliWordsDe, cliWordsEn } from './cli-words';
import { cliCommandWordsDe, cliCommandWordsEn } from './cli-command-words';
import { ssoWordsDe, ssoWordsEn } from './sso-words';
import { consoleWordsDe, consoleWordsEn } from './console-words';
import { engineWordsDe, engineWordsEn } from './engine-words';
import { helpWordsDe, helpWordsEn } from './help-words';
import { vaultWordsDe, vaultWordsEn } from './vault-words';
import { mfaWordsDe, mfaWordsEn } from './mfa-words';
import { iniWordsDe, iniWordsEn } from './ini-words';
import { stsWordsDe, stsWordsEn } from './sts-words';
import { failureWordsDe, failureWordsEn } from './failure-words';
import { onlineWordsDe, onlineWordsEn } from './online-words';
import { chainWordsDe, chainWordsEn } from './chain-words';
import { verifyWordsDe, verifyWordsEn } from './verify-words';
import { writableWordsDe, writableWordsEn } from './writable-words';

// The tables are built on first use, not when the module loads: `list` and `export` run on every
// shell prompt, and building ~1,300 sentences in two languages was most of their start-up.
function englishCatalog() {
  return {
    appName: 'Rolekeeper',
    language: 'en',
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
    'remaining.seconds': '{seconds} s',
    'notify.adviceRefresh': 'Refresh it from the Rolekeeper tray menu, or run: rolekeeper refresh {profile}',
    'notify.adviceRefreshMany': 'Use "Refresh all" in the Rolekeeper tray menu, or run rolekeeper refresh for each.',
    'notify.adviceSignIn': 'Sign in again from Rolekeeper, or run: rolekeeper sso login {profile}',
    'notify.adviceSignInMany': 'Sign in again from Rolekeeper (the "Needs you" list).',
    'notify.adviceRenewableKeys': 'These are pasted session keys: Rolekeeper cannot renew them. Paste new ones, or use a role or IAM Identity Center profile (or rolekeeper manage) so Rolekeeper keeps the keys fresh.',
    'notify.adviceOpen': 'Open Rolekeeper to see what each one needs.',
    'notify.adviceNone': 'Rolekeeper cannot renew it; open Rolekeeper for details.',
    'notify.expiredFails': 'AWS commands with these credentials now fail.',
    'notify.batchExpired.one': '{count} profile expired: {names}',
    'notify.batchExpired.other': '{count} profiles expired: {names}',
    'notify.batchExpiring.one': '{count} profile expires soon: {names}',
    'notify.batchExpiring.other': '{count} profiles expire soon: {names}',
    'notify.batchMfa.one': '{count} profile needs an MFA code: {names}',
    'notify.batchMfa.other': '{count} profiles need an MFA code: {names}',
    'notify.batchFailed.one': 'Refreshing {count} profile failed: {names}',
    'notify.batchFailed.other': 'Refreshing {count} profiles failed: {names}',
    'ui.cleared.one': 'Removed {count} cache entry.',
    'ui.cleared.other': 'Removed {count} cache entries.',
    'ui.groupCount.one': '{count} profile',
    'ui.groupCount.other': '{count} profiles',
    'remaining.minutes': '{minutes} min',
    'remaining.hours': '{hours}h {minutes}m',
    'tray.fresh': 'Rolekeeper: all credentials fresh',
    'tray.expiring': 'Rolekeeper: {count} expiring soon ({first})',
    'tray.failing': 'Rolekeeper: {count} expired or failing ({first})',
    'tray.needsYou': 'Rolekeeper: needs you: {first}',
    'tray.empty': 'Rolekeeper: no AWS profiles found',
    'menu.needsYou': 'Needs you',
    'menu.refreshAllAskTitle': 'Refresh {profiles} profiles?',
    'menu.refreshAllAskBody': 'That takes {calls} calls to AWS STS. Only kept-fresh profiles and those that need you are refreshed.',
    'menu.otherAccount': 'Other profiles',
    'menu.accountNamed': '{name} ({account})',
    'menu.console': 'Open AWS console',
    'tray.idle': 'Rolekeeper: nothing to keep fresh',
    'tray.unreadable': 'Rolekeeper: the AWS config cannot be read (see Doctor)',
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
    'menu.checkUpdates': 'Check for updates',
    'menu.more': '{count} more in the popover…',
    'notify.expiringTitle': '{profile} expires in {left}',
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
    'notify.ssoEndingTitle': 'SSO session {session} ends in {left} — Sign in',
    'notify.ssoEndedTitle': 'SSO session {session} has ended — Sign in',
    'notify.ssoBody': 'Rolekeeper cannot renew it ({reason}). Click to sign in, or run: {command}',
    'ui.needsYou': 'Needs you',
    'ui.refreshAllNothing': 'Nothing to refresh: no profile is kept fresh or needs a refresh.',
    'ui.settingsMenuBarTitle': 'Show the soonest expiry of a kept profile in the menu bar',
    'ui.keepFreshColumn': 'Keep fresh',
    'ui.openDoctor': 'Doctor',
    'ui.sinkHelp.cli-cache': 'AWS CLI cache (~/.aws/cli/cache) — used by aws v2 and v1 while more than 15 min remain.',
    'ui.sinkHelp.managed-keys': 'credentials file keys (~/.aws/credentials) — read by every SDK, tool and the AWS CLI; only for managed profiles.',
    'ui.sinkHelp.process-cache': 'credential_process cache — for SDKs and tools that run a command (credential_process = rolekeeper credential-process).',
    'ui.sinkHelp.endpoint': 'local endpoint (127.0.0.1) — for processes started with the endpoint export (AWS_CONTAINER_CREDENTIALS_FULL_URI); no keys on disk.',
    'ui.sinkHelpTitle': 'Where kept credentials go, and who reads them:',
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
    'ui.refreshAllAsk': 'Refresh all would refresh {profiles} profiles ({calls} calls to AWS STS). Click Refresh all again to go on.',
    'ui.verified': '{profile} is {arn} (account {account}).',
    'ui.needsMfa': 'Enter the MFA code for {profile}.',
    'ui.failed': 'Failed: {message}',
    'ui.doctorRun': 'Run doctor',
    'ui.doctorNone': 'No problems found.',
    'ui.doctorFixAll': 'Fix all',
    'ui.doctorCopy': 'Copy',
    'ui.doctorCopied': 'Command copied: paste it into your terminal.',
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
    // The popover's rows, menus and IAM Identity Center section.
    'ui.rowActions': 'Actions for {profile}',
    'ui.keepFreshSwitch': 'Keep {profile} fresh',
    'ui.keptAlways': '{profile} is managed: always kept fresh (rolekeeper unmanage stops it)',
    'ui.keptOn': '{profile} is kept fresh from now on.',
    'ui.keptOff': '{profile} is no longer kept fresh.',
    'ui.copyIn': 'Copy {shell} export',
    'ui.copyMore': 'Copy export…',
    'ui.noActions': 'Rolekeeper cannot get credentials for this profile; it only shows its state.',
    'ui.keyboardHint': '↑↓ move between profiles · Enter copies · r refreshes · / filters · Esc closes',
    'ui.groupNamed': '{name} ({account})',
    'ui.list': 'Profiles',
    'ui.state.signInNeeded': 'sign in',
    'ui.signIn': 'Sign in',
    'ui.signInTo': 'Sign in to {session}',
    'ui.ssoTitle': 'IAM Identity Center',
    'ui.sso.valid': 'signed in',
    'ui.sso.renewable': 'signed in, renews itself',
    'ui.sso.expiring': 'sign-in ends soon',
    'ui.sso.expired': 'sign-in ended',
    'ui.sso.signed-out': 'signed out',
    'ui.sso.invalid': 'sign-in unusable',
    'ui.signInWaiting': 'Signing in to {session}: finish in the browser.',
    'ui.signInCode': 'Check that the browser shows this code',
    'ui.signInOpenUrl': 'The browser did not open; go to this address:',
    'ui.signInUrl': 'Sign-in address',
    'ui.signInStarted': 'Sign-in to {session} started in the browser.',
    'ui.signedIn': 'Signed in to {session}.',
    'ui.populate': 'Add profiles for every account',
    'ui.populatePreview': '{count} new profiles for {file}:',
    'ui.populateAlready': '{count} accounts and roles already have a profile.',
    'ui.populateNone': 'Every account and role of {session} already has a profile.',
    'ui.populateConfirm': 'Add {count} profiles',
    'ui.populated': 'Added {count} profiles to {file}.',
    'start.folderIsFile': '{path} is a file, not a folder. Rolekeeper keeps its data in {folder}: move the file away (or point ROLEKEEPER_DATA_DIR at a folder), then start Rolekeeper again.',
    'start.folderNotWritable': 'Rolekeeper cannot write to {path} ({reason}), where it keeps its data ({folder}). Give yourself write access to it, then start Rolekeeper again.',
    'start.folderUnusable': 'Rolekeeper cannot use {path} ({reason}).',
    'start.storeIsFolder': '{path} is a folder, not a file. It should be Rolekeeper\'s store of kept and managed profiles (shared with the CLI): move the folder away, then start Rolekeeper again.',
    'start.storeNotWritable': 'Rolekeeper cannot write its store {path} ({reason}). Give yourself read and write access to it, then start Rolekeeper again.',
    'start.failedTitle': 'Rolekeeper could not start',
    'start.failedBody': '{message}\n\nFix or remove the file named above, then start Rolekeeper again.',
    'start.settingsResetTitle': 'Rolekeeper reset its tray settings',
    'update.readyTitle': 'Rolekeeper {version} is ready',
    'update.readyBody': 'The update installs when you quit Rolekeeper.',
    'start.settingsResetBody': '{file} could not be read, so it was moved to {movedTo} and the defaults are used.',
    'start.filesUnusableTitle': 'Rolekeeper cannot use your AWS files',
    'start.filesUnusableBody': '{problems} Open Rolekeeper → Doctor for the fix.',
    'config.missingTitle': 'There is no AWS config file yet',
    'config.missingBody': '{file} does not exist. Create an empty one and open it?',
    'config.create': 'Create and open',
    // ---- tray sign-in to IAM Identity Center (menu entry, failure notice) ----
    'menu.ssoSignIn': 'Sign in to {session}…',
    'notify.signInFailedTitle': 'Signing in to {session} failed',
    // ---- end of tray sign-in ----
    'ui.consoleOpened': 'Opened the AWS console for {profile}.',
    'ui.consoleNoBrowser': 'No browser could be opened for the AWS console.',
    'summary.stsRejected': 'STS rejected the credentials `aws --profile {profile}` uses ({location}); `rolekeeper verify {profile}` shows the fix',
    ...doctorWordsEn(),
    ...cliWordsEn(),
    ...cliCommandWordsEn(),
    ...ssoWordsEn(),
    ...consoleWordsEn(),
    ...engineWordsEn(),
    ...helpWordsEn(),
    ...vaultWordsEn(),
    ...mfaWordsEn(),
    ...iniWordsEn(),
    ...stsWordsEn(),
    ...failureWordsEn(),
    ...onlineWordsEn(),
    ...chainWordsEn(),
    ...verifyWordsEn(),
    ...writableWordsEn(),
  } as const;
}

export type MessageKey = keyof ReturnType<typeof englishCatalog>;
type Catalog = Record<MessageKey, string>;

function germanCatalog(): Catalog {
  return {
    appName: 'Rolekeeper',
    language: 'de',
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
    'remaining.seconds': '{seconds} Sek.',
    'notify.adviceRefresh': 'Im Rolekeeper-Menü der Taskleiste erneuern oder ausführen: rolekeeper refresh {profile}',
    'notify.adviceRefreshMany': 'Im Rolekeeper-Menü „Alle erneuern“ wählen oder für jedes rolekeeper refresh ausführen.',
    'notify.adviceSignIn': 'Melde dich in Rolekeeper erneut an oder führe aus: rolekeeper sso login {profile}',
    'notify.adviceSignInMany': 'Melde dich in Rolekeeper erneut an (Liste „Braucht dich“).',
    'notify.adviceRenewableKeys': 'Das sind eingefügte Sitzungsschlüssel: Rolekeeper kann sie nicht erneuern. Füge neue ein oder nutze ein Rollen- oder IAM-Identity-Center-Profil (oder rolekeeper manage), damit Rolekeeper die Schlüssel frisch hält.',
    'notify.adviceOpen': 'Öffne Rolekeeper, dort steht, was jedes davon braucht.',
    'notify.adviceNone': 'Rolekeeper kann es nicht erneuern; Details findest du in Rolekeeper.',
    'notify.expiredFails': 'AWS-Befehle mit diesen Anmeldeinformationen schlagen jetzt fehl.',
    'notify.batchExpired.one': '{count} Profil abgelaufen: {names}',
    'notify.batchExpired.other': '{count} Profile abgelaufen: {names}',
    'notify.batchExpiring.one': '{count} Profil läuft bald ab: {names}',
    'notify.batchExpiring.other': '{count} Profile laufen bald ab: {names}',
    'notify.batchMfa.one': '{count} Profil braucht einen MFA-Code: {names}',
    'notify.batchMfa.other': '{count} Profile brauchen einen MFA-Code: {names}',
    'notify.batchFailed.one': 'Erneuern von {count} Profil fehlgeschlagen: {names}',
    'notify.batchFailed.other': 'Erneuern von {count} Profilen fehlgeschlagen: {names}',
    'ui.cleared.one': '{count} Cache-Eintrag entfernt.',
    'ui.cleared.other': '{count} Cache-Einträge entfernt.',
    'ui.groupCount.one': '{count} Profil',
    'ui.groupCount.other': '{count} Profile',
    'remaining.minutes': '{minutes} Min.',
    'remaining.hours': '{hours} Std. {minutes} Min.',
    'tray.fresh': 'Rolekeeper: alle Anmeldedaten frisch',
    'tray.expiring': 'Rolekeeper: {count} laufen bald ab ({first})',
    'tray.failing': 'Rolekeeper: {count} abgelaufen oder fehlerhaft ({first})',
    'tray.needsYou': 'Rolekeeper: braucht dich: {first}',
    'tray.empty': 'Rolekeeper: keine AWS-Profile gefunden',
    'menu.needsYou': 'Braucht dich',
    'menu.refreshAllAskTitle': '{profiles} Profile erneuern?',
    'menu.refreshAllAskBody': 'Das sind {calls} Aufrufe bei AWS STS. Erneuert werden nur frisch gehaltene Profile und solche, die dich brauchen.',
    'menu.otherAccount': 'Weitere Profile',
    'menu.accountNamed': '{name} ({account})',
    'menu.console': 'AWS-Konsole öffnen',
    'tray.idle': 'Rolekeeper: nichts frisch zu halten',
    'tray.unreadable': 'Rolekeeper: die AWS-Konfiguration ist nicht lesbar (siehe Diagnose)',
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
    'menu.checkUpdates': 'Nach Updates suchen',
    'menu.more': '{count} weitere im Fenster…',
    'notify.expiringTitle': '{profile} läuft in {left} ab',
    'notify.expiringBody': 'Im Rolekeeper-Menü der Taskleiste erneuern oder ausführen: rolekeeper refresh {profile}',
    'notify.expiredTitle': '{profile} ist abgelaufen',
    'notify.expiredBody': 'AWS-Befehle mit diesem Profil schlagen jetzt fehl. Im Rolekeeper-Menü erneuern oder ausführen: rolekeeper refresh {profile}',
    'notify.failedTitle': 'Erneuern von {profile} fehlgeschlagen',
    'notify.failedBody': '{message} Details im Rolekeeper-Fenster.',
    'notify.mfaTitle': '{profile} braucht einen MFA-Code',
    'notify.mfaBody': 'Rolekeeper in der Taskleiste öffnen und den 6-stelligen Code aus der Authenticator-App eingeben.',
    'notify.clockSkewTitle': 'Abweichende Uhrzeit beim Erneuern von {profile}',
    'notify.clockSkewBody': 'Die Uhr dieses Computers weicht von der Zeit bei AWS ab. Systemuhr stellen (automatische Zeitsynchronisierung einschalten), dann {profile} erneuern.',
    'notify.lastError': 'Letzter Fehler: {message}',
    'notify.ssoEndingTitle': 'SSO-Sitzung {session} endet in {left} — Anmelden',
    'notify.ssoEndedTitle': 'SSO-Sitzung {session} ist beendet — Anmelden',
    'notify.ssoBody': 'Rolekeeper kann sie nicht erneuern ({reason}). Zum Anmelden klicken oder ausführen: {command}',
    'ui.needsYou': 'Braucht dich',
    'ui.refreshAllNothing': 'Nichts zu erneuern: kein Profil wird frisch gehalten oder braucht eine Erneuerung.',
    'ui.settingsMenuBarTitle': 'Den nächsten Ablauf eines frisch gehaltenen Profils in der Menüleiste zeigen',
    'ui.keepFreshColumn': 'Frisch halten',
    'ui.openDoctor': 'Diagnose',
    'ui.sinkHelp.cli-cache': 'AWS-CLI-Cache (~/.aws/cli/cache) — genutzt von aws v2 und v1, solange mehr als 15 Min. bleiben.',
    'ui.sinkHelp.managed-keys': 'Schlüssel in der Credentials-Datei (~/.aws/credentials) — gelesen von jedem SDK, jedem Werkzeug und der AWS CLI; nur für verwaltete Profile.',
    'ui.sinkHelp.process-cache': 'credential_process-Cache — für SDKs und Werkzeuge, die einen Befehl ausführen (credential_process = rolekeeper credential-process).',
    'ui.sinkHelp.endpoint': 'lokaler Endpunkt (127.0.0.1) — für Prozesse, die mit dem Endpunkt-Export gestartet wurden (AWS_CONTAINER_CREDENTIALS_FULL_URI); keine Schlüssel auf der Platte.',
    'ui.sinkHelpTitle': 'Wohin frisch gehaltene Anmeldeinformationen gehen und wer sie liest:',
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
    'ui.form': 'Art',
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
    'ui.refreshAllAsk': '„Alle erneuern“ würde {profiles} Profile erneuern ({calls} Aufrufe bei AWS STS). Klicke noch einmal auf „Alle erneuern“, um fortzufahren.',
    'ui.verified': '{profile} ist {arn} (Konto {account}).',
    'ui.needsMfa': 'MFA-Code für {profile} eingeben.',
    'ui.failed': 'Fehlgeschlagen: {message}',
    'ui.doctorRun': 'Diagnose starten',
    'ui.doctorNone': 'Keine Probleme gefunden.',
    'ui.doctorFixAll': 'Alle beheben',
    'ui.doctorCopy': 'Kopieren',
    'ui.doctorCopied': 'Befehl kopiert: füge ihn in dein Terminal ein.',
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
    // Zeilen, Menüs und der IAM-Identity-Center-Bereich des Popovers.
    'ui.rowActions': 'Aktionen für {profile}',
    'ui.keepFreshSwitch': '{profile} frisch halten',
    'ui.keptAlways': '{profile} ist verwaltet: wird immer frisch gehalten (rolekeeper unmanage beendet das)',
    'ui.keptOn': '{profile} wird ab jetzt frisch gehalten.',
    'ui.keptOff': '{profile} wird nicht mehr frisch gehalten.',
    'ui.copyIn': '{shell}-Export kopieren',
    'ui.copyMore': 'Export kopieren…',
    'ui.noActions': 'Rolekeeper kann für dieses Profil keine Anmeldedaten holen; es zeigt nur seinen Zustand.',
    'ui.keyboardHint': '↑↓ zwischen Profilen wählen · Enter kopiert · r erneuert · / filtert · Esc schließt',
    'ui.groupNamed': '{name} ({account})',
    'ui.list': 'Profile',
    'ui.state.signInNeeded': 'anmelden',
    'ui.signIn': 'Anmelden',
    'ui.signInTo': 'Bei {session} anmelden',
    'ui.ssoTitle': 'IAM Identity Center',
    'ui.sso.valid': 'angemeldet',
    'ui.sso.renewable': 'angemeldet, erneuert sich selbst',
    'ui.sso.expiring': 'Anmeldung endet bald',
    'ui.sso.expired': 'Anmeldung beendet',
    'ui.sso.signed-out': 'abgemeldet',
    'ui.sso.invalid': 'Anmeldung unbrauchbar',
    'ui.signInWaiting': 'Anmeldung bei {session}: im Browser abschließen.',
    'ui.signInCode': 'Der Browser muss diesen Code zeigen',
    'ui.signInOpenUrl': 'Der Browser hat sich nicht geöffnet; diese Adresse aufrufen:',
    'ui.signInUrl': 'Anmeldeadresse',
    'ui.signInStarted': 'Anmeldung bei {session} im Browser gestartet.',
    'ui.signedIn': 'Bei {session} angemeldet.',
    'ui.populate': 'Profile für alle Konten anlegen',
    'ui.populatePreview': '{count} neue Profile für {file}:',
    'ui.populateAlready': '{count} Konten und Rollen haben schon ein Profil.',
    'ui.populateNone': 'Alle Konten und Rollen von {session} haben schon ein Profil.',
    'ui.populateConfirm': '{count} Profile anlegen',
    'ui.populated': '{count} Profile in {file} angelegt.',
    'start.folderIsFile': '{path} ist eine Datei, kein Ordner. Rolekeeper speichert seine Daten in {folder}: verschiebe die Datei (oder lass ROLEKEEPER_DATA_DIR auf einen Ordner zeigen) und starte Rolekeeper dann erneut.',
    'start.folderNotWritable': 'Rolekeeper kann nicht in {path} schreiben ({reason}), wo es seine Daten speichert ({folder}). Gib dir Schreibrechte darauf und starte Rolekeeper dann erneut.',
    'start.folderUnusable': 'Rolekeeper kann {path} nicht verwenden ({reason}).',
    'start.storeIsFolder': '{path} ist ein Ordner, keine Datei. Dort gehört der Speicher von Rolekeeper für frisch gehaltene und verwaltete Profile hin (gemeinsam mit der CLI): verschiebe den Ordner und starte Rolekeeper dann erneut.',
    'start.storeNotWritable': 'Rolekeeper kann seinen Speicher {path} nicht schreiben ({reason}). Gib dir Lese- und Schreibrechte darauf und starte Rolekeeper dann erneut.',
    'start.failedTitle': 'Rolekeeper konnte nicht starten',
    'start.failedBody': '{message}\n\nKorrigiere oder entferne die genannte Datei und starte Rolekeeper dann erneut.',
    'start.settingsResetTitle': 'Rolekeeper hat seine Tray-Einstellungen zurückgesetzt',
    'update.readyTitle': 'Rolekeeper {version} ist bereit',
    'update.readyBody': 'Das Update wird installiert, wenn du Rolekeeper beendest.',
    'start.settingsResetBody': '{file} war nicht lesbar; die Datei wurde nach {movedTo} verschoben, es gelten die Standardwerte.',
    'start.filesUnusableTitle': 'Rolekeeper kann deine AWS-Dateien nicht verwenden',
    'start.filesUnusableBody': '{problems} Öffne Rolekeeper → Diagnose, dort steht, wie du es behebst.',
    'config.missingTitle': 'Es gibt noch keine AWS-Konfigurationsdatei',
    'config.missingBody': '{file} existiert nicht. Eine leere anlegen und öffnen?',
    'config.create': 'Anlegen und öffnen',
    // ---- tray sign-in to IAM Identity Center (menu entry, failure notice) ----
    'menu.ssoSignIn': 'Bei {session} anmelden…',
    'notify.signInFailedTitle': 'Anmeldung bei {session} fehlgeschlagen',
    // ---- end of tray sign-in ----
    'ui.consoleOpened': 'AWS-Konsole für {profile} geöffnet.',
    'ui.consoleNoBrowser': 'Für die AWS-Konsole ließ sich kein Browser öffnen.',
    'summary.stsRejected': 'STS hat die Anmeldeinformationen abgelehnt, die `aws --profile {profile}` verwendet ({location}); `rolekeeper verify {profile}` zeigt die Lösung',
    ...doctorWordsDe(),
    ...cliWordsDe(),
    ...cliCommandWordsDe(),
    ...ssoWordsDe(),
    ...consoleWordsDe(),
    ...engineWordsDe(),
    ...helpWordsDe(),
    ...vaultWordsDe(),
    ...mfaWordsDe(),
    ...iniWordsDe(),
    ...stsWordsDe(),
    ...failureWordsDe(),
    ...onlineWordsDe(),
    ...chainWordsDe(),
    ...verifyWordsDe(),
    ...writableWordsDe(),
  };
}

export type Language = 'en' | 'de';
const built: Partial<Record<Language, Catalog>> = {};

/** Every sentence of one language (built once, on first use). */
export function catalogOf(language: Language): Catalog {
  return (built[language] ??= language === 'en' ? englishCatalog() : germanCatalog());
}

export function languageOf(locale: string | null | undefined): Language {
  return (locale ?? '').toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** A sentence in one language; its parameters are the placeholders of its sentence (see PhraseParams). */
export type Translate = <K extends MessageKey>(key: K, ...params: PhraseParams<K, string | number>) => string;

export function translator(locale: string | null | undefined): Translate {
  const language = languageOf(locale);
  return (key, ...[given]) => {
    const params = (given ?? {}) as Record<string, string | number>;
    return catalogOf(language)[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/**
 * A sentence by key with its parameters, so the engine can say something once and each front end
 * words it in its own language. A parameter may itself be a phrase (an optional clause).
 */
export interface Phrase {
  key: MessageKey;
  params?: Record<string, PhraseParam>;
}
export type PhraseParam = string | number | Phrase;

/** The `{name}` placeholders of an English text (a word in braces, as the translator replaces; `{"Version": 1}` is text). */
type PlaceholdersIn<Text> = Text extends `${string}{${infer Name}}${infer Rest}` ? WordOnly<Name> | PlaceholdersIn<Rest> : never;
type WordOnly<Name extends string> = Name extends '' | `${string}${' ' | '"' | ':' | ',' | '.' | '-' | '{' | '…'}${string}` ? never : Name;
/** The placeholders the sentence of `K` takes (English and German take the same: a test checks it). */
export type PlaceholdersOf<K extends MessageKey> = PlaceholdersIn<ReturnType<typeof englishCatalog>[K]>;
type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;
/**
 * The parameters a phrase of `K` takes: every placeholder of its sentence, and no other name. A key
 * chosen at run time (a union of keys) may leave out what only some of them take.
 */
export type PhraseParams<K extends MessageKey, Value> = true extends IsUnion<K>
  ? [params?: Partial<Record<PlaceholdersOf<K>, Value>>]
  : [PlaceholdersOf<K>] extends [never]
    ? [params?: Record<string, never>]
    : [params: Record<PlaceholdersOf<K>, Value>];

export function phrase<K extends MessageKey>(key: K, ...[params]: PhraseParams<K, PhraseParam>): Phrase {
  return params === undefined ? { key } : { key, params: params as Record<string, PhraseParam> };
}

/** The phrase in the translator's language, clauses first. */
export function say(t: Translate, words: Phrase): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(words.params ?? {})) params[name] = typeof value === 'object' ? say(t, value) : value;
  return t(words.key, params);
}

/**
 * An error worded cause first: "source_profile base does not exist (~/.aws/config:31)" rather than
 * the path first, which a narrow row would show alone. Located phrases (`doctor.at`) are turned
 * around; a plain English message that starts with `FILE:LINE: ` is too.
 */
export function sayCauseFirst(t: Translate, words: Phrase | undefined, plain: string | null): string {
  if (words && words.key === 'doctor.at' && words.params) {
    const { at, text } = words.params;
    if (typeof at === 'string' && text !== undefined) return `${typeof text === 'object' ? say(t, text) : String(text)} (${at})`;
  }
  if (words) return say(t, words);
  const located = plain === null ? null : /^(\S.*?:\d+): (.+)$/s.exec(plain);
  return located ? `${located[2]} (${located[1]})` : (plain ?? '');
}

/** The engine's own language for `message`/`fix` (and `--json`): English. */
export const english: Translate = translator('en');

export type CountedNoun = 'profile' | 'error' | 'warning' | 'note' | 'argument';

/** "1 error" / "2 errors" in the catalog's language. */
export function counted(t: Translate, count: number, noun: CountedNoun): string {
  return plural(t, `cli.count.${noun}`, count);
}

/**
 * Time left worded with the one rounding (`timeLeft`). `seconds: false` (menus and notifications,
 * which do not tick) says "< 1 min" in the last minute; the popover's ticking rows say seconds.
 */
export function sayTimeLeft(t: Translate, milliseconds: number, options: { seconds?: boolean } = {}): string {
  const left = timeLeft(milliseconds);
  switch (left.unit) {
    case 'expired':
      return t('remaining.expired');
    case 'seconds':
      return options.seconds ? t('remaining.seconds', { seconds: left.seconds }) : t('remaining.underMinute');
    case 'minutes':
      return t('remaining.minutes', { minutes: left.minutes });
    case 'hours':
      return t('remaining.hours', { hours: left.hours, minutes: String(left.minutes).padStart(2, '0') });
  }
}

/** The catalog's own language, for plural rules. */
function languageOfTranslator(t: Translate): Language {
  return t('language') === 'de' ? 'de' : 'en';
}

const pluralRules = new Map<Language, Intl.PluralRules>();

/** `KEY.one` or `KEY.other` by the language's plural rules (Intl.PluralRules), with `{count}` set. */
export function plural(t: Translate, key: PluralKey, count: number, params: Record<string, string | number> = {}): string {
  const language = languageOfTranslator(t);
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return t(`${key}.${form}` as MessageKey, { ...params, count });
}

/** Keys that have `.one` and `.other` forms. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;

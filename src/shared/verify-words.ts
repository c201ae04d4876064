// `rolekeeper verify`: credentials STS rejected, and what `aws` would do instead, in English and
// German.

/** Built on first use, like every table. */
export function verifyWordsEn() {
  return {
    'verify.location.env': 'the environment variables {variables}',
    'verify.location.cache': 'the AWS CLI cache entry {file}',
    'verify.awsPlain': '`aws` without --profile',
    'verify.rejected': '{failure}; rejected: {location} (key {key}), which {command} signs with{until}',
    'verify.until': ' until {time}',
    'verify.section.quoted': 'profile {name}',
    'verify.fix.cacheRole': 'rolekeeper refresh {profile} (or rolekeeper clear-cache {profile}, after which the AWS CLI assumes the role itself on its next call)',
    'verify.fix.cacheSso': 'rolekeeper refresh {profile} (new role credentials from your IAM Identity Center sign-in; if that has ended, first: rolekeeper sso login {profile})',
    'verify.fix.cacheOther': 'rolekeeper clear-cache {profile} (the AWS CLI then gets new credentials itself on its next call)',
    'verify.fix.env': "clear the variables so the profile's credentials apply: {commands}",
    'verify.fix.fileManaged': 'rolekeeper refresh {profile} (Rolekeeper manages the keys at {at})',
    'verify.fix.fileSession': 'replace the session keys of {section} at {at} with fresh ones, or let Rolekeeper manage them: {command}',
    'verify.fix.fileKeys': 'replace the keys of {section} at {at} with an active access key pair (IAM console → Security credentials)',
    'verify.fix.partialEnv': 'set AWS_SECRET_ACCESS_KEY as well, or clear the key id: {commands}',
    'verify.fix.envExpired': 'clear the expired variables: {commands}',
    'verify.fix.checkName': 'check the name with `rolekeeper list`',
    'verify.fix.webIdentity': 'set AWS_ROLE_ARN (or role_arn in the profile) next to the web identity token file',
    'verify.fix.settingAbove': 'fix the setting named above',
    'verify.fails': '{command} fails: {message}',
    'verify.noCredentials': '{command} fails: Unable to locate credentials (profile "{profile}" gives none, and no AWS_* credential variables are set)',
    'verify.noCredentialsFix': 'give a profile keys or a role: {command}, or name one: rolekeeper verify PROFILE',
    'verify.notCalled': '{command} would take its credentials from {where}; rolekeeper verify does not call it',
    'verify.where.container': 'the container endpoint {url}',
    'verify.where.imds': 'the EC2 instance metadata service',
    'verify.notCalledFix': 'run aws sts get-caller-identity there, or give a profile: rolekeeper verify PROFILE',
    'verify.assumedNote': 'note: the AWS CLI had no usable cached session for {profile}; Rolekeeper assumed the role as the CLI would have',
  } as const;
}

export function verifyWordsDe(): Record<keyof ReturnType<typeof verifyWordsEn>, string> {
  return {
    'verify.location.env': 'die Umgebungsvariablen {variables}',
    'verify.location.cache': 'der Eintrag {file} im AWS-CLI-Cache',
    'verify.awsPlain': '`aws` ohne --profile',
    'verify.rejected': '{failure}; abgelehnt: {location} (Schlüssel {key}); damit signiert {command}{until}',
    'verify.until': ' bis {time}',
    'verify.section.quoted': 'Profil {name}',
    'verify.fix.cacheRole': 'rolekeeper refresh {profile} (oder rolekeeper clear-cache {profile}; danach übernimmt die AWS CLI die Rolle bei ihrem nächsten Aufruf selbst)',
    'verify.fix.cacheSso': 'rolekeeper refresh {profile} (neue Rollen-Anmeldeinformationen aus deiner Anmeldung bei IAM Identity Center; ist diese beendet, zuerst: rolekeeper sso login {profile})',
    'verify.fix.cacheOther': 'rolekeeper clear-cache {profile} (die AWS CLI holt sich dann bei ihrem nächsten Aufruf selbst neue Anmeldeinformationen)',
    'verify.fix.env': 'die Variablen entfernen, damit die Anmeldeinformationen des Profils gelten: {commands}',
    'verify.fix.fileManaged': 'rolekeeper refresh {profile} (Rolekeeper verwaltet die Schlüssel in {at})',
    'verify.fix.fileSession': 'die Sitzungsschlüssel von {section} in {at} durch frische ersetzen oder von Rolekeeper verwalten lassen: {command}',
    'verify.fix.fileKeys': 'die Schlüssel von {section} in {at} durch ein aktives Zugriffsschlüsselpaar ersetzen (IAM-Konsole → Sicherheitsanmeldeinformationen)',
    'verify.fix.partialEnv': 'auch AWS_SECRET_ACCESS_KEY setzen oder die Zugriffsschlüssel-ID entfernen: {commands}',
    'verify.fix.envExpired': 'die abgelaufenen Variablen entfernen: {commands}',
    'verify.fix.checkName': 'den Namen mit `rolekeeper list` prüfen',
    'verify.fix.webIdentity': 'AWS_ROLE_ARN (oder role_arn im Profil) zusätzlich zur Web-Identity-Tokendatei setzen',
    'verify.fix.settingAbove': 'die oben genannte Einstellung korrigieren',
    'verify.fails': '{command} schlägt fehl: {message}',
    'verify.noCredentials': '{command} schlägt fehl: Unable to locate credentials (Profil "{profile}" liefert keine, und es sind keine AWS_*-Variablen mit Anmeldeinformationen gesetzt)',
    'verify.noCredentialsFix': 'einem Profil Schlüssel oder eine Rolle geben: {command}, oder eines angeben: rolekeeper verify PROFILE',
    'verify.notCalled': '{command} würde die Anmeldeinformationen von {where} beziehen; rolekeeper verify ruft ihn nicht auf',
    'verify.where.container': 'dem Container-Endpunkt {url}',
    'verify.where.imds': 'dem EC2-Instance-Metadatendienst',
    'verify.notCalledFix': 'aws sts get-caller-identity dort ausführen oder ein Profil angeben: rolekeeper verify PROFILE',
    'verify.assumedNote': 'Hinweis: die AWS CLI hatte für {profile} keine verwendbare zwischengespeicherte Sitzung; Rolekeeper hat die Rolle übernommen, wie es die CLI getan hätte',
  };
}

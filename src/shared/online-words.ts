// `doctor --online`: what STS said about the credentials in use, in English and German.

/** Built on first use, like every table. */
export function onlineWordsEn() {
  return {
    'online.origin.keys': 'keys at {at}',
    'online.origin.cache': 'AWS CLI cache entry {file}',
    'online.origin.env': 'AWS_* variables',
    'online.failure': '{who}: {message}',
    'online.unexpected': 'the STS check failed unexpectedly',
    'online.unreachable': 'STS could not be reached',
    'online.envCredentials': 'the AWS_* environment credentials ({key})',
    'online.profile': 'profile "{profile}" ({origin})',
    'online.notChecked': 'not checked online (no keys and no unexpired cached credentials; checking would need AssumeRole, SSO or a process): {profiles}',
  } as const;
}

export function onlineWordsDe(): Record<keyof ReturnType<typeof onlineWordsEn>, string> {
  return {
    'online.origin.keys': 'Schlüssel in {at}',
    'online.origin.cache': 'Eintrag im AWS-CLI-Cache {file}',
    'online.origin.env': 'AWS_*-Variablen',
    'online.failure': '{who}: {message}',
    'online.unexpected': 'die STS-Prüfung ist unerwartet fehlgeschlagen',
    'online.unreachable': 'STS war nicht erreichbar',
    'online.envCredentials': 'die Anmeldeinformationen in den AWS_*-Umgebungsvariablen ({key})',
    'online.profile': 'Profil "{profile}" ({origin})',
    'online.notChecked': 'nicht online geprüft (keine Schlüssel und keine gültigen zwischengespeicherten Anmeldeinformationen; die Prüfung bräuchte AssumeRole, SSO oder einen Prozess): {profiles}',
  };
}

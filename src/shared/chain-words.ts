// Why a source_profile chain gives no credentials (the words botocore uses), in English and German.

/** Built on first use, like every table. */
export function chainWordsEn() {
  return {
    'chain.partialKeys': 'profile "{profile}" has partial static keys',
    'chain.sourceNeedsCredentials': 'the source profile "{profile}" must have credentials',
    'chain.sourceMissing': 'the source_profile "{source}" referenced in the profile "{profile}" does not exist',
  } as const;
}

export function chainWordsDe(): Record<keyof ReturnType<typeof chainWordsEn>, string> {
  return {
    'chain.partialKeys': 'Profil "{profile}" hat unvollständige statische Schlüssel',
    'chain.sourceNeedsCredentials': 'das Quellprofil "{profile}" muss Anmeldeinformationen haben',
    'chain.sourceMissing': 'das im Profil "{profile}" angegebene source_profile "{source}" existiert nicht',
  };
}

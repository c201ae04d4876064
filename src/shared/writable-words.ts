// What Rolekeeper cannot write into an AWS file and read back as the same thing, in English and
// German.

/** Built on first use, like every table. */
export function writableWordsEn() {
  return {
    'writable.nameEmpty': 'a profile name cannot be empty',
    'writable.nameControl': 'a profile name cannot hold a line break or other control character',
    'writable.nameBrackets': 'a profile name cannot hold [ or ]',
    'writable.nameSpace': 'a profile name cannot start or end with a space',
    'writable.nameComment': 'a profile name cannot start with # or ; (the AWS CLI reads that as a comment)',
    'writable.valueControl': 'it holds a line break or other control character',
    'writable.valueSpace': 'it starts or ends with a space',
    'writable.region': 'a region is letters, digits and dashes, as in eu-west-1',
  } as const;
}

export function writableWordsDe(): Record<keyof ReturnType<typeof writableWordsEn>, string> {
  return {
    'writable.nameEmpty': 'ein Profilname darf nicht leer sein',
    'writable.nameControl': 'ein Profilname darf keinen Zeilenumbruch und kein anderes Steuerzeichen enthalten',
    'writable.nameBrackets': 'ein Profilname darf weder [ noch ] enthalten',
    'writable.nameSpace': 'ein Profilname darf nicht mit einem Leerzeichen beginnen oder enden',
    'writable.nameComment': 'ein Profilname darf nicht mit # oder ; beginnen (die AWS CLI liest das als Kommentar)',
    'writable.valueControl': 'der Wert enthält einen Zeilenumbruch oder ein anderes Steuerzeichen',
    'writable.valueSpace': 'der Wert beginnt oder endet mit einem Leerzeichen',
    'writable.region': 'eine Region besteht aus Buchstaben, Ziffern und Bindestrichen, wie eu-west-1',
  };
}

/** How the stand-in prints dialog.showErrorBox to stderr, so tests can find it in the app's output. */
export const ERROR_BOX_MARK = '[stand-in error box] ';

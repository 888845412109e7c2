// Constants that vite.config.ts replaces at build time. Only the worker entry reads them, so the
// modules that unit tests import take the values as parameters.

/** Mailsweep's version from package.json, such as `0.1.0`. */
declare const __MAILSWEEP_VERSION__: string;

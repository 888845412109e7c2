// Builds one self-contained dist/index.html: scripts, styles and the analysis worker are inlined, so
// the page works from any static host and when opened from file://, where Chromium refuses module
// scripts and module workers loaded from separate files.
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

/**
 * Content Security Policy of the built page. It forbids every network request (`connect-src` and
 * the rest fall back to `default-src 'none'`), so audit data cannot leave the browser even through a
 * bug. Inline script and style are what the single-file build consists of; the worker is a blob: URL.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  'worker-src blob:',
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Adds the policy to the built page only, because the dev server needs its own scripts and a
 * websocket. The tag is written as text so that the single-quoted keywords stay unescaped.
 */
function contentSecurityPolicy(): Plugin {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
  return {
    name: 'mailsweep-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        const charset = /<meta charset="utf-8"\s*\/?>/i;
        if (!charset.test(html)) {
          throw new Error('index.html has no <meta charset="utf-8">, after which the Content-Security-Policy tag goes. Add it to the head.');
        }
        return html.replace(charset, (match) => `${match}\n    ${tag}`);
      },
    },
  };
}

/** Mailsweep's version from package.json, which every export names so a result can be traced to its code. */
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  base: './',
  define: {
    __MAILSWEEP_VERSION__: JSON.stringify(version),
  },
  plugins: [viteSingleFile(), contentSecurityPolicy()],
  worker: {
    // A classic worker, because an inlined module worker fails to start on file:// pages (seen in
    // Chromium 156).
    format: 'iife',
  },
  build: {
    reportCompressedSize: false,
  },
});

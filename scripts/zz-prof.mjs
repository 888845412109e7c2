import { chromium } from '@playwright/test';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
const file = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'], headless: true });
const page = await browser.newPage();
await page.goto(pathToFileURL('/work/main/dist/index.html').href);
await page.waitForFunction(() => document.documentElement.dataset.mailsweepState === 'idle');
const bs = await browser.newBrowserCDPSession();
const ps = await page.context().newCDPSession(page);
let id = 0; const pending = new Map();
bs.on('Target.receivedMessageFromTarget', (e) => { const m = JSON.parse(e.message); const r = pending.get(`${e.sessionId}:${m.id}`); if (r) { pending.delete(`${e.sessionId}:${m.id}`); r(m.result); } });
const send = (sid, method, params = {}) => new Promise((res) => { id += 1; pending.set(`${sid}:${id}`, res); bs.send('Target.sendMessageToTarget', { sessionId: sid, message: JSON.stringify({ id, method, params }) }); });
const attached = new Map();
const attachAll = async () => {
  const { targetInfos } = await ps.send('Target.getTargets');
  for (const t of targetInfos) if (t.type === 'worker' && t.title === 'mailsweep-range' && !attached.has(t.targetId)) {
    const { sessionId } = await bs.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
    attached.set(t.targetId, { sessionId, title: t.title });
    await send(sessionId, 'Profiler.enable'); await send(sessionId, 'Profiler.setSamplingInterval', { interval: 200 }); await send(sessionId, 'Profiler.start');
  }
};
const timer = setInterval(() => void attachAll(), 20);
await page.locator('input[type=file]').setInputFiles(file);
let done = false;
const rangeTimer = setInterval(async () => {
  if (done) return;
  for (const [, a] of attached) if (!a.stopping) {
    const pct = await page.evaluate(() => document.querySelector('mailsweep-app')?.shadowRoot?.querySelector('mailsweep-progress')?.shadowRoot?.querySelector('.percent')?.textContent ?? '');
    if (parseFloat(pct) >= 90) { a.stopping = true; done = true; const r = await send(a.sessionId, 'Profiler.stop'); writeFileSync('/tmp/rp/range.cpuprofile', JSON.stringify(r.profile)); console.log('range profile at', pct); }
  }
}, 50);
await page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.mailsweepState ?? ''), undefined, { timeout: 600000, polling: 20 });
clearInterval(timer); clearInterval(rangeTimer);
await browser.close();

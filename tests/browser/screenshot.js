#!/usr/bin/env node
// A screenshot of a page of the built site, as headless Chromium draws it, for the README.
//
//   NODE_PATH=<dir>/node_modules node tests/browser/screenshot.js SITE_DIR PAGE OUT.png [WIDTHxHEIGHT]
//
// The page is opened from the files (file://), with requests outside SITE_DIR refused.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const [siteDir, page, out, size = '1200x1600'] = process.argv.slice(2);
if (!siteDir || !page || !out) {
  console.error('usage: screenshot.js SITE_DIR PAGE OUT.png [WIDTHxHEIGHT]');
  process.exit(2);
}
const [width, height] = size.split('x').map(Number);

(async () => {
  const root = 'file://' + path.resolve(siteDir) + '/';
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--font-render-hinting=none'],
  });
  const tab = await browser.newPage();
  await tab.setViewport({ width, height, deviceScaleFactor: 1 });
  await tab.setRequestInterception(true);
  tab.on('request', (r) => (r.url().startsWith(root) ? r.continue() : r.abort()));
  await tab.goto(root + page, { waitUntil: 'load' });
  await tab.screenshot({ path: out, type: 'png' });
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
  console.log(`wrote ${out}`);
})().catch((e) => { console.error(e); process.exit(1); });

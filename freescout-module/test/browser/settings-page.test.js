'use strict';
/*
 * The settings page in a real browser: colour contrast and focus as an administrator sees them.
 *
 * The form is rendered by the real settings view (test/php/render-settings.php, through the same
 * MiniBlade and Laravel stand-ins as the PHPUnit tests), with every text it can show at once, and
 * opened in headless Chromium under FreeScout 1.8's own colours (freescout-1.8.css) and then the
 * module's module.css, in that order as FreeScout loads them. axe-core computes the contrast from
 * what Chromium really paints: which of FreeScout's rules wins (.help-block over .text-warning,
 * .has-error over both) and what module.css changes. jsdom lays nothing out, so axe cannot judge
 * contrast there, and reading the colours out of the CSS files would not see the cascade.
 *
 * Settings (environment): AIDA_CHROMIUM (default /usr/bin/chromium). A screenshot goes to
 * freescout-module/target/settings-page.png.
 */
const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const MODULE = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.AIDA_CHROMIUM || '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/* axe-core's tags for the WCAG 2.1 level A and AA rules; its best-practice rules are no failure here. */
const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let browser;
let page;

function read(file) {
  return fs.readFileSync(path.join(MODULE, file), 'utf8');
}

test.before(async () => {
  const form = execFileSync('php', [path.join(MODULE, 'test', 'php', 'render-settings.php')],
    { cwd: MODULE, encoding: 'utf8' });
  const html = '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Настройки</title>' +
    '<style>' + read('test/browser/freescout-1.8.css') + '</style>' +
    '<style>' + read('AidaBilling/Public/css/module.css') + '</style>' +
    '</head><body><main>' + form + '</main></body></html>';
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
  });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.route('**/*', (route) => route.abort()); // the page needs nothing from any server
  await page.setContent(html);
  await page.evaluate(AXE_SOURCE);
  fs.mkdirSync(path.join(MODULE, 'target'), { recursive: true });
  await page.screenshot({ path: path.join(MODULE, 'target', 'settings-page.png'), fullPage: true });
});

test.after(async () => {
  if (browser) {
    await browser.close();
  }
});

async function colour(selector) {
  return page.evaluate((s) => getComputedStyle(document.querySelector(s)).color, selector);
}

test('the rendered form shows every kind of text the page has', async () => {
  assert.equal(await page.locator('form.aida-settings-form > .alert-danger li').count(), 2, 'the server\'s errors');
  assert.equal(await page.locator('.has-error #aidabilling_service_url_help').count(), 1, 'a refused field');
  assert.equal(await page.locator('.aida-timeout-raised').count(), 1, 'the raised time-out');
  assert.ok(await page.locator('form.aida-settings-form .help-block').count() >= 5, 'help texts');
});

test('no WCAG 2.1 A/AA violation in the settings form on FreeScout\'s colours (contrast 4.5:1)', async () => {
  const violations = await page.evaluate(async (tags) => {
    const report = await window.axe.run({ include: [['form.aida-settings-form']] },
      { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return report.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) =>
      n.target.join(' ') + ' - ' + String(n.failureSummary).replace(/\s+/g, ' ')).join('; '));
  }, WCAG_A_AA);
  assert.deepEqual(violations, []);
});

test('the darker texts keep their hue: grey help, red errors, a yellow-brown warning', async () => {
  assert.equal(await colour('#aidabilling_token_help'), 'rgb(98, 115, 132)', 'FreeScout\'s #93a1af, darker');
  assert.equal(await colour('form.aida-settings-form > .alert-danger'), 'rgb(169, 68, 66)', 'Bootstrap\'s #a94442');
  assert.equal(await colour('#aidabilling_service_url_help'), 'rgb(169, 68, 66)', 'a refused field\'s help stays red');
  assert.equal(await colour('.aida-timeout-raised'), 'rgb(138, 109, 59)', 'Bootstrap\'s warning text #8a6d3b');
});

/* The focused element's outline ('none', or style, width and colour), or that of the element drawn for it. */
async function ringOf(selector) {
  return page.evaluate((s) => {
    const style = getComputedStyle(s ? document.querySelector(s) : document.activeElement);
    return style.outlineStyle === 'none' ? 'none'
      : style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor;
  }, selector || null);
}

async function tabTo(selector) {
  for (let n = 0; n < 40; n++) {
    if (await page.evaluate((s) => document.activeElement === document.querySelector(s), selector)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  assert.fail('Tab does not reach ' + selector);
}

const FOCUS_RING = 'solid 2px rgb(0, 120, 215)';

test('the keyboard\'s focus is visible on the switch and the buttons, a mouse click draws no ring', async () => {
  await page.click('form.aida-settings-form > .help-block'); // from the top of the form
  await tabTo('#aidabilling_reload');
  assert.equal(await ringOf('.onoffswitch-label'), FOCUS_RING, 'the switch FreeScout draws for the checkbox');
  await tabTo('.aida-ping-btn');
  assert.equal(await ringOf(), FOCUS_RING, '«Проверить соединение»');
  assert.equal(await ringOf('.onoffswitch-label'), 'none');
  await tabTo('form.aida-settings-form button[type=submit]');
  assert.equal(await ringOf(), FOCUS_RING, '«Сохранить»');
  await page.screenshot({ path: path.join(MODULE, 'target', 'settings-page-focus.png'), fullPage: true });

  await page.click('form.aida-settings-form > .help-block');
  await page.click('.aida-ping-btn');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'btn btn-default aida-ping-btn');
  assert.equal(await ringOf(), 'none');
});

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

/*
 * «Проверить соединение» with a time-out warning, as a screen reader meets it: Chromium's own
 * accessibility tree (DevTools protocol) for the time-out field must carry the warning in its
 * description and say the field is invalid, and axe finds nothing wrong with the form in that state.
 * The page runs module.js; its fetch is answered in the page (the view's ping URL is on another host).
 */
test('the connection check\'s time-out warning is read with the time-out field', async () => {
  const warning = 'Тайм-аут 13 с слишком мал: сервис AidaBilling может отвечать до 20000 мс (AIDA_REQUEST_DEADLINE_MS). ' +
    'Укажите тайм-аут не меньше 21 с и сохраните.';
  const second = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await second.route('**/*', (route) => route.abort());
    await second.setContent(await page.content());
    await second.evaluate((answer) => {
      window.fetch = function () {
        return Promise.resolve(new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } }));
      };
    }, { status: 'ok', billing: 'ok', freescout: 'ok', requestDeadlineMs: 20000, requestId: '01JD', timeoutWarning: warning });
    await second.addScriptTag({ content: read('AidaBilling/Public/js/module.js') });
    await second.click('.aida-ping-btn');
    await second.locator('.aida-ping-warning').waitFor({ timeout: 10000 });

    const cdp = await second.context().newCDPSession(second);
    const timeoutNode = async () => {
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const found = nodes.filter((n) => n.role && n.role.value === 'spinbutton');
      assert.equal(found.length, 1, 'one number field: the time-out');
      const node = found[0];
      const invalid = (node.properties || []).find((property) => property.name === 'invalid');
      return { name: node.name && node.name.value, description: node.description ? node.description.value : '',
        invalid: invalid ? invalid.value.value : 'false' };
    };
    const marked = await timeoutNode();
    assert.match(marked.name, /Тайм-аут/);
    assert.ok(marked.description.startsWith(warning), marked.description);
    assert.equal(marked.invalid, 'true');
    // FreeScout's .has-warning (bootstrap.css) colours the group's label #b37100, 4.0:1 on white:
    // axe below judges the label as FreeScout paints it, with module.css's darker warning text
    const group = second.locator('.form-group.has-warning');
    assert.equal(await group.locator('#aidabilling_timeout').count(), 1, 'the time-out\'s group is has-warning');
    const groupColours = await group.evaluate((g) => ({
      label: getComputedStyle(g.querySelector('.control-label')).color,
      border: getComputedStyle(g.querySelector('.form-control')).borderTopColor
    }));
    assert.deepEqual(groupColours, { label: 'rgb(138, 109, 59)', border: 'rgb(179, 113, 0)' },
      'Bootstrap\'s warning text #8a6d3b on the label, FreeScout\'s #b37100 border kept');
    // the same field also refused by the server (its group rendered has-error): the error's red wins
    // over the warning, as in FreeScout's Bootstrap, label and border alike
    const refusedColours = await group.evaluate((g) => {
      g.classList.add('has-error');
      const seen = {
        label: getComputedStyle(g.querySelector('.control-label')).color,
        border: getComputedStyle(g.querySelector('.form-control')).borderTopColor
      };
      g.classList.remove('has-error');
      return seen;
    });
    assert.deepEqual(refusedColours, { label: 'rgb(169, 68, 66)', border: 'rgb(169, 68, 66)' },
      'a refused field under the warning is red, not the warning\'s brown');
    await second.evaluate(AXE_SOURCE);
    const violations = await second.evaluate(async (tags) => {
      const report = await window.axe.run({ include: [['form.aida-settings-form']] },
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return report.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join('; '));
    }, WCAG_A_AA);
    assert.deepEqual(violations, [], 'the form with the warning tied to its field');
    await second.screenshot({ path: path.join(MODULE, 'target', 'settings-page-ping-warning.png'), fullPage: true });

    // a new value: the warning speaks of the saved one, and is no longer read with the field
    await second.fill('#aidabilling_timeout', '25');
    const cleared = await timeoutNode();
    assert.ok(!cleared.description.includes(warning), cleared.description);
    assert.equal(cleared.invalid, 'false');
  } finally {
    await second.close();
  }
});

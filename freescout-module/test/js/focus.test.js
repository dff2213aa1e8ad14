'use strict';
// After the module's own reload the keyboard focus goes back to the block's button (FreeScout's page
// would start it at the top), without a scroll jump; never on an ordinary page load or after the
// agent's own reload.
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, blockHtml, settle, until, click } = require('./helpers');
const { synced } = require('./fixtures');

/* The kept answer the module leaves for the page after its reload, from a real press. */
async function keptByOwnReload(html, during) {
  const p = createPage(html || blockHtml());
  const button = p.document.getElementById('aida-request-balance-btn');
  button.focus();
  click(button);
  p.calls[0].respond(200, synced('updated'));
  await settle();
  if (during) {
    during(p);
  }
  await until(() => p.reloads.length > 0);
  assert.equal(p.reloads.length, 1);
  return p.window.sessionStorage.getItem('aidabilling.result.31');
}

/* The page after a reload with that kept answer; focus() calls and scrolls recorded. */
function pageAfter(kept, options) {
  const o = options || {};
  const focusCalls = [];
  const scrolls = [];
  const p = createPage((o.before || '') + blockHtml(), {
    before(window) {
      window.sessionStorage.setItem('aidabilling.result.31', kept);
      const focus = window.HTMLElement.prototype.focus;
      window.HTMLElement.prototype.focus = function (focusOptions) {
        focusCalls.push({ element: this, options: focusOptions });
        return focus.call(this, focusOptions);
      };
      window.HTMLElement.prototype.scrollIntoView = function (scrollOptions) {
        scrolls.push({ element: this, options: scrollOptions });
      };
      if (o.buttonRect) {
        window.HTMLButtonElement.prototype.getBoundingClientRect = function () {
          return Object.assign({ left: 0, right: 100, width: 100, height: o.buttonRect.bottom - o.buttonRect.top }, o.buttonRect);
        };
      }
      if (o.prepare) {
        o.prepare(window);
      }
    },
  });
  p.focusCalls = focusCalls;
  p.scrolls = scrolls;
  return p;
}

test('after the module\'s own reload the focus is back on the button, without scrolling to it', async () => {
  const kept = await keptByOwnReload();
  const saved = JSON.parse(kept);
  assert.equal(typeof saved.reloadedAt, 'number');
  assert.equal(saved.focus, true);
  const p = pageAfter(kept);
  await until(() => p.document.querySelector('.aida-restored'));
  const button = p.document.getElementById('aida-request-balance-btn');
  assert.equal(p.document.activeElement, button);
  assert.deepEqual(JSON.parse(JSON.stringify(p.focusCalls.map((c) => c.options))), [{ preventScroll: true }]);
  await settle(20);
  assert.deepEqual(p.scrolls, [], 'the button is in view: no scrolling');
});

test('a button out of view once the page has loaded is scrolled into view, the least that shows it', async () => {
  const kept = await keptByOwnReload();
  const p = pageAfter(kept, { buttonRect: { top: 2000, bottom: 2030 } });
  await until(() => p.scrolls.length > 0);
  assert.equal(p.document.activeElement, p.document.getElementById('aida-request-balance-btn'));
  assert.deepEqual(JSON.parse(JSON.stringify(p.scrolls.map((s) => s.options))), [{ block: 'nearest', inline: 'nearest' }]);
  assert.equal(p.scrolls[0].element, p.document.getElementById('aida-request-balance-btn'));
});

test('the agent moved to a field before the page finished loading: the page is not scrolled back to the button', async () => {
  const kept = await keptByOwnReload();
  let readyStateBeforeScript = null;
  const p = pageAfter(kept, {
    before: '<input id="reply">',
    buttonRect: { top: 2000, bottom: 2030 },
    prepare(window) {
      readyStateBeforeScript = window.document.readyState; // module.js runs right after this
      // registered before module.js's own 'load' listener: the agent's click lands first
      window.addEventListener('load', () => {
        window.document.getElementById('reply').focus();
      });
    },
  });
  await until(() => p.document.readyState === 'complete' && p.document.activeElement.id === 'reply');
  await settle(20);
  assert.notEqual(readyStateBeforeScript, 'complete', 'module.js gave the focus before the page had loaded');
  assert.equal(p.focusCalls[0].element, p.document.getElementById('aida-request-balance-btn'), 'the button had the focus first');
  assert.equal(p.document.activeElement.id, 'reply');
  assert.deepEqual(p.scrolls, [], 'not scrolled away from the field the agent is in');
});

test('an ordinary page load, or the agent\'s own reload, leaves the focus alone', async () => {
  // kept while the page had unsaved input: the agent reloads it themselves
  const first = createPage('<form><input name="first_name" value="Ivan"></form>' + blockHtml());
  first.document.querySelector('input').value = 'typed, not saved';
  click(first.document.getElementById('aida-request-balance-btn'));
  first.calls[0].respond(200, synced('updated'));
  await settle(40);
  const kept = first.window.sessionStorage.getItem('aidabilling.result.31');
  assert.equal(JSON.parse(kept).reloadedAt, undefined);
  for (const entry of [kept, JSON.stringify({ savedAt: Date.now(), body: synced('updated') })]) {
    const p = pageAfter(entry);
    await until(() => p.document.querySelector('.aida-restored'));
    assert.equal(p.document.activeElement, p.document.body);
    assert.deepEqual(p.focusCalls, []);
  }
  // and a page without a kept answer at all
  const plain = createPage(blockHtml());
  await settle();
  assert.equal(plain.document.activeElement, plain.document.body);
});

test('the focus moved elsewhere during the countdown (a link outside the block): not taken back', async () => {
  const kept = await keptByOwnReload('<a id="elsewhere" href="#x">FreeScout</a>' + blockHtml(), (p) => {
    p.document.getElementById('elsewhere').focus();
  });
  assert.equal(JSON.parse(kept).focus, false);
  const p = pageAfter(kept);
  await until(() => p.document.querySelector('.aida-restored'));
  assert.equal(p.document.activeElement, p.document.body);
});

test('a reload long past, or a page that has put the focus somewhere already, is left alone', async () => {
  const kept = JSON.parse(await keptByOwnReload());
  kept.reloadedAt = Date.now() - 5 * 60 * 1000;
  const late = pageAfter(JSON.stringify(kept));
  await until(() => late.document.querySelector('.aida-restored'));
  assert.equal(late.document.activeElement, late.document.body);

  kept.reloadedAt = Date.now();
  const busy = pageAfter(JSON.stringify(kept), {
    before: '<input id="search">',
    prepare(window) {
      window.document.getElementById('search').focus();
    },
  });
  await until(() => busy.document.querySelector('.aida-restored'));
  assert.equal(busy.document.activeElement.id, 'search');
});

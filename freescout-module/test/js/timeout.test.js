'use strict';
// The browser's own limit on the module's route: a PHP worker that hangs (or a proxy holding the
// connection) must not leave the button busy for ever. module.js waits the route's time-out
// (data-timeout, s) plus 5 s, then says the outcome is unknown and gives the button back.
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, blockHtml, pingHtml, settle, until, click } = require('./helpers');
const { synced } = require('./fixtures');

const TIMED_OUT = 'Ответ не пришёл вовремя: неизвестно, чем закончился запрос, и профиль мог быть обновлён. ' +
  'Обновите страницу, чтобы увидеть его текущие значения, и только потом запрашивайте баланс снова.';

/*
 * A page whose long timers (1 s and more: the wait limit, never the test's 5 ms reload) are recorded
 * and run at once, so a test need not wait 20 s. options.noAbortController: a browser without it.
 */
function page(html, options) {
  const o = options || {};
  const delays = [];
  const p = createPage(html, {
    before(window) {
      if (o.noAbortController) {
        delete window.AbortController;
      }
      const setTimeoutOriginal = window.setTimeout.bind(window);
      window.setTimeout = function (callback, delay) {
        if (delay >= 1000) {
          delays.push(delay);
          return setTimeoutOriginal(callback, 1);
        }
        return setTimeoutOriginal(callback, delay);
      };
    },
  });
  p.delays = delays;
  return p;
}

function resultOf(p) {
  return p.document.getElementById('aida-balance-result');
}

test('no answer within the route\'s time-out and 5 s: the outcome is unknown, reload advice, the button back', async () => {
  const p = page(blockHtml({ timeout: 15 }));
  const button = p.document.getElementById('aida-request-balance-btn');
  button.focus();
  click(button);
  assert.equal(button.getAttribute('aria-disabled'), 'true');
  assert.ok(p.calls[0].init.signal, 'the request can be aborted');
  assert.equal(p.calls[0].init.signal.aborted, false);
  await until(() => resultOf(p).querySelector('.aida-result'));
  assert.deepEqual(p.delays, [20000]);
  assert.equal(p.calls[0].init.signal.aborted, true, 'the hanging request is aborted');
  const box = resultOf(p).querySelector('.alert-danger');
  assert.ok(box, resultOf(p).innerHTML);
  assert.equal(box.querySelector('.aida-error-message').textContent, TIMED_OUT);
  assert.equal(button.hasAttribute('aria-disabled'), false);
  assert.equal(button.hasAttribute('aria-busy'), false);
  assert.equal(button.querySelector('.aida-spinner'), null);
  assert.equal(p.document.activeElement, button, 'the focus stays on the button');
  // the answer that comes after all is dropped: the block says what the agent was told
  p.calls[0].respond(200, synced('updated'));
  await settle(20);
  assert.equal(resultOf(p).querySelector('.aida-error-message').textContent, TIMED_OUT);
  assert.equal(p.reloads.length, 0);
  // and a new press works
  click(button);
  assert.equal(p.calls.length, 2);
  p.calls[1].respond(200, synced('unchanged', []));
  await settle(20);
  assert.equal(resultOf(p).querySelector('.aida-status').textContent, 'Профиль актуален, изменений нет');
});

test('an answer in time is not aborted and stays', async () => {
  const p = page(blockHtml({ timeout: 40, reload: false }));
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle(30);
  assert.deepEqual(p.delays, [45000]);
  assert.equal(p.calls[0].init.signal.aborted, false);
  assert.equal(resultOf(p).querySelector('.aida-status').textContent, 'Профиль обновлен');
});

test('a block without data-timeout (an older view) waits the longest time-out the settings allow', async () => {
  for (const timeout of [null, 'abc', '0']) {
    const p = page(blockHtml({ timeout }));
    click(p.document.getElementById('aida-request-balance-btn'));
    await until(() => resultOf(p).querySelector('.aida-result'));
    assert.deepEqual(p.delays, [125000], String(timeout));
  }
});

test('without AbortController the wait is limited all the same, and the late answer dropped', async () => {
  const p = page(blockHtml({ timeout: 15 }), { noAbortController: true });
  const button = p.document.getElementById('aida-request-balance-btn');
  click(button);
  assert.equal(p.calls[0].init.signal, undefined);
  await until(() => resultOf(p).querySelector('.aida-result'));
  assert.equal(resultOf(p).querySelector('.aida-error-message').textContent, TIMED_OUT);
  assert.equal(button.hasAttribute('aria-disabled'), false);
  p.calls[0].respond(200, synced('updated'));
  await settle(20);
  assert.equal(resultOf(p).querySelector('.aida-error-message').textContent, TIMED_OUT);
  assert.equal(p.reloads.length, 0);
});

test('«Проверить соединение» without an answer: the check\'s outcome is unknown, the button back', async () => {
  const p = page(pingHtml({ timeout: 13 }));
  const button = p.document.querySelector('.aida-ping-btn');
  click(button);
  const result = p.document.querySelector('.aida-ping-result');
  await until(() => result.querySelector('.aida-result'));
  assert.deepEqual(p.delays, [18000]);
  assert.equal(p.calls[0].init.signal.aborted, true);
  assert.equal(result.querySelector('.alert-danger .aida-error-message').textContent,
    'Ответ не пришёл вовремя: результат проверки неизвестен. Повторите позже, а если так будет и дальше, проверьте FreeScout и сервис AidaBilling.');
  assert.equal(button.hasAttribute('aria-disabled'), false);
  click(button);
  assert.equal(p.calls.length, 2);
});

'use strict';
// Test harness: a jsdom page with the module's markup (as the Blade partial renders it, see
// README.md), module.js loaded into it, and a fetch whose answers the test controls.

const fs = require('node:fs');
const path = require('node:path');
const { JSDOM } = require('jsdom');

// AIDA_MODULE_JS runs the suite against another build of the file (e.g. FreeScout's minified bundle).
const MODULE_JS = process.env.AIDA_MODULE_JS || path.join(__dirname, '..', '..', 'AidaBilling', 'Public', 'js', 'module.js');
const moduleSource = fs.readFileSync(MODULE_JS, 'utf8');

function escapeAttr(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The profile block markup, as profile_block.blade.php renders it. */
function blockHtml(options) {
  const o = Object.assign({ customerId: 31, reload: true, labels: null, withIds: true, amoUrl: null, profile: null, timeout: null }, options);
  const url = 'https://help.isp.example/aidabilling/customers/' + o.customerId + '/sync';
  return '<div class="aida-billing customer-section" data-customer-id="' + o.customerId + '" data-reload="' +
    (o.reload ? '1' : '0') + '"' + (o.timeout !== null ? ' data-timeout="' + escapeAttr(o.timeout) + '"' : '') + (o.profile ? ' data-profile="' + escapeAttr(JSON.stringify(o.profile)) + '"' : '') +
    (o.labels ? ' data-labels="' + escapeAttr(JSON.stringify(o.labels)) + '"' : '') + '>' +
    (o.amoUrl ? '<div class="aida-amocrm-link"><i class="glyphicon glyphicon-link" aria-hidden="true"></i> <a href="' + escapeAttr(o.amoUrl) +
      '" target="_blank" rel="noopener noreferrer">Профиль в AMOCRM</a></div>' : '') +
    '<button type="button" ' + (o.withIds ? 'id="aida-request-balance-btn" ' : '') +
    'class="btn btn-default btn-sm aida-request-balance-btn" data-customer-id="' + o.customerId + '" data-url="' + url + '">' +
    '<i class="glyphicon glyphicon-ruble" aria-hidden="true"></i> <span class="aida-btn-label">Запросить баланс</span></button>' +
    '<div ' + (o.withIds ? 'id="aida-balance-result" ' : '') + 'class="aida-balance-result" aria-live="polite"></div>' +
    '</div>';
}

/** The «Проверить соединение» part of the settings page. */
function pingHtml(options) {
  const o = Object.assign({ timeout: null }, options);
  return '<div class="form-group aida-ping"' + (o.timeout !== null ? ' data-timeout="' + escapeAttr(o.timeout) + '"' : '') + '><div><button type="button" class="btn btn-default aida-ping-btn" ' +
    'data-url="https://help.isp.example/aidabilling/ping">Проверить соединение</button>' +
    '<div class="aida-ping-result" aria-live="polite"></div></div></div>';
}

/** The settings form as settings.blade.php renders it (labels from module.js's defaults). */
function settingsHtml(options) {
  const o = Object.assign({ url: '', timeout: '', urlFallback: false, timeoutRaised: false, ping: false }, options);
  // the view's warning that a saved time-out under 13 s is raised, which the time-out field names
  const raised = o.timeoutRaised
    ? ' aria-describedby="aidabilling_timeout_raised aidabilling_timeout_help"' : '';
  const raisedText = o.timeoutRaised
    ? '<p class="help-block" id="aidabilling_timeout_help">Сколько ждать ответа</p>' +
      '<p class="help-block text-warning aida-timeout-raised" id="aidabilling_timeout_raised">Модуль ждёт 13 секунд</p>' : '';
  return '<form class="form-horizontal margin-top aida-settings-form" method="POST" action="" autocomplete="off" novalidate ' +
    'data-url-fallback="' + (o.urlFallback ? '1' : '0') + '" data-min-timeout="13" data-max-timeout="120">' +
    '<div class="form-group"><label for="aidabilling_service_url">Адрес сервиса</label><div class="col-sm-6">' +
    '<input id="aidabilling_service_url" type="url" name="settings[aidabilling.service_url]" value="' + escapeAttr(o.url) + '"' +
    ' aria-describedby="aidabilling_service_url_help">' +
    '<p class="help-block" id="aidabilling_service_url_help">Базовый адрес</p></div></div>' +
    '<div class="form-group"><div class="col-sm-6"><input id="aidabilling_token" type="password" name="settings[aidabilling.token]" value=""></div></div>' +
    '<div class="form-group"><div class="col-sm-6"><input id="aidabilling_timeout" type="number" min="13" max="120" step="1" ' +
    'name="settings[aidabilling.timeout]" value="' + escapeAttr(o.timeout) + '"' + raised + '>' + raisedText + '</div></div>' +
    (o.ping ? pingHtml() : '') + '<button type="submit" class="btn btn-primary">Сохранить</button></form>';
}

/** A fetch whose calls are recorded and answered by the test. */
function controlledFetch(window) {
  const calls = [];
  function fetch(url, init) {
    let resolve;
    let reject;
    const promise = new window.Promise(function (res, rej) {
      resolve = res;
      reject = rej;
    });
    const call = {
      url: url,
      init: init,
      body: init && init.body ? JSON.parse(init.body) : null,
      respond(status, body) {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        resolve({ status: status, ok: status >= 200 && status < 300, text: () => window.Promise.resolve(text) });
      },
      fail() {
        reject(new window.TypeError('Failed to fetch'));
      },
    };
    calls.push(call);
    return promise;
  }
  return { fetch, calls };
}

/*
 * module.js's limit on a request (20 s and more) runs on a Node timer that does not keep the test
 * process alive: many tests leave a request unanswered, and their files would otherwise end only
 * when each of those timers has run out. Shorter timers (the reload's) are jsdom's own.
 */
function unrefLongTimers(window) {
  const windowSetTimeout = window.setTimeout.bind(window);
  const windowClearTimeout = window.clearTimeout.bind(window);
  const long = new Map();
  let nextId = 1000000;
  window.setTimeout = function (callback, delay) {
    if (!(delay >= 1000)) {
      return windowSetTimeout(callback, delay);
    }
    const id = nextId++;
    const timer = setTimeout(() => {
      long.delete(id);
      callback();
    }, delay);
    timer.unref();
    long.set(id, timer);
    return id;
  };
  window.clearTimeout = function (id) {
    if (long.has(id)) {
      clearTimeout(long.get(id));
      long.delete(id);
    } else {
      windowClearTimeout(id);
    }
  };
}

/**
 * A page with the given body HTML and module.js loaded.
 * options.before(window) runs before the script (e.g. to fill sessionStorage).
 */
function createPage(bodyHtml, options) {
  const o = options || {};
  const dom = new JSDOM('<!doctype html><html><head><meta name="csrf-token" content="csrf-abc"></head><body>' +
    bodyHtml + '</body></html>', { url: 'https://help.isp.example/customers/31/edit', runScripts: 'outside-only' });
  const window = dom.window;
  const controlled = controlledFetch(window);
  window.fetch = controlled.fetch;
  unrefLongTimers(window);
  if (o.before) {
    o.before(window);
  }
  window.eval(moduleSource);
  const reloads = [];
  window.AidaBilling.reload = function () {
    reloads.push(Date.now());
  };
  window.AidaBilling.reloadDelayMs = 5;
  return { dom, window, document: window.document, calls: controlled.calls, reloads };
}

/** Lets pending promise callbacks and short timers run. */
function settle(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms === undefined ? 0 : ms));
}

/**
 * Waits until check() holds, up to timeoutMs (2 s): for what happens after a timer of the module's,
 * which a busy machine may run late. A fixed wait there made the test fail under load.
 */
async function until(check, timeoutMs) {
  const end = Date.now() + (timeoutMs === undefined ? 2000 : timeoutMs);
  while (!check() && Date.now() < end) {
    await settle(5);
  }
}

function click(element) {
  element.dispatchEvent(new element.ownerDocument.defaultView.MouseEvent('click', { bubbles: true, cancelable: true }));
}

module.exports = { moduleSource, MODULE_JS, blockHtml, pingHtml, settingsHtml, createPage, settle, until, click };

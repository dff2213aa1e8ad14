'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, blockHtml, settle, until, click } = require('./helpers');
const { synced } = require('./fixtures');

const NBSP = '\u00a0';

function page(options) {
  return createPage(blockHtml(options));
}

function resultOf(p) {
  return p.document.getElementById('aida-balance-result');
}

test('the button posts to the module route with CSRF token and JSON headers', async () => {
  const p = page();
  click(p.document.getElementById('aida-request-balance-btn'));
  assert.equal(p.calls.length, 1);
  const call = p.calls[0];
  assert.equal(call.url, 'https://help.isp.example/aidabilling/customers/31/sync');
  assert.equal(call.init.method, 'POST');
  assert.equal(call.init.credentials, 'same-origin');
  assert.equal(call.init.headers['X-CSRF-TOKEN'], 'csrf-abc');
  assert.equal(call.init.headers.Accept, 'application/json');
  assert.equal(call.init.headers['Content-Type'], 'application/json');
  assert.deepEqual(call.body, {});
});

test('while waiting: spinner, button off (yet focusable), loading text', async () => {
  const p = page();
  const button = p.document.getElementById('aida-request-balance-btn');
  click(button);
  assert.equal(button.getAttribute('aria-disabled'), 'true');
  assert.match(button.className, /\bdisabled\b/);
  assert.equal(button.disabled, false, 'a disabled button would drop the keyboard focus');
  assert.ok(button.querySelector('.aida-spinner'));
  assert.equal(resultOf(p).hidden, false);
  assert.equal(resultOf(p).textContent, 'Запрашиваем баланс…');
  p.calls[0].respond(200, synced('unchanged', []));
  await settle();
  assert.equal(button.hasAttribute('aria-disabled'), false);
  assert.doesNotMatch(button.className, /\bdisabled\b/);
  assert.equal(button.querySelector('.aida-spinner'), null);
  assert.equal(button.hasAttribute('aria-busy'), false);
});

test('the live region is filled in place: the same element, never hidden, announces loading and answer', async () => {
  const p = page();
  const region = resultOf(p);
  assert.equal(region.hasAttribute('hidden'), false, 'in the accessibility tree before anything is said');
  click(p.document.getElementById('aida-request-balance-btn'));
  assert.equal(resultOf(p), region);
  assert.equal(region.textContent, 'Запрашиваем баланс…');
  p.calls[0].respond(404, { code: 'NOT_IN_BILLING', detail: 'Клиент не найден в биллинге.' });
  await settle();
  assert.equal(resultOf(p), region, 'the region itself is not replaced, only what it holds');
  assert.equal(region.getAttribute('aria-live'), 'polite');
  assert.equal(region.hidden, false);
  assert.ok(region.querySelector('.alert-danger'));
});

test('updated: green block with balance, name, contract, tariff, changes, then reload with the result kept', async () => {
  const p = page();
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle();
  const result = resultOf(p);
  const box = result.querySelector('.alert.alert-success');
  assert.ok(box, result.innerHTML);
  assert.equal(result.querySelector('.aida-balance').textContent, '256,52' + NBSP + '₽');
  assert.equal(result.querySelector('.aida-fullname').textContent, 'Новичков Тарас Викторович');
  assert.equal(result.querySelector('.aida-contract').textContent, '0138');
  assert.equal(result.querySelector('.aida-tariff').textContent, '2024_SMiT');
  const labels = Array.from(result.querySelectorAll('.aida-label')).map((e) => e.textContent);
  assert.deepEqual(labels, ['Баланс:', 'ФИО:', 'Договор:', 'Тариф:']);
  assert.equal(result.querySelector('.aida-status').textContent, 'Профиль обновлен');
  const changes = Array.from(result.querySelectorAll('.aida-change')).map((e) => e.textContent);
  assert.deepEqual(changes, ['Имя: Ivan → Тарас', 'Индекс: (пусто) → Соляной']);
  assert.equal(result.querySelector('.aida-reloading').textContent, 'Страница обновится через 2 секунды…');
  assert.match(result.querySelector('.aida-request-id').textContent, /01JDREQUEST/);
  assert.equal(result.querySelector('.aida-debt'), null);

  const saved = JSON.parse(p.window.sessionStorage.getItem('aidabilling.result.31'));
  assert.equal(saved.body.account.balance, '256.52');
  assert.equal(typeof saved.savedAt, 'number');
  assert.equal(p.reloads.length, 0, 'not at once');
  await until(() => p.reloads.length > 0);
  assert.equal(p.reloads.length, 1, 'reloaded after the delay');
});

test('the default reload delay is 2 seconds', () => {
  const { JSDOM } = require('jsdom');
  const dom = new JSDOM('<body></body>', { runScripts: 'outside-only', url: 'https://h.example/' });
  dom.window.eval(require('./helpers').moduleSource);
  assert.equal(dom.window.AidaBilling.reloadDelayMs, 2000);
});

test('unchanged: "no changes" text, no list, no reload, nothing stored', async () => {
  const p = page();
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('unchanged', []));
  await settle(30);
  const result = resultOf(p);
  assert.equal(result.querySelector('.aida-status').textContent, 'Профиль актуален, изменений нет');
  assert.equal(result.querySelector('.aida-changes'), null);
  assert.equal(result.querySelector('.aida-reloading'), null);
  assert.equal(p.reloads.length, 0);
  assert.equal(p.window.sessionStorage.getItem('aidabilling.result.31'), null);
});

test('dry-run: lists what would change, never reloads', async () => {
  const p = page();
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('dry-run'));
  await settle(30);
  const result = resultOf(p);
  assert.equal(result.querySelector('.aida-status').textContent, 'Только проверка: ничего не записано');
  assert.equal(result.querySelectorAll('.aida-change').length, 2);
  assert.equal(p.reloads.length, 0);
});

test('updated with reload turned off: result stays, no reload, nothing stored', async () => {
  const p = page({ reload: false });
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle(30);
  assert.equal(resultOf(p).querySelector('.aida-status').textContent, 'Профиль обновлен');
  assert.equal(resultOf(p).querySelector('.aida-reloading'), null);
  assert.equal(p.reloads.length, 0);
  assert.equal(p.window.sessionStorage.getItem('aidabilling.result.31'), null);
});

test('reload turned off: the block says to reload, and warns about a profile form on the page even unedited', async () => {
  const p = page({ reload: false });
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle(30);
  assert.equal(resultOf(p).querySelector('.aida-reload-yourself').textContent, 'Обновите страницу, чтобы увидеть новые значения.');
  // the customer edit page: the form holds the old first name; saving it, edited or not, reverts the sync
  const q = createPage('<form><input name="first_name" value="Ivan"><input name="notes" value=""></form>' + blockHtml({ reload: false }));
  click(q.document.getElementById('aida-request-balance-btn'));
  q.calls[0].respond(200, synced('updated', [{ field: 'firstName', old: 'Ivan', new: 'Тарас' }]));
  await settle(30);
  assert.equal(resultOf(q).querySelector('.aida-reload-yourself').textContent,
    'Обновите страницу, чтобы увидеть новые значения. Форма профиля на этой странице содержит старые значения — её сохранение вернёт их.');
  assert.equal(q.reloads.length, 0);
  // nothing changed: nothing to reload for
  const r = page({ reload: false });
  click(r.document.getElementById('aida-request-balance-btn'));
  r.calls[0].respond(200, synced('unchanged', []));
  await settle(30);
  assert.equal(resultOf(r).querySelector('.aida-reload-yourself'), null);
});

test('an organisation\'s name is «Наименование», not «ФИО»', async () => {
  const p = page({ reload: false });
  click(p.document.getElementById('aida-request-balance-btn'));
  const body = synced('updated', [{ field: 'firstName', old: 'Org', new: 'ООО «Ромашка»' }, { field: 'lastName', old: 'Client', new: null }],
    { fullName: 'ООО «Ромашка»', contract: 'Ю-0042' });
  body.name = { kind: 'ORGANIZATION', last: null, first: null, middle: null, org: 'ООО «Ромашка»' };
  p.calls[0].respond(200, body);
  await settle(30);
  const labels = Array.from(resultOf(p).querySelectorAll('.aida-label')).map((e) => e.textContent);
  assert.deepEqual(labels, ['Баланс:', 'Наименование:', 'Договор:', 'Тариф:']);
  const q = page({ reload: false });
  click(q.document.getElementById('aida-request-balance-btn'));
  q.calls[0].respond(200, synced('unchanged', []));
  await settle(30);
  assert.equal(resultOf(q).querySelectorAll('.aida-label')[1].textContent, 'ФИО:', 'a person keeps «ФИО»');
});

test('updated with an empty change list does not reload', async () => {
  const p = page();
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated', []));
  await settle(30);
  assert.equal(p.reloads.length, 0);
});

test('no reload when sessionStorage refuses the result (the balance would be lost)', async () => {
  const p = createPage(blockHtml(), {
    before(window) {
      Object.defineProperty(window, 'sessionStorage', { get() { throw new window.DOMException('denied', 'SecurityError'); } });
    },
  });
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle(30);
  assert.equal(p.reloads.length, 0);
  assert.equal(resultOf(p).querySelector('.aida-status').textContent, 'Профиль обновлен');
  assert.equal(resultOf(p).querySelector('.aida-reloading'), null);
});

test('after the reload the kept result is shown again, once', async () => {
  const body = synced('updated');
  const p = createPage(blockHtml(), {
    before(window) {
      window.sessionStorage.setItem('aidabilling.result.31', JSON.stringify({ savedAt: Date.now(), body }));
      window.sessionStorage.setItem('aidabilling.result.99', JSON.stringify({ savedAt: Date.now(), body }));
    },
  });
  await settle();
  const result = resultOf(p);
  assert.equal(result.hidden, false);
  assert.equal(result.querySelector('.aida-restored').textContent, 'Результат запроса до перезагрузки страницы');
  assert.equal(result.querySelector('.aida-balance').textContent, '256,52' + NBSP + '₽');
  assert.equal(result.querySelectorAll('.aida-change').length, 2);
  assert.equal(result.querySelector('.aida-reloading'), null, 'no second reload announced');
  assert.equal(p.window.sessionStorage.getItem('aidabilling.result.31'), null, 'shown once, then forgotten');
  assert.notEqual(p.window.sessionStorage.getItem('aidabilling.result.99'), null, 'another customer keeps its result');
  assert.equal(p.reloads.length, 0);
});

test('an answer kept while the page had unsaved input comes back as the balance only', async () => {
  const first = createPage('<form><input name="first_name" value="Ivan"></form>' + blockHtml());
  first.document.querySelector('input').value = 'typed, not saved';
  click(first.document.getElementById('aida-request-balance-btn'));
  first.calls[0].respond(200, synced('updated'));
  await settle(40);
  const kept = first.window.sessionStorage.getItem('aidabilling.result.31');
  assert.ok(kept);
  // the agent may save that form (old values back) before reloading: do not claim "updated" then
  const p = createPage(blockHtml(), {
    before(window) {
      window.sessionStorage.setItem('aidabilling.result.31', kept);
    },
  });
  await settle();
  const result = resultOf(p);
  assert.equal(result.querySelector('.aida-balance').textContent, '256,52' + NBSP + '₽');
  assert.ok(result.querySelector('.aida-restored'));
  assert.equal(result.querySelector('.aida-status'), null);
  assert.equal(result.querySelectorAll('.aida-change').length, 0);
});

test('a stale or broken kept result is dropped silently', async () => {
  const p = createPage(blockHtml(), {
    before(window) {
      window.sessionStorage.setItem('aidabilling.result.31', JSON.stringify({ savedAt: Date.now() - 3600 * 1000, body: synced('updated') }));
    },
  });
  await settle();
  assert.equal(resultOf(p).childNodes.length, 0);
  assert.equal(p.window.sessionStorage.getItem('aidabilling.result.31'), null);

  const q = createPage(blockHtml(), {
    before(window) {
      window.sessionStorage.setItem('aidabilling.result.31', '{not json');
    },
  });
  await settle();
  assert.equal(resultOf(q).childNodes.length, 0);
});

test('restore waits for DOMContentLoaded when the script runs in <head>', async () => {
  const { JSDOM } = require('jsdom');
  const { moduleSource } = require('./helpers');
  const html = '<!doctype html><html><head><script>' + moduleSource.replace(/<\/script/g, '<\\/script') +
    '</script></head><body>' + blockHtml() + '</body></html>';
  const dom = new JSDOM(html, {
    url: 'https://help.isp.example/customers/31/edit', runScripts: 'dangerously',
    beforeParse(window) {
      window.sessionStorage.setItem('aidabilling.result.31', JSON.stringify({ savedAt: Date.now(), body: synced('updated') }));
    },
  });
  await settle();
  const result = dom.window.document.getElementById('aida-balance-result');
  assert.equal(result.hidden, false);
  assert.ok(result.querySelector('.aida-restored'));
});

test('negative balance is shown as debt', async () => {
  const p = page();
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('unchanged', [], { balance: '-1250.50' }));
  await settle();
  const balance = resultOf(p).querySelector('.aida-balance');
  assert.equal(balance.textContent, '-1' + NBSP + '250,50' + NBSP + '₽');
  assert.ok(balance.classList.contains('aida-debt'));
  assert.equal(resultOf(p).querySelector('.aida-debt-note').textContent, '(долг)');
});

test('missing account fields are left out, not shown as "null"', async () => {
  const p = page();
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('unchanged', [], { tariff: null, fullName: '', balance: null }));
  await settle();
  const text = resultOf(p).textContent;
  assert.doesNotMatch(text, /null|undefined/);
  assert.equal(resultOf(p).querySelector('.aida-tariff'), null);
  assert.equal(resultOf(p).querySelector('.aida-balance'), null);
  assert.equal(resultOf(p).querySelector('.aida-contract').textContent, '0138');
});

test('labels rendered by FreeScout (English) replace the Russian defaults', async () => {
  const p = page({ labels: { balance: 'Balance', statusUpdated: 'Profile updated', 'field.firstName': 'First name', emptyValue: '(empty)', 'field.zip': 'ZIP' } });
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle();
  const result = resultOf(p);
  assert.equal(result.querySelector('.aida-label').textContent, 'Balance:');
  assert.equal(result.querySelector('.aida-status').textContent, 'Profile updated');
  assert.deepEqual(Array.from(result.querySelectorAll('.aida-change')).map((e) => e.textContent),
    ['First name: Ivan → Тарас', 'ZIP: (empty) → Соляной']);
  assert.equal(result.querySelectorAll('.aida-label')[1].textContent, 'ФИО:', 'a label not given keeps its default');
});

test('an unknown field name is shown as it is', async () => {
  const p = page({ reload: false });
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated', [{ field: 'country', old: 'US', new: 'RU' }]));
  await settle();
  assert.equal(resultOf(p).querySelector('.aida-change').textContent, 'country: US → RU');
});

test('clicking the icon inside the button works too', () => {
  const p = page();
  click(p.document.querySelector('#aida-request-balance-btn .glyphicon'));
  assert.equal(p.calls.length, 1);
});

test('a click elsewhere does nothing', () => {
  const p = page();
  click(p.document.body);
  click(p.document.getElementById('aida-balance-result'));
  assert.equal(p.calls.length, 0);
});

test('unsaved edits in the customer form beside the block: no reload, a note instead', async () => {
  const p = createPage('<form id="customer-edit"><input name="first_name" value="Ivan"></form>' + blockHtml());
  p.document.querySelector('#customer-edit input').value = 'Иван (typed, not saved)';
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle(40);
  const result = resultOf(p);
  assert.equal(result.querySelector('.aida-status').textContent, 'Профиль обновлен');
  assert.equal(result.querySelector('.aida-reloading'), null);
  assert.match(result.querySelector('.aida-reload-yourself').textContent, /несохранённые данные/);
  assert.match(result.querySelector('.aida-reload-yourself').textContent, /её сохранение вернёт их/,
    'never tells the agent to save a form that holds the values from before the sync');
  assert.equal(p.reloads.length, 0, 'the typed value is not thrown away');
  assert.ok(p.window.sessionStorage.getItem('aidabilling.result.31'),
    'kept: when the agent reloads, the balance they asked for shows again');
});

test('FreeScout\'s lists with no option marked selected are not unsaved edits', async () => {
  // the customer form's country list and social profile type, the conversation's email history
  const p = createPage('<form><select name="country"><option value="">-</option><option value="RU">RU</option></select>' +
    '<select name="social_profiles[0][type]"><option value="1">Twitter</option><option value="2">VK</option></select></form>' +
    blockHtml());
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await until(() => p.reloads.length > 0);
  assert.equal(resultOf(p).querySelector('.aida-reload-yourself'), null);
  assert.equal(p.reloads.length, 1);
});

test('a list moved off its first option is an unsaved edit', async () => {
  const p = createPage('<form><select name="country"><option value="">-</option><option value="RU">RU</option></select></form>' +
    blockHtml());
  p.document.querySelector('select').selectedIndex = 1;
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle(40);
  assert.ok(resultOf(p).querySelector('.aida-reload-yourself'));
  assert.equal(p.reloads.length, 0);
});

test('during the countdown to the reload the button is off: no «изменений нет» just before the reload', async () => {
  const p = createPage(blockHtml());
  p.window.AidaBilling.reloadDelayMs = 60;
  const button = p.document.getElementById('aida-request-balance-btn');
  click(button);
  p.calls[0].respond(200, synced('updated'));
  await settle(10);
  assert.ok(resultOf(p).querySelector('.aida-reloading'), 'the countdown started');
  assert.equal(button.getAttribute('aria-disabled'), 'true');
  click(button);
  click(button);
  assert.equal(p.calls.length, 1, 'no second request while the page is about to reload');
  assert.equal(resultOf(p).querySelector('.aida-status').textContent, 'Профиль обновлен');
  await until(() => p.reloads.length > 0);
  assert.equal(p.reloads.length, 1);
});

test('a reload called off by typing gives the button back', async () => {
  const p = createPage('<div class="note-editable" contenteditable="true"></div>' + blockHtml());
  p.window.AidaBilling.reloadDelayMs = 60;
  const button = p.document.getElementById('aida-request-balance-btn');
  click(button);
  p.calls[0].respond(200, synced('updated'));
  await settle(10);
  p.document.querySelector('.note-editable').textContent = 'Здравствуйте';
  await settle(120);
  assert.equal(p.reloads.length, 0);
  assert.equal(button.hasAttribute('aria-disabled'), false);
  click(button);
  assert.equal(p.calls.length, 2);
});

test('typing during the countdown cancels the reload', async () => {
  const p = createPage('<div class="note-editable" contenteditable="true"></div>' + blockHtml());
  p.window.AidaBilling.reloadDelayMs = 60;
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle(10);
  assert.ok(resultOf(p).querySelector('.aida-reloading'), 'the countdown started');
  p.document.querySelector('.note-editable').textContent = 'Здравствуйте';
  await settle(120);
  assert.equal(p.reloads.length, 0, 'the reply being typed is kept');
  assert.ok(resultOf(p).querySelector('.aida-reload-yourself'));
});

test('the keyboard focus stays on the button while waiting and after the answer', async () => {
  const p = createPage(blockHtml());
  const button = p.document.getElementById('aida-request-balance-btn');
  button.focus();
  click(button);
  assert.equal(p.document.activeElement, button);
  p.calls[0].respond(200, synced('unchanged'));
  await settle(20);
  assert.equal(p.document.activeElement, button);
});

test('the keyboard focus comes back to the button when it was lost while waiting', async () => {
  const p = createPage(blockHtml());
  const button = p.document.getElementById('aida-request-balance-btn');
  button.focus();
  click(button);
  button.blur(); // e.g. the element holding it was re-rendered
  assert.equal(p.document.activeElement, p.document.body);
  p.calls[0].respond(200, synced('unchanged'));
  await settle(20);
  assert.equal(p.document.activeElement, button);
});

test('text typed in a reply editor also keeps the page from reloading', async () => {
  const p = createPage('<div class="note-editable" contenteditable="true"><p>Здравствуйте, </p></div>' + blockHtml());
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle(40);
  assert.equal(p.reloads.length, 0);
  assert.ok(resultOf(p).querySelector('.aida-reload-yourself'));
});

test('a reply being typed on the conversation page: no word of a profile form that is not there', async () => {
  // FreeScout's reply form: summernote keeps its textarea "body" in step with the editor
  const p = createPage('<form class="form-reply"><textarea name="body"></textarea></form>' +
    '<div class="note-editable" contenteditable="true"><p>Здравствуйте, </p></div>' + blockHtml());
  p.document.querySelector('textarea').value = '<p>Здравствуйте, </p>';
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await settle(40);
  assert.equal(p.reloads.length, 0);
  assert.equal(resultOf(p).querySelector('.aida-reload-yourself').textContent,
    'На странице есть несохранённые данные, поэтому она не обновится сама: обновите её, когда закончите, чтобы увидеть новые значения.');
});

test('the profile form warning needs a changed form holding a field the sync wrote', async () => {
  // the customer form changed in a field the sync did not touch still holds the old first name
  const p = createPage('<form><input name="first_name" value="Ivan"><input name="job_title" value=""></form>' + blockHtml());
  p.document.querySelector('input[name=job_title]').value = 'инженер';
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated', [{ field: 'firstName', old: 'Ivan', new: 'Тарас' }]));
  await settle(40);
  assert.match(resultOf(p).querySelector('.aida-reload-yourself').textContent, /её сохранение вернёт их/);
  // a changed form without any written field: the first sentence only
  const q = createPage('<form><input name="first_name" value="Ivan"><input name="notes" value=""></form>' + blockHtml());
  q.document.querySelector('input[name=notes]').value = 'перезвонить';
  click(q.document.getElementById('aida-request-balance-btn'));
  q.calls[0].respond(200, synced('updated', [{ field: 'zip', old: null, new: 'Соляной' }]));
  await settle(40);
  assert.doesNotMatch(resultOf(q).querySelector('.aida-reload-yourself').textContent, /сохранение/);
});

test('a form left as it was does not stop the reload', async () => {
  const p = createPage('<form><input name="q" value="x"><input type="checkbox" checked><select><option>a</option><option selected>b</option></select></form>' +
    '<div contenteditable="true"> </div>' + blockHtml());
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('updated'));
  await until(() => p.reloads.length > 0);
  assert.equal(p.reloads.length, 1);
  assert.equal(resultOf(p).querySelector('.aida-reload-yourself'), null);
});

/* ---------- a page older than FreeScout's profile (another tab or an operator updated it) ---------- */

const SHOWN = { firstName: 'Ivan', lastName: '', company: '', zip: '', city: '', state: '', address: '' };
const NOW = { firstName: 'Тарас', lastName: 'Новичков', company: '0138', zip: 'Соляной', city: '', state: '', address: '' };

function unchangedNow(profile) {
  return Object.assign(synced('unchanged', []), { profile: profile });
}

test('«unchanged» on a page rendered before another tab updated the customer: says so, lists the fields, reloads', async () => {
  const p = page({ profile: SHOWN });
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, unchangedNow(NOW));
  await settle();
  const result = resultOf(p);
  assert.equal(result.querySelector('.aida-status').textContent,
    'Профиль уже обновлён в FreeScout (в другом окне или оператором), а на этой странице старые значения:');
  assert.doesNotMatch(result.textContent, /Профиль актуален/);
  assert.deepEqual(Array.from(result.querySelectorAll('.aida-change')).map((e) => e.textContent), [
    'Имя: Ivan → Тарас', 'Фамилия: (пусто) → Новичков', 'Компания: (пусто) → 0138', 'Индекс: (пусто) → Соляной',
  ]);
  assert.equal(result.querySelector('.aida-reloading').textContent, 'Страница обновится через 2 секунды…');
  assert.equal(p.document.getElementById('aida-request-balance-btn').getAttribute('aria-disabled'), 'true', 'off until the reload');
  await until(() => p.reloads.length > 0);
  assert.equal(p.reloads.length, 1);
  assert.equal(JSON.parse(p.window.sessionStorage.getItem('aidabilling.result.31')).body.status, 'unchanged');
});

test('after that reload the page shows FreeScout\'s values: the kept answer says the page was behind, in the past, and no second reload', async () => {
  let kept;
  const p = page({ profile: SHOWN });
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, unchangedNow(NOW));
  await until(() => p.reloads.length > 0);
  kept = p.window.sessionStorage.getItem('aidabilling.result.31');
  // the page FreeScout renders after the reload carries the values it holds now
  const q = createPage(blockHtml({ profile: NOW }), { before: (w) => w.sessionStorage.setItem('aidabilling.result.31', kept) });
  await settle();
  assert.equal(resultOf(q).querySelector('.aida-status').textContent,
    'Профиль был обновлён в FreeScout (в другом окне или оператором); страница перезагружена и показывает его значения:');
  assert.deepEqual(Array.from(resultOf(q).querySelectorAll('.aida-change')).map((e) => e.textContent), [
    'Имя: Ivan → Тарас', 'Фамилия: (пусто) → Новичков', 'Компания: (пусто) → 0138', 'Индекс: (пусто) → Соляной',
  ]);
  assert.doesNotMatch(resultOf(q).textContent, /на этой странице старые значения/);
  assert.ok(resultOf(q).querySelector('.aida-restored'));
  click(q.document.getElementById('aida-request-balance-btn'));
  q.calls[0].respond(200, unchangedNow(NOW));
  await settle(30);
  assert.equal(resultOf(q).querySelector('.aida-status').textContent, 'Профиль актуален, изменений нет');
  assert.equal(q.reloads.length, 0, 'no reload loop');
});

test('a page showing FreeScout\'s values, or one without them, keeps «Профиль актуален»', async () => {
  for (const [options, body] of [[{ profile: NOW }, unchangedNow(NOW)], [{}, unchangedNow(NOW)], [{ profile: SHOWN }, synced('unchanged', [])]]) {
    const p = page(options);
    click(p.document.getElementById('aida-request-balance-btn'));
    p.calls[0].respond(200, body);
    await settle(30);
    assert.equal(resultOf(p).querySelector('.aida-status').textContent, 'Профиль актуален, изменений нет');
    assert.equal(p.reloads.length, 0);
  }
});

test('a page behind FreeScout with the reload turned off, or with unsaved input: says to reload, warns about the form', async () => {
  const p = page({ profile: SHOWN, reload: false });
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, unchangedNow(NOW));
  await settle(30);
  assert.equal(resultOf(p).querySelector('.aida-reload-yourself').textContent, 'Обновите страницу, чтобы увидеть новые значения.');
  assert.equal(p.reloads.length, 0);
  // the customer edit page: its form holds the old first name, and saving it would undo the other tab's update
  const q = createPage('<form><input name="first_name" value="Ivan"><input name="notes" value=""></form>' + blockHtml({ profile: SHOWN }));
  q.document.querySelector('input[name="notes"]').value = 'звонил';
  click(q.document.getElementById('aida-request-balance-btn'));
  q.calls[0].respond(200, unchangedNow(NOW));
  await settle(30);
  assert.equal(resultOf(q).querySelector('.aida-status').textContent,
    'Профиль уже обновлён в FreeScout (в другом окне или оператором), а на этой странице старые значения:');
  assert.equal(resultOf(q).querySelector('.aida-reload-yourself').textContent,
    'На странице есть несохранённые данные, поэтому она не обновится сама: обновите её, когда закончите, чтобы увидеть новые значения. ' +
    'Форма профиля на этой странице содержит старые значения — её сохранение вернёт их.');
  assert.equal(q.reloads.length, 0);
});

test('a kept answer whose fields storage mangled is shown without them, never with a broken list', async () => {
  const kept = JSON.stringify({ savedAt: Date.now(), body: unchangedNow(NOW), unsaved: false,
    behind: [null, 'x', { field: 5 }, { old: 'a' }] });
  const q = createPage(blockHtml({ profile: NOW }), { before: (w) => w.sessionStorage.setItem('aidabilling.result.31', kept) });
  await settle();
  assert.equal(resultOf(q).querySelector('.aida-status').textContent, 'Профиль актуален, изменений нет');
  assert.equal(resultOf(q).querySelectorAll('.aida-change').length, 0);
});

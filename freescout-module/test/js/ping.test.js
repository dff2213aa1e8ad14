'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, pingHtml, settle, click } = require('./helpers');
const { problem } = require('./fixtures');

function page() {
  return createPage(pingHtml());
}

test('«Проверить соединение» posts to the admin ping route', () => {
  const p = page();
  const button = p.document.querySelector('.aida-ping-btn');
  click(button);
  click(button);
  assert.equal(p.calls.length, 1, 'one request for a double click');
  assert.equal(p.calls[0].url, 'https://help.isp.example/aidabilling/ping');
  assert.equal(p.calls[0].init.method, 'POST');
  assert.equal(p.calls[0].init.headers['X-CSRF-TOKEN'], 'csrf-abc');
  assert.equal(button.getAttribute('aria-disabled'), 'true');
  assert.equal(p.document.querySelector('.aida-ping-result').textContent, 'Проверяем соединение…');
});

test('a working connection is reported with what the service said', async () => {
  const p = page();
  click(p.document.querySelector('.aida-ping-btn'));
  p.calls[0].respond(200, { status: 'ok', billing: { status: 'up', latencyMs: 12 }, freescout: { status: 'up' }, requestId: '01JD' });
  await settle();
  const result = p.document.querySelector('.aida-ping-result');
  assert.equal(result.hidden, false);
  assert.ok(result.querySelector('.alert-success'));
  assert.equal(result.querySelector('.aida-ping-ok').textContent, 'Соединение установлено');
  assert.deepEqual(Array.from(result.querySelectorAll('.aida-ping-detail')).map((e) => e.textContent),
    ['Биллинг: up', 'FreeScout: up']);
  assert.equal(p.document.querySelector('.aida-ping-btn').hasAttribute('aria-disabled'), false);
});

test('the service\'s own answer reads as words, not as its keys', async () => {
  const p = page();
  click(p.document.querySelector('.aida-ping-btn'));
  p.calls[0].respond(200, { status: 'ok', billing: 'ok', freescout: 'ok', requestId: '01JD' });
  await settle();
  assert.deepEqual(Array.from(p.document.querySelectorAll('.aida-ping-detail')).map((e) => e.textContent),
    ['Биллинг: доступен', 'FreeScout: доступен']);
});

test('a time-out shorter than the service\'s deadline is warned about under the working connection', async () => {
  const p = page();
  click(p.document.querySelector('.aida-ping-btn'));
  const warning = 'Тайм-аут 15 с слишком мал: сервис AidaBilling может отвечать до 20000 мс (AIDA_REQUEST_DEADLINE_MS), ' +
    'а модуль должен ждать хотя бы на секунду дольше, иначе сотрудник увидит ошибку, хотя профиль ещё может быть записан. ' +
    'Укажите тайм-аут не меньше 21 с и сохраните.';
  p.calls[0].respond(200, { status: 'ok', billing: 'ok', freescout: 'ok', requestDeadlineMs: 20000, requestId: '01JD',
    timeoutWarning: warning });
  await settle();
  const result = p.document.querySelector('.aida-ping-result');
  assert.equal(result.querySelector('.alert-success .aida-ping-ok').textContent, 'Соединение установлено');
  assert.deepEqual(Array.from(result.querySelectorAll('.aida-ping-detail')).map((e) => e.textContent),
    ['Биллинг: доступен', 'FreeScout: доступен'], 'neither the deadline nor the warning as a raw member');
  const shown = result.querySelector('.alert-warning.aida-ping-warning');
  assert.ok(shown, 'a warning block');
  assert.equal(shown.textContent, warning);
  assert.equal(shown.children.length, 0, 'text, never HTML');
});

test('a deadline the time-out covers, or none (an older service), gives no warning', async () => {
  for (const body of [
    { status: 'ok', billing: 'ok', freescout: 'ok', requestDeadlineMs: 12000, requestId: '01JD' },
    { status: 'ok', billing: 'ok', freescout: 'ok', requestId: '01JD' }
  ]) {
    const p = page();
    click(p.document.querySelector('.aida-ping-btn'));
    p.calls[0].respond(200, body);
    await settle();
    assert.equal(p.document.querySelector('.aida-ping-warning'), null);
    assert.deepEqual(Array.from(p.document.querySelectorAll('.aida-ping-detail')).map((e) => e.textContent),
      ['Биллинг: доступен', 'FreeScout: доступен']);
  }
});

test('a refused token is reported as such', async () => {
  const p = page();
  click(p.document.querySelector('.aida-ping-btn'));
  p.calls[0].respond(502, problem('SERVICE_AUTH_FAILED',
    { detail: 'Сервис AidaBilling не принял токен модуля. Попросите администратора проверить токен в настройках модуля.' }));
  await settle();
  const box = p.document.querySelector('.aida-ping-result .alert-danger');
  assert.equal(box.querySelector('.aida-error-message').textContent,
    'Сервис AidaBilling не принял токен модуля. Попросите администратора проверить токен в настройках модуля.');
  assert.equal(box.querySelector('.aida-detail'), null, 'said once');
});

test('an unreachable billing behind the service is reported', async () => {
  const p = page();
  click(p.document.querySelector('.aida-ping-btn'));
  p.calls[0].respond(502, problem('BILLING_UNAVAILABLE', { detail: 'Биллинг недоступен: не удалось соединиться с 10.0.0.5:80' }));
  await settle();
  assert.equal(p.document.querySelector('.aida-ping-result .aida-error-message').textContent, 'Биллинг недоступен: не удалось соединиться с 10.0.0.5:80');
});

test('a non-admin gets FreeScout\'s 403 page', async () => {
  const p = page();
  click(p.document.querySelector('.aida-ping-btn'));
  p.calls[0].respond(403, '<html>You are not authorized</html>');
  await settle();
  assert.equal(p.document.querySelector('.aida-ping-result .aida-error-message').textContent, 'Доступ запрещён.');
});

test('ping details are text, never HTML', async () => {
  const p = page();
  click(p.document.querySelector('.aida-ping-btn'));
  p.calls[0].respond(200, { '<img src=x>': '<img src=x onerror="window.__xss=1">' });
  await settle();
  assert.equal(p.document.querySelectorAll('img').length, 0);
  assert.equal(p.window.__xss, undefined);
});

test('the service cannot reach FreeScout: the check says so, not «Баланс получен»', async () => {
  const p = page();
  click(p.document.querySelector('.aida-ping-btn'));
  p.calls[0].respond(502, problem('HELPDESK_UNAVAILABLE', {
    detail: 'FreeScout недоступен: не удалось соединиться с 127.0.0.1:8080 при проверке связи. Повторите позже.',
    billing: 'ok', freescout: 'FreeScout недоступен', account: null,
  }));
  await settle();
  const result = p.document.querySelector('.aida-ping-result');
  assert.equal(result.querySelector('.aida-error-message').textContent,
    'FreeScout недоступен: не удалось соединиться с 127.0.0.1:8080 при проверке связи. Повторите позже.');
  assert.doesNotMatch(result.textContent, /Баланс/);
});

test('the route\'s own refusal of a non-admin reads as itself, not as «нет доступа к этому клиенту»', async () => {
  const p = page();
  click(p.document.querySelector('.aida-ping-btn'));
  p.calls[0].respond(403, problem('NOT_ALLOWED', { detail: 'Проверить соединение может только администратор.' }));
  await settle();
  const box = p.document.querySelector('.aida-ping-result .alert-danger');
  assert.equal(box.querySelector('.aida-error-message').textContent, 'Проверить соединение может только администратор.');
  assert.doesNotMatch(box.textContent, /клиент/);
});

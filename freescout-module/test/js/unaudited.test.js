'use strict';
// INTERNAL with billing's account (docs/http-api.md): FreeScout took the write, the service's audit
// log did not record it. For the agent the profile was updated: the block says so, shows the
// balance, asks to tell the administrator (request id), and reloads as after «Профиль обновлен».
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, blockHtml, settle, until, click } = require('./helpers');
const { problem, account } = require('./fixtures');

const NBSP = '\u00a0';
const DETAIL = 'Профиль клиента 31 обновлён, но журнал изменений записать не удалось; сообщите администратору (запрос 01JDPROBLEM)';
const AUDIT_GAP = 'Сервис AidaBilling не смог записать это изменение в журнал изменений: сообщите администратору номер запроса.';

function unaudited(overrides) {
  return problem('INTERNAL', Object.assign({ detail: DETAIL, account: account() }, overrides));
}

function resultOf(p) {
  return p.document.getElementById('aida-balance-result');
}

async function press(p, status, body) {
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(status, body);
  await settle(30);
}

test('a write the audit log missed: balance, «Профиль обновлен», the audit gap with the request id, then the reload', async () => {
  const p = createPage(blockHtml());
  await press(p, 500, unaudited());
  const result = resultOf(p);
  const box = result.querySelector('.aida-result');
  assert.ok(box.classList.contains('alert-warning'), 'updated, with something for the administrator: ' + box.className);
  assert.equal(result.querySelector('.alert-danger'), null, 'no red error: the profile was updated');
  assert.equal(result.querySelector('.aida-balance').textContent, '256,52' + NBSP + '₽');
  assert.equal(result.querySelector('.aida-fullname').textContent, 'Новичков Тарас Викторович');
  assert.equal(result.querySelector('.aida-contract').textContent, '0138');
  assert.equal(result.querySelector('.aida-status').textContent, 'Профиль обновлен');
  assert.equal(result.querySelector('.aida-audit-gap').textContent, AUDIT_GAP);
  assert.equal(result.querySelector('.aida-request-id').textContent, 'Номер запроса: 01JDPROBLEM');
  assert.equal(result.querySelector('.aida-reloading').textContent, 'Страница обновится через 2 секунды…');
  const kept = JSON.parse(p.window.sessionStorage.getItem('aidabilling.result.31'));
  assert.equal(kept.body.code, 'INTERNAL');
  await until(() => p.reloads.length > 0);
  assert.equal(p.reloads.length, 1);

  // the page after that reload shows the kept answer again, the audit gap and request id with it
  const after = createPage(blockHtml(), {
    before(window) {
      window.sessionStorage.setItem('aidabilling.result.31', JSON.stringify(kept));
    },
  });
  await settle();
  const again = resultOf(after);
  assert.ok(again.querySelector('.aida-restored'));
  assert.equal(again.querySelector('.aida-balance').textContent, '256,52' + NBSP + '₽');
  assert.equal(again.querySelector('.aida-status').textContent, 'Профиль обновлен');
  assert.equal(again.querySelector('.aida-audit-gap').textContent, AUDIT_GAP);
  assert.equal(again.querySelector('.aida-request-id').textContent, 'Номер запроса: 01JDPROBLEM');
  assert.equal(again.querySelector('.aida-reloading'), null);
  assert.equal(after.reloads.length, 0);
});

test('a write the audit log missed on a page with unsaved work: no reload, the stale form warning, kept as the balance only', async () => {
  const p = createPage('<form id="customer-edit"><input name="first_name" value="Ivan"></form>' + blockHtml());
  p.document.querySelector('#customer-edit input').value = 'typed, not saved';
  await press(p, 500, unaudited());
  const result = resultOf(p);
  assert.equal(result.querySelector('.aida-status').textContent, 'Профиль обновлен');
  assert.equal(result.querySelector('.aida-reloading'), null);
  assert.equal(result.querySelector('.aida-reload-yourself').textContent,
    'На странице есть несохранённые данные, поэтому она не обновится сама: обновите её, когда закончите, чтобы увидеть новые значения. ' +
    'Форма профиля на этой странице содержит старые значения — её сохранение вернёт их.',
    'the answer names no changes: any field a sync writes may have changed');
  await settle(30);
  assert.equal(p.reloads.length, 0);
  const kept = p.window.sessionStorage.getItem('aidabilling.result.31');
  assert.ok(kept);
  const after = createPage(blockHtml(), {
    before(window) {
      window.sessionStorage.setItem('aidabilling.result.31', kept);
    },
  });
  await settle();
  assert.equal(resultOf(after).querySelector('.aida-balance').textContent, '256,52' + NBSP + '₽');
  assert.equal(resultOf(after).querySelector('.aida-status'), null, 'saving that form may have undone the update');
  assert.equal(resultOf(after).querySelector('.aida-audit-gap').textContent, AUDIT_GAP, 'the administrator still has to hear of it');
});

test('a write the audit log missed with the reload turned off: says to reload, warns about the profile form', async () => {
  const p = createPage('<form><input name="last_name" value="Petrov"></form>' + blockHtml({ reload: false }));
  await press(p, 500, unaudited());
  const result = resultOf(p);
  assert.equal(result.querySelector('.aida-reload-yourself').textContent,
    'Обновите страницу, чтобы увидеть новые значения. Форма профиля на этой странице содержит старые значения — её сохранение вернёт их.');
  assert.equal(result.querySelector('.aida-audit-gap').textContent, AUDIT_GAP);
  await settle(30);
  assert.equal(p.reloads.length, 0);
  assert.equal(p.window.sessionStorage.getItem('aidabilling.result.31'), null);
});

test('an English agent reads the audit gap in English', async () => {
  const p = createPage(blockHtml({ reload: false, labels: { statusUpdated: 'Profile updated',
    auditGap: 'The AidaBilling service could not record this change in its audit log: tell an administrator the request id.' } }));
  await press(p, 500, unaudited());
  assert.equal(resultOf(p).querySelector('.aida-status').textContent, 'Profile updated');
  assert.equal(resultOf(p).querySelector('.aida-audit-gap').textContent,
    'The AidaBilling service could not record this change in its audit log: tell an administrator the request id.');
});

test('INTERNAL without an account (before any write) stays a red error that neither reloads nor is kept', async () => {
  const p = createPage(blockHtml());
  await press(p, 500, unaudited({ detail: 'Внутренняя ошибка сервиса; сообщите номер запроса 01JDPROBLEM', account: null }));
  assert.ok(resultOf(p).querySelector('.alert-danger'));
  assert.equal(resultOf(p).querySelector('.aida-audit-gap'), null);
  assert.equal(resultOf(p).querySelector('.aida-balance'), null);
  await settle(30);
  assert.equal(p.reloads.length, 0);
  assert.equal(p.window.sessionStorage.length, 0);
});

'use strict';
// «Проверить соединение» warns that the saved time-out does not cover the service's deadline. The
// warning is shown under the check, far from the time-out field: the field names it
// (aria-describedby) and is marked (aria-invalid, the group's has-warning) so that a screen reader
// on the field reads it, until the value changes or a later check has no warning.
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, settingsHtml, settle, click } = require('./helpers');

const WARNING = 'Тайм-аут 15 с слишком мал: сервис AidaBilling может отвечать до 20000 мс (AIDA_REQUEST_DEADLINE_MS). ' +
  'Укажите тайм-аут не меньше 21 с и сохраните.';

function page(options) {
  return createPage(settingsHtml(Object.assign({ url: 'http://127.0.0.1:8900', timeout: '15', ping: true }, options)));
}

async function ping(p, status, body) {
  click(p.document.querySelector('.aida-ping-btn'));
  p.calls[p.calls.length - 1].respond(status, body);
  await settle(20);
}

function warned(extra) {
  return Object.assign({ status: 'ok', billing: 'ok', freescout: 'ok', requestDeadlineMs: 20000, requestId: '01JD',
    timeoutWarning: WARNING }, extra);
}

function ok() {
  return { status: 'ok', billing: 'ok', freescout: 'ok', requestDeadlineMs: 12000, requestId: '01JD' };
}

function describedBy(field) {
  return field.hasAttribute('aria-describedby') ? field.getAttribute('aria-describedby').split(' ') : [];
}

function fieldOf(p) {
  return p.document.getElementById('aidabilling_timeout');
}

test('the time-out field names the check\'s warning and is marked as the problem', async () => {
  const p = page();
  const field = fieldOf(p);
  await ping(p, 200, warned());
  const ids = describedBy(field);
  assert.equal(ids.length, 1);
  const warning = p.document.getElementById(ids[0]);
  assert.ok(warning.classList.contains('aida-ping-warning'), 'the warning shown under the check');
  assert.equal(warning.textContent, WARNING);
  assert.equal(field.getAttribute('aria-invalid'), 'true');
  assert.ok(field.closest('.form-group').classList.contains('has-warning'));
  // a check in the same state again: one warning, named once
  await ping(p, 200, warned());
  assert.deepEqual(describedBy(field), ids);
  assert.equal(p.document.querySelectorAll('[id="' + ids[0] + '"]').length, 1);
});

test('a changed time-out takes the mark back; the warning stays where the check shows it', async () => {
  for (const type of ['input', 'change']) {
    const p = page();
    const field = fieldOf(p);
    await ping(p, 200, warned());
    field.value = '25';
    field.dispatchEvent(new p.window.Event(type, { bubbles: true }));
    assert.deepEqual(describedBy(field), [], type);
    assert.equal(field.hasAttribute('aria-invalid'), false, type);
    assert.equal(field.closest('.form-group').classList.contains('has-warning'), false, type);
    assert.equal(p.document.querySelector('.aida-ping-warning').textContent, WARNING);
  }
  // typing in another field changes nothing
  const q = page();
  await ping(q, 200, warned());
  q.document.getElementById('aidabilling_service_url').dispatchEvent(new q.window.Event('input', { bubbles: true }));
  assert.equal(describedBy(fieldOf(q)).length, 1);
});

test('a time-out typed and not saved is not marked by a check of the saved one', async () => {
  // typed before the press
  const p = page();
  const field = fieldOf(p);
  field.value = '30';
  field.dispatchEvent(new p.window.Event('input', { bubbles: true }));
  await ping(p, 200, warned());
  assert.equal(p.document.querySelector('.aida-ping-warning').textContent, WARNING, 'the warning is shown under the check');
  assert.deepEqual(describedBy(field), []);
  assert.equal(field.hasAttribute('aria-invalid'), false);
  assert.equal(field.closest('.form-group').classList.contains('has-warning'), false);
  // typed while the check ran
  const q = page();
  const typed = fieldOf(q);
  click(q.document.querySelector('.aida-ping-btn'));
  typed.value = '30';
  typed.dispatchEvent(new q.window.Event('input', { bubbles: true }));
  q.calls[0].respond(200, warned());
  await settle(20);
  assert.ok(q.document.querySelector('.aida-ping-warning'));
  assert.deepEqual(describedBy(typed), []);
  assert.equal(typed.hasAttribute('aria-invalid'), false);
  assert.equal(typed.closest('.form-group').classList.contains('has-warning'), false);
});

test('a later check without a warning, or one that fails, takes the mark back', async () => {
  for (const [status, body] of [[200, ok()], [502, { code: 'SERVICE_UNREACHABLE', detail: 'Сервис AidaBilling недоступен.' }]]) {
    const p = page();
    const field = fieldOf(p);
    await ping(p, 200, warned());
    click(p.document.querySelector('.aida-ping-btn'));
    assert.deepEqual(describedBy(field), [], 'the warning it named gave way to «Проверяем соединение…»');
    p.calls[1].respond(status, body);
    await settle(20);
    assert.deepEqual(describedBy(field), [], String(status));
    assert.equal(field.hasAttribute('aria-invalid'), false);
    assert.equal(field.closest('.form-group').classList.contains('has-warning'), false);
  }
});

test('with module.js\'s own message and the view\'s raised warning: the message, the check\'s warning, then the view\'s texts', async () => {
  const p = page({ timeout: '5', timeoutRaised: true });
  const field = fieldOf(p);
  const form = p.document.querySelector('form');
  const submit = () => form.dispatchEvent(new p.window.Event('submit', { bubbles: true, cancelable: true }));
  assert.equal(submit(), false);
  await ping(p, 200, warned());
  assert.deepEqual(describedBy(field),
    ['aidabilling_timeout_check', 'aidabilling_timeout_ping', 'aidabilling_timeout_raised', 'aidabilling_timeout_help']);
  assert.equal(submit(), false, 'still 5: refused again, the check\'s warning stays named');
  assert.deepEqual(describedBy(field),
    ['aidabilling_timeout_check', 'aidabilling_timeout_ping', 'aidabilling_timeout_raised', 'aidabilling_timeout_help']);
  field.value = '30';
  field.dispatchEvent(new p.window.Event('input', { bubbles: true }));
  assert.deepEqual(describedBy(field), ['aidabilling_timeout_check', 'aidabilling_timeout_raised', 'aidabilling_timeout_help'],
    'the check spoke of the saved value; module.js\'s own message stays until the next submit');
  assert.equal(field.getAttribute('aria-invalid'), 'true');
  assert.equal(submit(), true);
  assert.deepEqual(describedBy(field), ['aidabilling_timeout_raised', 'aidabilling_timeout_help'], 'the view\'s own');
  assert.equal(field.hasAttribute('aria-invalid'), false);
});

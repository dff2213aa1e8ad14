'use strict';
// The settings form: checked in Russian by module.js (novalidate keeps the browser's own messages,
// which come in the browser's language, away), with SettingsValidator's rules and texts.
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, settingsHtml } = require('./helpers');

function submit(p) {
  const form = p.document.querySelector('form');
  const event = new p.window.Event('submit', { bubbles: true, cancelable: true });
  return form.dispatchEvent(event); // false: the module stopped it
}

function errors(p) {
  return Array.from(p.document.querySelectorAll('.aida-field-error')).map((e) => e.textContent);
}

test('a valid form is submitted untouched', () => {
  for (const values of [{ url: 'http://127.0.0.1:8900', timeout: '' }, { url: 'https://aida.isp.example/base/', timeout: ' 15 ' },
    { url: '', timeout: '120', urlFallback: true }]) {
    const p = createPage(settingsHtml(values));
    assert.equal(submit(p), true, JSON.stringify(values));
    assert.deepEqual(errors(p), []);
    assert.equal(p.document.querySelectorAll('.has-error').length, 0);
  }
});

test('a bad service address is refused in Russian, beside its field, and gets the focus', () => {
  for (const url of ['127.0.0.1:8900', 'ftp://h', 'http://user@h', 'http://h/?x=1', 'http://h x']) {
    const p = createPage(settingsHtml({ url: url }));
    assert.equal(submit(p), false, url);
    assert.deepEqual(errors(p), ['Адрес сервиса должен начинаться с http:// или https://, содержать имя хоста и не содержать параметров запроса и имени пользователя.'], url);
    const input = p.document.getElementById('aidabilling_service_url');
    assert.ok(input.closest('.form-group').classList.contains('has-error'));
    assert.equal(input.nextSibling.textContent, errors(p)[0]);
    assert.equal(p.document.activeElement, input);
  }
});

test('a blank address with nothing in .env is refused; with .env it is not', () => {
  const p = createPage(settingsHtml({ url: '  ' }));
  assert.equal(submit(p), false);
  assert.deepEqual(errors(p), ['Укажите адрес сервиса AidaBilling.']);
});

test('a time-out below the service deadline, or not a number, is refused in Russian', () => {
  const cases = {
    '5': 'Тайм-аут должен быть не меньше 13 секунд: сервис AidaBilling отвечает в течение 12 секунд, и при более коротком ожидании сотрудник увидит ошибку, хотя профиль ещё может быть записан.',
    '12': 'Тайм-аут должен быть не меньше 13 секунд: сервис AidaBilling отвечает в течение 12 секунд, и при более коротком ожидании сотрудник увидит ошибку, хотя профиль ещё может быть записан.',
    '0': 'Тайм-аут должен быть целым числом секунд от 13 до 120.',
    '121': 'Тайм-аут должен быть целым числом секунд от 13 до 120.',
    '1.5': 'Тайм-аут должен быть целым числом секунд от 13 до 120.',
    '-5': 'Тайм-аут должен быть целым числом секунд от 13 до 120.',
  };
  for (const timeout of Object.keys(cases)) {
    const p = createPage(settingsHtml({ url: 'http://127.0.0.1:8900', timeout: timeout }));
    assert.equal(submit(p), false, timeout);
    assert.deepEqual(errors(p), [cases[timeout]], timeout);
    assert.equal(p.document.activeElement, p.document.getElementById('aidabilling_timeout'));
  }
});

test('fixing the fields and submitting again clears the old messages', () => {
  const p = createPage(settingsHtml({ url: 'ftp://x', timeout: '5' }));
  assert.equal(submit(p), false);
  assert.equal(errors(p).length, 2);
  assert.equal(p.document.activeElement, p.document.getElementById('aidabilling_service_url'), 'the first bad field');
  p.document.getElementById('aidabilling_service_url').value = 'http://127.0.0.1:8900';
  assert.equal(submit(p), false);
  assert.equal(errors(p).length, 1);
  p.document.getElementById('aidabilling_timeout').value = '20';
  assert.equal(submit(p), true);
  assert.deepEqual(errors(p), []);
  assert.equal(p.document.querySelectorAll('.has-error').length, 0);
});

test('a group FreeScout marked after a refused save keeps its mark and message', () => {
  const html = settingsHtml({ url: 'http://127.0.0.1:8900' }).replace('<div class="form-group"><div class="col-sm-6"><input id="aidabilling_token"',
    '<div class="form-group has-error"><div class="col-sm-6"><input id="aidabilling_token"');
  const p = createPage(html);
  assert.equal(submit(p), true);
  assert.ok(p.document.getElementById('aidabilling_token').closest('.form-group').classList.contains('has-error'));
});

test('other forms on the page are left alone', () => {
  const p = createPage('<form class="other"><input type="url" name="settings[aidabilling.service_url]" value="bad"></form>');
  assert.equal(submit(p), true);
});

test('a refused field is marked for screen readers: aria-invalid, its message first in aria-describedby; a fixed one is not', () => {
  const p = createPage(settingsHtml({ url: 'ftp://h', timeout: '5' }));
  assert.equal(submit(p), false);
  const url = p.document.getElementById('aidabilling_service_url');
  assert.equal(url.getAttribute('aria-invalid'), 'true');
  const ids = url.getAttribute('aria-describedby').split(' ');
  assert.equal(ids.length, 2);
  assert.equal(p.document.getElementById(ids[0]).textContent, errors(p)[0]);
  assert.equal(ids[1], 'aidabilling_service_url_help', 'the help text is still read after the message');
  const timeout = p.document.getElementById('aidabilling_timeout');
  assert.equal(timeout.getAttribute('aria-invalid'), 'true');
  assert.equal(p.document.getElementById(timeout.getAttribute('aria-describedby')).textContent, errors(p)[1]);

  url.value = 'http://127.0.0.1:8900';
  assert.equal(submit(p), false, 'the time-out is still wrong');
  assert.equal(url.hasAttribute('aria-invalid'), false);
  assert.equal(url.getAttribute('aria-describedby'), 'aidabilling_service_url_help');
  assert.equal(timeout.getAttribute('aria-invalid'), 'true');
  assert.equal(p.document.querySelectorAll('[id="aidabilling_timeout_check"]').length, 1, 'no duplicate ids');

  timeout.value = '15';
  assert.equal(submit(p), true);
  assert.equal(timeout.hasAttribute('aria-invalid'), false);
  assert.equal(timeout.hasAttribute('aria-describedby'), false);
});

test('the raised time-out\'s warning stays in the time-out field\'s description, after module.js\'s own message', () => {
  const p = createPage(settingsHtml({ url: 'http://127.0.0.1:8900', timeout: '5', timeoutRaised: true }));
  const timeout = p.document.getElementById('aidabilling_timeout');
  assert.equal(submit(p), false);
  assert.equal(timeout.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(timeout.getAttribute('aria-describedby').split(' '),
    ['aidabilling_timeout_check', 'aidabilling_timeout_raised', 'aidabilling_timeout_help']);
  assert.equal(p.document.getElementById('aidabilling_timeout_check').textContent, errors(p)[0]);

  timeout.value = '20';
  assert.equal(submit(p), true);
  assert.equal(timeout.hasAttribute('aria-invalid'), false);
  assert.equal(timeout.getAttribute('aria-describedby'), 'aidabilling_timeout_raised aidabilling_timeout_help',
    'the warning is read until a time-out of 13 or more is saved');
});

'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, blockHtml, settle, click } = require('./helpers');
const { problem, account, synced } = require('./fixtures');

const NBSP = '\u00a0';

function ambiguous() {
  return problem('AMBIGUOUS', {
    detail: 'Найдено 3 счёта в биллинге для телефона +79004445566, выберите договор',
    candidates: [
      account({ contract: '0512', fullName: 'Иванов Иван', balance: '10.00', address: null }),
      account({ contract: '0513', fullName: 'Иванова Мария', balance: '-1004.5', address: '' }),
      account({ contract: null, fullName: 'Без договора' }),
    ],
    account: null,
  });
}

test('AMBIGUOUS shows a chooser with contract, name and balance of each candidate', async () => {
  const p = createPage(blockHtml());
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(409, ambiguous());
  await settle();
  const chooser = p.document.querySelector('#aida-balance-result .aida-chooser');
  assert.ok(chooser);
  // the service's detail says what the chooser's own heading says, and which phone: said once
  assert.equal(chooser.querySelector('.aida-error-message').textContent, 'Найдено 3 счёта в биллинге для телефона +79004445566, выберите договор');
  assert.equal(chooser.querySelector('.aida-detail'), null);
  const buttons = Array.from(chooser.querySelectorAll('button.aida-choose-contract'));
  assert.deepEqual(buttons.map((b) => b.textContent), [
    '0512 — Иванов Иван — 10,00' + NBSP + '₽',
    '0513 — Иванова Мария — -1' + NBSP + '004,50' + NBSP + '₽',
  ], 'a candidate without a contract cannot be chosen');
  assert.deepEqual(buttons.map((b) => b.getAttribute('data-contract')), ['0512', '0513']);
  assert.equal(buttons[0].type, 'button');
  assert.ok(buttons[1].classList.contains('aida-debt'));
  assert.equal(p.reloads.length, 0);
});

test('each candidate shows its address, as text, so contracts of one person can be told apart', async () => {
  const p = createPage(blockHtml());
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(409, problem('AMBIGUOUS', {
    candidates: [
      account({ contract: '0512', fullName: 'Петров Иван Сергеевич', balance: '10.00', address: 'г. Волжский, ул. Мира, д. 15, кв. 3' }),
      account({ contract: '0513', fullName: 'Петров Иван Сергеевич', balance: '0', address: 'СНТ «Строитель», участок <b>12</b>' }),
    ],
    account: null,
  }));
  await settle();
  const buttons = Array.from(p.document.querySelectorAll('button.aida-choose-contract'));
  assert.equal(buttons.length, 2);
  assert.deepEqual(buttons.map((b) => b.querySelector('.aida-candidate-address').textContent), [
    'г. Волжский, ул. Мира, д. 15, кв. 3',
    'СНТ «Строитель», участок <b>12</b>',
  ]);
  assert.equal(buttons[1].querySelector('b'), null, 'the address is text, not markup');
  assert.equal(buttons[0].firstChild.textContent, '0512 — Петров Иван Сергеевич — 10,00' + NBSP + '₽');
  click(buttons[1].querySelector('.aida-candidate-address'));
  assert.deepEqual(p.calls[1].body, { contract: '0513' }, 'a click on the address line chooses its contract');
});

test('choosing a contract resends the request with it and shows the result', async () => {
  const p = createPage(blockHtml());
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(409, ambiguous());
  await settle();
  click(p.document.querySelectorAll('.aida-choose-contract')[1]);
  assert.equal(p.calls.length, 2);
  assert.equal(p.calls[1].url, 'https://help.isp.example/aidabilling/customers/31/sync');
  assert.deepEqual(p.calls[1].body, { contract: '0513' });
  assert.equal(p.calls[1].init.headers['X-CSRF-TOKEN'], 'csrf-abc');
  assert.equal(p.document.querySelector('.aida-chooser'), null, 'the chooser gives way to the loading state');
  p.calls[1].respond(200, synced('unchanged', [], { contract: '0513', fullName: 'Иванова Мария' }));
  await settle();
  assert.equal(p.document.querySelector('.aida-contract').textContent, '0513');
});

test('choosing twice quickly sends one request', async () => {
  const p = createPage(blockHtml());
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(409, ambiguous());
  await settle();
  const choice = p.document.querySelectorAll('.aida-choose-contract')[0];
  click(choice);
  click(choice);
  assert.equal(p.calls.length, 2);
});

test('AMBIGUOUS without candidates is an ordinary error', async () => {
  const p = createPage(blockHtml());
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(409, problem('AMBIGUOUS', { candidates: [], detail: null }));
  await settle();
  assert.equal(p.document.querySelector('.aida-chooser'), null);
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'В биллинге найдено несколько договоров.');
});

test('choosing a contract from the keyboard leaves the focus on «Запросить баланс», not on the page', async () => {
  const p = createPage(blockHtml());
  const button = p.document.getElementById('aida-request-balance-btn');
  click(button);
  p.calls[0].respond(409, ambiguous());
  await settle();
  const choice = p.document.querySelector('button.aida-choose-contract');
  choice.focus();
  click(choice);
  // the chooser (and the focused contract) gives way to «Запрашиваем баланс…»
  assert.equal(choice.isConnected, false);
  assert.equal(p.document.activeElement, button);
  p.calls[1].respond(200, synced('unchanged'));
  await settle();
  assert.equal(p.document.activeElement, button);
});

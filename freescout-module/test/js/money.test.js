'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { JSDOM } = require('jsdom');
const { moduleSource } = require('./helpers');

const dom = new JSDOM('<body></body>', { runScripts: 'outside-only', url: 'https://h.example/' });
dom.window.eval(moduleSource);
const format = dom.window.AidaBilling.formatMoney;
const S = '\u00a0';

const CASES = [
  ['256.52', 'RUB', '256,52' + S + '₽'],
  ['1004', 'RUB', '1' + S + '004,00' + S + '₽'],
  ['1004.00', null, '1' + S + '004,00' + S + '₽'],
  ['-1250.50', 'RUB', '-1' + S + '250,50' + S + '₽'],
  ['1234567.8', 'RUB', '1' + S + '234' + S + '567,80' + S + '₽'],
  ['100000', 'RUB', '100' + S + '000,00' + S + '₽'],
  ['999.99', 'RUB', '999,99' + S + '₽'],
  ['0', 'RUB', '0,00' + S + '₽'],
  ['0.00', 'RUB', '0,00' + S + '₽'],
  ['-0.00', 'RUB', '0,00' + S + '₽'],
  ['007.5', 'RUB', '7,50' + S + '₽'],
  ['12,5', 'RUB', '12,50' + S + '₽'],
  [' 42.10 ', 'RUB', '42,10' + S + '₽'],
  ['+5', 'RUB', '5,00' + S + '₽'],
  [256.5, 'RUB', '256,50' + S + '₽'],
  [-3, 'RUB', '-3,00' + S + '₽'],
  ['10.00', 'USD', '10,00' + S + 'USD'],
  ['10.005', 'RUB', '10,005' + S + '₽'],
  ['abc', 'RUB', 'abc'],
  ['1e5', 'RUB', '1e5'],
  ['', 'RUB', ''],
  [null, 'RUB', ''],
];

for (const [value, currency, expected] of CASES) {
  test('formatMoney(' + JSON.stringify(value) + ', ' + currency + ') = ' + expected, () => {
    assert.equal(format(value, currency), expected);
  });
}

test('matches the Russian locale of Intl for whole numbers of kopecks', () => {
  const intl = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  for (const value of ['1', '12.3', '1234.56', '98765432.10', '-4321.09']) {
    const expected = intl.format(Number(value)).replace(/\u2212/g, '-').replace(/\u202f/g, S);
    assert.equal(format(value, 'RUB'), expected + S + '₽', value);
  }
});

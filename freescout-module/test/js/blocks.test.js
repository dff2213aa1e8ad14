'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, blockHtml, settle, click, moduleSource } = require('./helpers');
const { synced, problem } = require('./fixtures');

test('a double click sends one request', async () => {
  const p = createPage(blockHtml());
  const button = p.document.getElementById('aida-request-balance-btn');
  click(button);
  click(button);
  click(button.querySelector('.aida-btn-label'));
  assert.equal(p.calls.length, 1);
  p.calls[0].respond(200, synced('unchanged', []));
  await settle();
  click(button);
  assert.equal(p.calls.length, 2, 'a new click after the answer is a new request');
});

test('two blocks on one page (merge page): each button fills its own block', async () => {
  const p = createPage(blockHtml({ customerId: 31 }) + blockHtml({ customerId: 32, withIds: false }));
  const blocks = p.document.querySelectorAll('.aida-billing');
  click(blocks[1].querySelector('.aida-request-balance-btn'));
  assert.equal(p.calls.length, 1);
  assert.equal(p.calls[0].url, 'https://help.isp.example/aidabilling/customers/32/sync');
  assert.equal(blocks[0].querySelector('.aida-balance-result').textContent, '');

  click(blocks[0].querySelector('.aida-request-balance-btn'));
  assert.equal(p.calls.length, 2, 'the other block is not blocked by the first');
  assert.equal(p.calls[1].url, 'https://help.isp.example/aidabilling/customers/31/sync');

  p.calls[0].respond(200, synced('unchanged', [], { contract: '3232' }));
  p.calls[1].respond(404, problem('NOT_IN_BILLING'));
  await settle();
  assert.equal(blocks[1].querySelector('.aida-contract').textContent, '3232');
  assert.equal(blocks[1].querySelector('.alert-danger'), null);
  assert.equal(blocks[0].querySelector('.aida-contract'), null);
  assert.ok(blocks[0].querySelector('.alert-danger'));
});

test('a late answer for a block that was re-rendered meanwhile is ignored', async () => {
  const p = createPage('<div id="sidebar">' + blockHtml() + '</div>');
  const oldBlock = p.document.querySelector('.aida-billing');
  click(oldBlock.querySelector('.aida-request-balance-btn'));
  // FreeScout re-renders the conversation sidebar by AJAX.
  p.document.getElementById('sidebar').innerHTML = blockHtml();
  const newBlock = p.document.querySelector('.aida-billing');
  assert.notEqual(newBlock, oldBlock);
  p.calls[0].respond(200, synced('updated'));
  await settle(30);
  assert.equal(newBlock.querySelector('.aida-balance-result').childNodes.length, 0);
  assert.equal(p.reloads.length, 0, 'nothing happens for a block that is gone');
  assert.equal(p.window.sessionStorage.length, 0);
  click(newBlock.querySelector('.aida-request-balance-btn'));
  assert.equal(p.calls.length, 2, 'the new block works');
});

test('a late failure for a removed block throws nothing', async () => {
  const p = createPage(blockHtml());
  const errors = [];
  p.window.addEventListener('error', (e) => errors.push(e));
  click(p.document.getElementById('aida-request-balance-btn'));
  p.document.querySelector('.aida-billing').remove();
  p.calls[0].fail();
  await settle(20);
  assert.deepEqual(errors, []);
});

test('a button outside a block, or without a URL, does nothing', () => {
  const p = createPage('<button class="aida-request-balance-btn" data-url="/x">x</button>' +
    '<div class="aida-billing"><button class="aida-request-balance-btn">y</button><div class="aida-balance-result" hidden></div></div>');
  for (const button of p.document.querySelectorAll('button')) {
    click(button);
  }
  assert.equal(p.calls.length, 0);
});

test('loading module.js twice still sends one request per click', () => {
  const p = createPage(blockHtml());
  p.window.eval(moduleSource);
  click(p.document.getElementById('aida-request-balance-btn'));
  assert.equal(p.calls.length, 1);
});

test('no jQuery and no FreeScout globals are used', () => {
  const p = createPage(blockHtml());
  assert.equal(p.window.jQuery, undefined);
  assert.equal(p.window.$, undefined);
  const acorn = require('acorn');
  const identifiers = new Set();
  for (const token of acorn.tokenizer(moduleSource, { ecmaVersion: 5 })) {
    if (token.type === acorn.tokTypes.name) {
      identifiers.add(token.value);
    }
  }
  assert.ok(identifiers.has('fetch'));
  for (const name of ['jQuery', '$', 'fsAjax', 'laroute', 'showFloatingAlert', 'showAjaxError', 'Lang', 'Vars']) {
    assert.equal(identifiers.has(name), false, name);
  }
});

test('without a CSRF meta tag the request still goes, without the header', () => {
  const { JSDOM } = require('jsdom');
  const dom = new JSDOM('<body>' + blockHtml() + '</body>', { runScripts: 'outside-only', url: 'https://h.example/' });
  const calls = [];
  dom.window.fetch = function (url, init) {
    calls.push(init);
    return new dom.window.Promise(function () {});
  };
  dom.window.eval(moduleSource);
  click(dom.window.document.getElementById('aida-request-balance-btn'));
  assert.equal(calls.length, 1);
  assert.equal(calls[0].headers['X-CSRF-TOKEN'], undefined);
  dom.window.close(); // with it the request's wait limit, which would keep the test running
});

'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, blockHtml, settle, click } = require('./helpers');
const { synced, problem, account } = require('./fixtures');

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '"><script>window.__xss=1</script>',
  '<svg onload="window.__xss=1"></svg>',
  "'; window.__xss=1; '",
];

function assertInert(p, payload) {
  const doc = p.document;
  assert.equal(doc.querySelectorAll('#aida-balance-result img, #aida-balance-result script, #aida-balance-result svg').length, 0);
  assert.equal(p.window.__xss, undefined);
  assert.ok(doc.getElementById('aida-balance-result').textContent.indexOf(payload) >= 0, 'shown as text');
}

for (const payload of PAYLOADS) {
  test('billing fields are text, never HTML: ' + payload, async () => {
    const p = createPage(blockHtml({ reload: false }));
    click(p.document.getElementById('aida-request-balance-btn'));
    const body = synced('updated', [
      { field: payload, old: payload, new: payload },
      { field: 'firstName', old: payload, new: payload },
    ], { fullName: payload, contract: payload, tariff: payload, balance: payload, currency: payload, address: payload });
    body.requestId = payload;
    p.calls[0].respond(200, body);
    await settle();
    assertInert(p, payload);
    assert.equal(p.document.querySelector('.aida-fullname').textContent, payload);
    assert.equal(p.document.querySelector('.aida-contract').textContent, payload);
    assert.equal(p.document.querySelector('.aida-tariff').textContent, payload);
    assert.equal(p.document.querySelector('.aida-balance').textContent, payload, 'an unparseable balance is shown as it came');
  });

  test('problem fields are text, never HTML: ' + payload, async () => {
    const p = createPage(blockHtml());
    click(p.document.getElementById('aida-request-balance-btn'));
    p.calls[0].respond(502, problem('HELPDESK_UNAVAILABLE', {
      detail: payload, requestId: payload, account: account({ fullName: payload, tariff: payload }),
    }));
    await settle();
    assertInert(p, payload);
  });

  test('candidates are text, never HTML: ' + payload, async () => {
    const p = createPage(blockHtml());
    click(p.document.getElementById('aida-request-balance-btn'));
    p.calls[0].respond(409, problem('AMBIGUOUS', {
      detail: payload,
      candidates: [account({ contract: payload, fullName: payload, balance: payload }), account({ contract: '1' })],
    }));
    await settle();
    assertInert(p, payload);
    const choice = p.document.querySelector('.aida-choose-contract');
    assert.equal(choice.getAttribute('data-contract'), payload);
    click(choice);
    assert.deepEqual(p.calls[1].body, { contract: payload });
  });

  test('an unknown error code is text, never HTML: ' + payload, async () => {
    const p = createPage(blockHtml());
    click(p.document.getElementById('aida-request-balance-btn'));
    p.calls[0].respond(500, problem('X', { code: payload }));
    await settle();
    assertInert(p, payload);
  });
}

test('labels from the page are text too', async () => {
  const payload = '<img src=x onerror="window.__xss=1">';
  const p = createPage(blockHtml({ labels: { balance: payload, statusUnchanged: payload } }));
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(200, synced('unchanged', []));
  await settle();
  assertInert(p, payload);
});

test('module.js never writes HTML', () => {
  const { moduleSource } = require('./helpers');
  for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function']) {
    assert.equal(moduleSource.indexOf(sink), -1, sink);
  }
});

'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createPage, blockHtml, settle, click } = require('./helpers');
const { problem, account, STATUS } = require('./fixtures');

const NBSP = '\u00a0';

/** The Russian message every error code must get (spec 11 codes and the module's own). */
const MESSAGES = {
  VALIDATION: 'Запрос не прошёл проверку.',
  UNAUTHORIZED: 'Сервис AidaBilling требует авторизации.',
  SIGNATURE_INVALID: 'Подпись запроса отклонена.',
  NOT_ALLOWED: 'У вас нет доступа к этому клиенту.',
  CUSTOMER_NOT_FOUND: 'Клиент не найден в FreeScout.',
  NOT_IN_BILLING: 'Клиент не найден в биллинге.',
  CONTRACT_NOT_FOUND: 'Выбранный договор не найден в биллинге.',
  NOT_FOUND: 'Сервис AidaBilling не знает такого адреса: проверьте адрес сервиса в настройках.',
  METHOD_NOT_ALLOWED: 'Сервис AidaBilling не принимает такой запрос: проверьте адрес сервиса в настройках.',
  AMBIGUOUS: 'В биллинге найдено несколько договоров.',
  PAYLOAD_TOO_LARGE: 'Слишком большой запрос.',
  UNSUPPORTED_MEDIA_TYPE: 'Сервис AidaBilling не принимает такой формат запроса.',
  NO_PHONE: 'У клиента нет телефона, по которому можно искать в биллинге.',
  PHONE_NOT_ON_CUSTOMER: 'Этого телефона нет в профиле клиента.',
  RATE_LIMITED: 'Слишком много запросов: повторите через несколько секунд.',
  BILLING_UNAVAILABLE: 'Биллинг недоступен: попробуйте позже.',
  HELPDESK_UNAVAILABLE: 'Баланс получен, но профиль в FreeScout обновить не удалось.',
  SERVICE_UNREACHABLE: 'Сервис AidaBilling недоступен.',
  SERVICE_AUTH_FAILED: 'Сервис AidaBilling не принял токен модуля: проверьте настройки модуля.',
  CONFIGURATION: 'Сервис AidaBilling настроен неверно.',
  OVERLOADED: 'Сервис AidaBilling перегружен: повторите через минуту.',
  NOT_CONFIGURED: 'Модуль AidaBilling не настроен.',
  DEADLINE_EXCEEDED: 'Ответ занял слишком много времени: попробуйте позже.',
  INTERNAL: 'Внутренняя ошибка сервиса AidaBilling.',
};

/*
 * Every code with a detail as the service (or the module's route) writes it, and what the red block
 * shows: the detail alone when it says what the heading says and more (heading null), otherwise the
 * heading with the detail under it. No sentence is shown twice, and what the agent is to do stays.
 */
const PAIRS = {
  VALIDATION: { detail: 'Некорректный JSON (строка 1, позиция 24)', heading: MESSAGES.VALIDATION },
  UNAUTHORIZED: { detail: 'Токен не принят', heading: MESSAGES.UNAUTHORIZED },
  SIGNATURE_INVALID: { detail: 'Подпись X-FreeScout-Signature не совпадает', heading: MESSAGES.SIGNATURE_INVALID },
  NOT_ALLOWED: { detail: 'У вас нет доступа к этому клиенту.', heading: null },
  CUSTOMER_NOT_FOUND: { detail: 'Клиент 31 не найден в FreeScout', heading: null },
  NOT_IN_BILLING: { detail: 'Клиент с телефоном +79001234567 не найден в биллинге', heading: null },
  CONTRACT_NOT_FOUND: { detail: 'Договор 0512 не найден среди счетов телефона +79004445566 в биллинге', heading: null },
  NOT_FOUND: { detail: 'Нет такого адреса: /aida/api/v1/customers/31/sync', heading: MESSAGES.NOT_FOUND },
  METHOD_NOT_ALLOWED: { detail: 'Метод POST не поддерживается; допустимо: GET, HEAD', heading: MESSAGES.METHOD_NOT_ALLOWED },
  AMBIGUOUS: { detail: 'Найдено 2 счёта в биллинге для телефона +79004445566, выберите договор', heading: null },
  PAYLOAD_TOO_LARGE: { detail: 'Тело запроса больше 65536 байт', heading: null },
  UNSUPPORTED_MEDIA_TYPE: { detail: 'Тело запроса должно быть JSON (Content-Type: application/json)', heading: MESSAGES.UNSUPPORTED_MEDIA_TYPE },
  NO_PHONE: { detail: 'В профиле клиента 31 нет телефона, по которому можно искать в биллинге', heading: null },
  PHONE_NOT_ON_CUSTOMER: { detail: 'Телефон +79004445566 не указан в профиле клиента 31', heading: null },
  RATE_LIMITED: { detail: 'Слишком много запросов с этим токеном; повторите через 1 с', heading: null },
  BILLING_UNAVAILABLE: { detail: 'Биллинг недоступен, попробуйте ещё раз позже', heading: null },
  HELPDESK_UNAVAILABLE: {
    detail: 'Баланс получен, но профиль клиента 31 не удалось сохранить в FreeScout: FreeScout недоступен, попробуйте ещё раз позже',
    heading: null,
  },
  SERVICE_UNREACHABLE: { detail: 'Сервис AidaBilling недоступен. Попробуйте позже или обратитесь к администратору.', heading: null },
  SERVICE_AUTH_FAILED: {
    detail: 'Сервис AidaBilling не принял токен модуля. Попросите администратора проверить токен в настройках модуля.',
    heading: null,
  },
  CONFIGURATION: {
    detail: 'Ошибка настройки связи с биллингом, обратитесь к администратору: биллинг отказал в доступе (HTTP 403): проверьте AIDA_BILLING_EXTRA_HEADER',
    heading: null,
  },
  OVERLOADED: { detail: 'Сервис перегружен; повторите через секунду', heading: null },
  NOT_CONFIGURED: { detail: 'Модуль AidaBilling не настроен: администратор должен указать адрес сервиса и токен.', heading: null },
  DEADLINE_EXCEEDED: { detail: 'Запрос не уложился в 12 с; повторите позже', heading: null },
  INTERNAL: { detail: 'Внутренняя ошибка сервиса; сообщите номер запроса 01JDPROBLEM', heading: null },
};

async function answer(status, body) {
  const p = createPage(blockHtml());
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(status, body);
  await settle(20);
  return p;
}

test('every error code of the contract has its own message and a heading+detail pair', () => {
  assert.deepEqual(Object.keys(MESSAGES).sort(), Object.keys(STATUS).sort());
  assert.deepEqual(Object.keys(PAIRS).sort(), Object.keys(STATUS).sort());
});

for (const code of Object.keys(MESSAGES)) {
  // HELPDESK_UNAVAILABLE's message is the one for a failed write, which carries the balance
  const extra = code === 'HELPDESK_UNAVAILABLE' ? { account: account() } : {};

  test('problem ' + code + ' without a detail gives a red block with its message', async () => {
    const p = await answer(STATUS[code], problem(code, Object.assign({ detail: null }, extra)));
    const result = p.document.getElementById('aida-balance-result');
    assert.equal(result.hidden, false);
    const box = result.querySelector('.alert.alert-danger');
    assert.ok(box, code + ': ' + result.innerHTML);
    assert.equal(box.querySelector('.aida-error-message').textContent, MESSAGES[code]);
    assert.equal(box.querySelector('.aida-detail'), null);
    assert.match(box.querySelector('.aida-request-id').textContent, /Номер запроса: 01JDPROBLEM/);
    assert.equal(p.reloads.length, 0);
    assert.equal(p.document.getElementById('aida-request-balance-btn').hasAttribute('aria-disabled'), false);
  });

  test('problem ' + code + ' with the service\'s detail: heading and detail say it once', async () => {
    const pair = PAIRS[code];
    const p = await answer(STATUS[code], problem(code, Object.assign({ detail: pair.detail }, extra)));
    const box = p.document.querySelector('#aida-balance-result .alert.alert-danger');
    const heading = box.querySelector('.aida-error-message').textContent;
    const detail = box.querySelector('.aida-detail');
    if (pair.heading === null) {
      assert.equal(heading, pair.detail, 'the detail says it all');
      assert.equal(detail, null);
    } else {
      assert.equal(heading, pair.heading);
      assert.equal(detail.textContent, pair.detail);
    }
    assert.equal((box.textContent.match(new RegExp(pair.detail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g')) || []).length, 1);
    assert.match(box.querySelector('.aida-request-id').textContent, /Номер запроса: 01JDPROBLEM/);
  });
}

test('an English heading is no repetition of the Russian detail: both stay', async () => {
  const labels = { 'error.NOT_IN_BILLING': 'The customer was not found in billing.' };
  const p = createPage(blockHtml({ labels: labels }));
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].respond(404, problem('NOT_IN_BILLING', { detail: PAIRS.NOT_IN_BILLING.detail }));
  await settle(20);
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'The customer was not found in billing.');
  assert.equal(p.document.querySelector('.aida-detail').textContent, PAIRS.NOT_IN_BILLING.detail);
});

test('NOT_IN_BILLING shows the seed message from the service, once', async () => {
  const p = await answer(404, problem('NOT_IN_BILLING', { detail: 'Клиент с телефоном +79001234567 не найден в биллинге' }));
  assert.equal(p.document.querySelector('.aida-result-error').textContent.replace(/Номер запроса.*$/, ''),
    'Клиент с телефоном +79001234567 не найден в биллинге');
});

test('HELPDESK_UNAVAILABLE before any balance (FreeScout unreadable): no «Баланс получен»', async () => {
  for (const acc of [null, undefined]) {
    const p = await answer(502, problem('HELPDESK_UNAVAILABLE', {
      detail: 'Не удалось прочитать профиль клиента 52 из FreeScout: FreeScout недоступен, попробуйте ещё раз позже',
      account: acc,
    }));
    const box = p.document.querySelector('.alert-danger');
    assert.equal(box.querySelector('.aida-error-message').textContent,
      'Не удалось прочитать профиль клиента 52 из FreeScout: FreeScout недоступен, попробуйте ещё раз позже');
    assert.equal(box.querySelector('.aida-balance'), null);
    assert.doesNotMatch(box.textContent, /Баланс/);
  }
  // without a detail, the heading for this case: not «Баланс получен»
  const p = await answer(502, problem('HELPDESK_UNAVAILABLE', { detail: null, account: null }));
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'Сервис AidaBilling не смог связаться с FreeScout: попробуйте позже.');
});

test('HELPDESK_UNAVAILABLE still shows the balance it carries', async () => {
  const p = await answer(502, problem('HELPDESK_UNAVAILABLE', { detail: PAIRS.HELPDESK_UNAVAILABLE.detail, account: account({ balance: '-10.5' }) }));
  const box = p.document.querySelector('.alert-danger');
  assert.equal(box.querySelector('.aida-error-message').textContent, PAIRS.HELPDESK_UNAVAILABLE.detail);
  assert.equal(box.querySelector('.aida-balance').textContent, '-10,50' + NBSP + '₽');
  assert.ok(box.querySelector('.aida-balance').classList.contains('aida-debt'));
  assert.equal(box.querySelector('.aida-fullname').textContent, 'Новичков Тарас Викторович');
  assert.equal(box.querySelector('.aida-contract').textContent, '0138');
  assert.equal(p.window.sessionStorage.length, 0);
  assert.equal(p.reloads.length, 0);
});

test('INTERNAL without an account (an unexpected error before billing answered) shows no balance', async () => {
  // with an account it is a write the audit log missed, no error for the agent: unaudited.test.js
  const bare = await answer(500, problem('INTERNAL', { detail: PAIRS.INTERNAL.detail, account: null }));
  assert.equal(bare.document.querySelector('.alert-danger .aida-error-message').textContent, PAIRS.INTERNAL.detail);
  assert.equal(bare.document.querySelector('.alert-danger .aida-balance'), null);
  assert.equal(bare.reloads.length, 0);
});

test('an unknown code is still reported, with the code', async () => {
  const p = await answer(500, problem('SOMETHING_NEW'));
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'Не удалось запросить баланс. (SOMETHING_NEW)');
});

test('a detail that opens with the message shows only what it adds', async () => {
  const p = await answer(400, problem('VALIDATION', { detail: 'Запрос не прошёл проверку. Поле contract длиннее 64 символов' }));
  assert.equal(p.document.querySelector('.aida-error-message').textContent, MESSAGES.VALIDATION);
  assert.equal(p.document.querySelector('.aida-detail').textContent, 'Поле contract длиннее 64 символов');
});

test('a detail that only repeats the message is not shown twice', async () => {
  const p = await answer(400, problem('VALIDATION', { detail: MESSAGES.VALIDATION }));
  assert.equal(p.document.querySelector('.aida-detail'), null);
});

test('a problem without detail or request id shows just the message', async () => {
  const p = await answer(503, { code: 'NOT_CONFIGURED', status: 503 });
  const box = p.document.querySelector('.alert-danger');
  assert.equal(box.textContent, MESSAGES.NOT_CONFIGURED);
});

test('network failure', async () => {
  const p = createPage(blockHtml());
  click(p.document.getElementById('aida-request-balance-btn'));
  p.calls[0].fail();
  await settle(20);
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'Нет связи с FreeScout: проверьте сеть и повторите.');
  assert.equal(p.document.getElementById('aida-request-balance-btn').hasAttribute('aria-disabled'), false);
});

test('a fetch that throws at once is a network failure too', async () => {
  const p = createPage(blockHtml());
  p.window.fetch = function () {
    throw new Error('blocked by CSP');
  };
  click(p.document.getElementById('aida-request-balance-btn'));
  await settle(20);
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'Нет связи с FreeScout: проверьте сеть и повторите.');
});

test('CSRF token expired (FreeScout answers 419)', async () => {
  const p = await answer(419, '<html>Page Expired</html>');
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'Страница устарела: обновите её и повторите.');
});

test('logged out (FreeScout answers 401 Unauthenticated)', async () => {
  const p = await answer(401, { message: 'Unauthenticated.' });
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'Вы вышли из FreeScout: войдите снова.');
});

test('403 without a problem body', async () => {
  const p = await answer(403, '<html>Forbidden</html>');
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'Доступ запрещён.');
});

test('HTML error page from FreeScout', async () => {
  const p = await answer(500, '<!doctype html><h1>Whoops</h1>');
  assert.equal(p.document.querySelector('.aida-error-message').textContent,
    'FreeScout не смог обработать запрос: сообщите администратору. (HTTP 500)');
});

test('FreeScout\'s web server answering for a PHP that is down or too slow: try again, not "unexpected"', async () => {
  for (const status of [502, 503, 504]) {
    const p = await answer(status, '<html><head><title>' + status + ' Gateway Time-out</title></head><body>nginx</body></html>');
    assert.equal(p.document.querySelector('.aida-error-message').textContent,
      'FreeScout временно недоступен: повторите через минуту. (HTTP ' + status + ')');
  }
  const p = await answer(404, '<html>Not Found</html>');
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'Неожиданный ответ сервера (HTTP 404)');
});

test('200 that is not JSON or not a sync result', async () => {
  let p = await answer(200, '<html>login</html>');
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'Неожиданный ответ сервера (HTTP 200)');
  p = await answer(200, { success: true });
  assert.equal(p.document.querySelector('.aida-error-message').textContent, 'Неожиданный ответ сервера (HTTP 200)');
});

test('a 2xx JSON object with some other status is no sync result: never a green «Профиль актуален»', async () => {
  for (const status of ['ok', 'error', 'success', 'UPDATED']) {
    const p = await answer(200, { status: status, message: 'unknown method' });
    const result = p.document.getElementById('aida-balance-result');
    assert.equal(result.querySelector('.alert-success'), null, status);
    assert.equal(result.querySelector('.aida-error-message').textContent, 'Неожиданный ответ сервера (HTTP 200)', status);
    assert.equal(p.reloads.length, 0);
  }
});

test('after an error the button works again', async () => {
  const p = await answer(502, problem('BILLING_UNAVAILABLE'));
  click(p.document.getElementById('aida-request-balance-btn'));
  assert.equal(p.calls.length, 2);
  assert.equal(p.document.getElementById('aida-balance-result').textContent, 'Запрашиваем баланс…');
});

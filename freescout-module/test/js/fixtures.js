'use strict';
// Answers in the wire contract's shapes (spec 11), as http-app and the module's route give them.

function account(overrides) {
  return Object.assign({
    contract: '0138', fullName: 'Новичков Тарас Викторович', address: 'поселок Соляной Набережная 8/1',
    tariff: '2024_SMiT', balance: '256.52', currency: 'RUB',
  }, overrides);
}

function synced(status, changes, accountOverrides) {
  return {
    status: status, customerId: 31, requestId: '01JDREQUEST', phone: '+79004445566',
    account: account(accountOverrides),
    name: { kind: 'PERSON', last: 'Новичков', first: 'Тарас', middle: 'Викторович', org: null },
    address: { postcode: null, region: null, district: null, settlementType: 'поселок', settlement: 'Соляной',
      streetType: null, street: 'Набережная', house: '8/1', block: null, flat: null, unparsed: null },
    changes: changes === undefined ? [
      { field: 'firstName', old: 'Ivan', new: 'Тарас' },
      { field: 'zip', old: null, new: 'Соляной' },
    ] : changes,
  };
}

const STATUS = {
  VALIDATION: 400, UNAUTHORIZED: 401, SIGNATURE_INVALID: 403, NOT_ALLOWED: 403, CUSTOMER_NOT_FOUND: 404,
  NOT_IN_BILLING: 404, CONTRACT_NOT_FOUND: 404, NOT_FOUND: 404, METHOD_NOT_ALLOWED: 405, AMBIGUOUS: 409,
  PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415, NO_PHONE: 422, PHONE_NOT_ON_CUSTOMER: 422,
  RATE_LIMITED: 429, BILLING_UNAVAILABLE: 502, HELPDESK_UNAVAILABLE: 502, SERVICE_UNREACHABLE: 502,
  SERVICE_AUTH_FAILED: 502, CONFIGURATION: 502, OVERLOADED: 503, NOT_CONFIGURED: 503, DEADLINE_EXCEEDED: 504,
  INTERNAL: 500,
};

function problem(code, extra) {
  return Object.assign({
    type: 'tag:aida-billing,2026:problem:' + code.toLowerCase().replace(/_/g, '-'),
    title: code, status: STATUS[code] || 500, code: code, detail: 'Подробности: ' + code, requestId: '01JDPROBLEM',
  }, extra);
}

module.exports = { account, synced, problem, STATUS };

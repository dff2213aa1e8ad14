/*
 * AidaBilling: the «Запросить баланс» button in FreeScout's customer profile.
 *
 * Written in ES5 syntax only (no template literals, arrow functions, let/const, classes, regex
 * literals): FreeScout bundles and minifies module JS with JShrink, and a syntax it mangles breaks
 * the whole help desk. Plain DOM and fetch, no jQuery and no FreeScout globals, so the http-app
 * sandbox page runs this very file. Every value from billing is inserted with textContent.
 *
 * The profile block can appear twice on a page and the conversation sidebar is re-rendered by
 * AJAX, so clicks are handled by one delegated listener and every element is looked up inside the
 * clicked button's .aida-billing block. Markup: freescout-module/README.md.
 */
;(function (window, document) {
    'use strict';

    if (window.AidaBilling && window.AidaBilling.loaded) {
        return;
    }

    var BLOCK_CLASS = 'aida-billing';
    var BUTTON_CLASS = 'aida-request-balance-btn';
    var RESULT_CLASS = 'aida-balance-result';
    var CHOOSE_CLASS = 'aida-choose-contract';
    var PING_CLASS = 'aida-ping';
    var PING_BUTTON_CLASS = 'aida-ping-btn';
    var PING_RESULT_CLASS = 'aida-ping-result';
    var SPINNER_CLASS = 'aida-spinner';
    var STORAGE_PREFIX = 'aidabilling.result.';
    var STORAGE_MAX_AGE_MS = 10 * 60 * 1000;
    /* A page loaded this long after the module asked for its reload is no longer that reload. */
    var OWN_RELOAD_MAX_AGE_MS = 60 * 1000;
    /* The module's time-out for its call to the service (data-timeout, s) when the page does not say: the settings' maximum. */
    var MAX_SERVICE_TIMEOUT_S = 120;
    /* The browser waits this much longer than the module's route waits for the service: FreeScout's own work around the call. */
    var WAIT_MARGIN_MS = 5000;
    var NBSP = '\u00a0';
    var ARROW = ' \u2192 ';
    var DASH = ' \u2014 ';
    var MONEY_PATTERN = new RegExp('^([-+]?)([0-9]+)(?:[.]([0-9]+))?$');
    var UPPER_CASE = new RegExp('([A-Z])', 'g');

    /* Russian texts, used when the block carries no data-labels (e.g. the sandbox page). */
    var DEFAULT_LABELS = {
        'requestBalance': 'Запросить баланс',
        'loading': 'Запрашиваем баланс…',
        'balance': 'Баланс',
        'debt': 'долг',
        'fullName': 'ФИО',
        'orgName': 'Наименование',
        'contract': 'Договор',
        'tariff': 'Тариф',
        'statusUpdated': 'Профиль обновлен',
        'statusUnchanged': 'Профиль актуален, изменений нет',
        'statusElsewhere': 'Профиль уже обновлён в FreeScout (в другом окне или оператором), а на этой странице старые значения:',
        'statusElsewhereReloaded': 'Профиль был обновлён в FreeScout (в другом окне или оператором); страница перезагружена и показывает его значения:',
        'statusDryRun': 'Только проверка: ничего не записано',
        'reloading': 'Страница обновится через 2 секунды…',
        'reloadYourself': 'На странице есть несохранённые данные, поэтому она не обновится сама: обновите её, когда закончите, чтобы увидеть новые значения.',
        'staleProfileForm': 'Форма профиля на этой странице содержит старые значения — её сохранение вернёт их.',
        'reloadToSee': 'Обновите страницу, чтобы увидеть новые значения.',
        'auditGap': 'Сервис AidaBilling не смог записать это изменение в журнал изменений: сообщите администратору номер запроса.',
        'restored': 'Результат запроса до перезагрузки страницы',
        'emptyValue': '(пусто)',
        'requestId': 'Номер запроса',
        'chooseContract': 'По этому телефону найдено несколько договоров, выберите нужный:',
        'field.firstName': 'Имя',
        'field.lastName': 'Фамилия',
        'field.company': 'Компания',
        'field.zip': 'Индекс',
        'field.city': 'Город',
        'field.state': 'Регион',
        'field.address': 'Адрес',
        'error.VALIDATION': 'Запрос не прошёл проверку.',
        'error.UNAUTHORIZED': 'Сервис AidaBilling требует авторизации.',
        'error.SIGNATURE_INVALID': 'Подпись запроса отклонена.',
        'error.NOT_ALLOWED': 'У вас нет доступа к этому клиенту.',
        'error.CUSTOMER_NOT_FOUND': 'Клиент не найден в FreeScout.',
        'error.NOT_IN_BILLING': 'Клиент не найден в биллинге.',
        'error.CONTRACT_NOT_FOUND': 'Выбранный договор не найден в биллинге.',
        'error.NOT_FOUND': 'Сервис AidaBilling не знает такого адреса: проверьте адрес сервиса в настройках.',
        'error.METHOD_NOT_ALLOWED': 'Сервис AidaBilling не принимает такой запрос: проверьте адрес сервиса в настройках.',
        'error.AMBIGUOUS': 'В биллинге найдено несколько договоров.',
        'error.PAYLOAD_TOO_LARGE': 'Слишком большой запрос.',
        'error.UNSUPPORTED_MEDIA_TYPE': 'Сервис AidaBilling не принимает такой формат запроса.',
        'error.NO_PHONE': 'У клиента нет телефона, по которому можно искать в биллинге.',
        'error.PHONE_NOT_ON_CUSTOMER': 'Этого телефона нет в профиле клиента.',
        'error.RATE_LIMITED': 'Слишком много запросов: повторите через несколько секунд.',
        'error.BILLING_UNAVAILABLE': 'Биллинг недоступен: попробуйте позже.',
        'error.HELPDESK_UNAVAILABLE': 'Баланс получен, но профиль в FreeScout обновить не удалось.',
        'error.helpdeskUnreachable': 'Сервис AidaBilling не смог связаться с FreeScout: попробуйте позже.',
        'error.SERVICE_UNREACHABLE': 'Сервис AidaBilling недоступен.',
        'error.SERVICE_AUTH_FAILED': 'Сервис AidaBilling не принял токен модуля: проверьте настройки модуля.',
        'error.CONFIGURATION': 'Сервис AidaBilling настроен неверно.',
        'error.OVERLOADED': 'Сервис AidaBilling перегружен: повторите через минуту.',
        'error.NOT_CONFIGURED': 'Модуль AidaBilling не настроен.',
        'error.DEADLINE_EXCEEDED': 'Ответ занял слишком много времени: попробуйте позже.',
        'error.INTERNAL': 'Внутренняя ошибка сервиса AidaBilling.',
        'error.unknown': 'Не удалось запросить баланс.',
        'error.network': 'Нет связи с FreeScout: проверьте сеть и повторите.',
        'error.timedOut': 'Ответ не пришёл вовремя: неизвестно, чем закончился запрос, и профиль мог быть обновлён. Обновите страницу, чтобы увидеть его текущие значения, и только потом запрашивайте баланс снова.',
        'error.sessionExpired': 'Страница устарела: обновите её и повторите.',
        'error.loggedOut': 'Вы вышли из FreeScout: войдите снова.',
        'error.forbidden': 'Доступ запрещён.',
        'error.badResponse': 'Неожиданный ответ сервера',
        'error.serverUnavailable': 'FreeScout временно недоступен: повторите через минуту.',
        'error.serverError': 'FreeScout не смог обработать запрос: сообщите администратору.',
        'ping.checking': 'Проверяем соединение…',
        'ping.ok': 'Соединение установлено',
        'ping.billing': 'Биллинг',
        'ping.freescout': 'FreeScout',
        'ping.reachable': 'доступен',
        'ping.timedOut': 'Ответ не пришёл вовремя: результат проверки неизвестен. Повторите позже, а если так будет и дальше, проверьте FreeScout и сервис AidaBilling.',
        'settings.urlMissing': 'Укажите адрес сервиса AidaBilling.',
        'settings.urlInvalid': 'Адрес сервиса должен начинаться с http:// или https://, содержать имя хоста и не содержать параметров запроса и имени пользователя.',
        'settings.timeoutInvalid': 'Тайм-аут должен быть целым числом секунд от 13 до 120.',
        'settings.timeoutTooShort': 'Тайм-аут должен быть не меньше 13 секунд: сервис AidaBilling отвечает в течение 12 секунд, и при более коротком ожидании сотрудник увидит ошибку, хотя профиль ещё может быть записан.'
    };

    var requestCounter = 0;

    var api = {
        loaded: true,
        /* Delay before the page reloads after the profile was updated (spec: 2 s). */
        reloadDelayMs: 2000,
        reload: function () {
            window.location.reload();
        },
        formatMoney: formatMoney,
        restore: restoreAll,
        defaultLabels: DEFAULT_LABELS
    };

    /* ---------- DOM helpers ---------- */

    function hasClass(element, className) {
        if (!element || element.nodeType !== 1) {
            return false;
        }
        if (element.classList) {
            return element.classList.contains(className);
        }
        return (' ' + element.getAttribute('class') + ' ').indexOf(' ' + className + ' ') >= 0;
    }

    function closest(element, className) {
        var node = element;
        while (node && node.nodeType === 1) {
            if (hasClass(node, className)) {
                return node;
            }
            node = node.parentNode;
        }
        return null;
    }

    function make(tagName, className, text) {
        var element = document.createElement(tagName);
        if (className) {
            element.className = className;
        }
        if (text !== undefined && text !== null) {
            element.textContent = String(text);
        }
        return element;
    }

    function clear(element) {
        while (element.firstChild) {
            element.removeChild(element.firstChild);
        }
    }

    function isAttached(element) {
        return !!element && document.documentElement.contains(element);
    }

    function isText(value) {
        return typeof value === 'string' && value.length > 0;
    }

    function isObject(value) {
        return value !== null && typeof value === 'object' && !(value instanceof Array);
    }

    function labelsOf(container) {
        var labels = {};
        var key;
        var given = null;
        for (key in DEFAULT_LABELS) {
            if (Object.prototype.hasOwnProperty.call(DEFAULT_LABELS, key)) {
                labels[key] = DEFAULT_LABELS[key];
            }
        }
        var raw = container ? container.getAttribute('data-labels') : null;
        if (raw) {
            try {
                given = JSON.parse(raw);
            } catch (ignored) {
                given = null;
            }
        }
        if (isObject(given)) {
            for (key in given) {
                if (Object.prototype.hasOwnProperty.call(given, key) && isText(given[key])) {
                    labels[key] = given[key];
                }
            }
        }
        return labels;
    }

    function csrfToken() {
        var meta = document.querySelector('meta[name="csrf-token"]');
        return meta ? meta.getAttribute('content') : null;
    }

    /* ---------- money ---------- */

    function currencySymbol(currency) {
        if (!isText(currency) || currency === 'RUB') {
            return '\u20bd';
        }
        return currency;
    }

    function groupThousands(digits) {
        var out = '';
        var count = 0;
        for (var i = digits.length - 1; i >= 0; i--) {
            out = digits.charAt(i) + out;
            count++;
            if (count % 3 === 0 && i > 0) {
                out = NBSP + out;
            }
        }
        return out;
    }

    function parseMoney(value) {
        if (value === null || value === undefined) {
            return null;
        }
        var text = String(value).trim().split(',').join('.');
        var match = MONEY_PATTERN.exec(text);
        if (!match) {
            return null;
        }
        var integer = match[2].replace(new RegExp('^0+(?=[0-9])'), '');
        var fraction = match[3] || '';
        while (fraction.length < 2) {
            fraction += '0';
        }
        var zero = new RegExp('^0+$').test(integer + fraction);
        return { negative: match[1] === '-' && !zero, integer: integer, fraction: fraction };
    }

    /** "1004.5" -> "1 004,50 ₽" (no-break spaces), "-1250.50" -> "-1 250,50 ₽". */
    function formatMoney(value, currency) {
        var money = parseMoney(value);
        if (!money) {
            return value === null || value === undefined ? '' : String(value);
        }
        return (money.negative ? '-' : '') + groupThousands(money.integer) + ',' + money.fraction +
            NBSP + currencySymbol(currency);
    }

    function isDebt(value) {
        var money = parseMoney(value);
        return !!money && money.negative;
    }

    /* ---------- HTTP ---------- */

    function parseJson(text) {
        if (!text) {
            return null;
        }
        try {
            return JSON.parse(text);
        } catch (ignored) {
            return null;
        }
    }

    /*
     * How long the browser waits for the module's route: the route's own time-out for the service
     * (data-timeout on the block or on «Проверить соединение», in seconds; the sandbox page renders
     * its own route's time-out there) and a margin. Without it (an older view) the longest time-out
     * the settings allow.
     */
    function waitLimitMs(element) {
        var seconds = element ? parseInt(element.getAttribute('data-timeout'), 10) : NaN;
        if (!(seconds >= 1 && seconds <= 3600)) {
            seconds = MAX_SERVICE_TIMEOUT_S;
        }
        return seconds * 1000 + WAIT_MARGIN_MS;
    }

    function abortController() {
        if (typeof window.AbortController !== 'function') {
            return null;
        }
        try {
            return new window.AbortController();
        } catch (ignored) {
            return null;
        }
    }

    /*
     * Resolves (never rejects) to {status, body, networkError, timedOut}. A request still without
     * its whole answer after limitMs (a PHP worker stuck, a proxy holding the connection) resolves as
     * timedOut and is aborted where the browser has AbortController; elsewhere its late answer is
     * dropped. Either way the caller gets its button back.
     */
    function send(url, payload, limitMs) {
        var headers = {
            'Accept': 'application/json',
            'Content-Type': 'application/json',
            'X-Requested-With': 'XMLHttpRequest'
        };
        var token = csrfToken();
        if (token) {
            headers['X-CSRF-TOKEN'] = token;
        }
        var fetchFunction = window.fetch;
        if (typeof fetchFunction !== 'function') {
            return Promise.resolve({ status: 0, body: null, networkError: true });
        }
        var controller = abortController();
        var init = {
            method: 'POST',
            credentials: 'same-origin',
            headers: headers,
            body: JSON.stringify(payload)
        };
        if (controller) {
            init.signal = controller.signal;
        }
        var request;
        try {
            request = fetchFunction.call(window, url, init);
        } catch (error) {
            return Promise.resolve({ status: 0, body: null, networkError: true });
        }
        return new Promise(function (resolve) {
            var done = false;
            var timer = null;
            function finish(answer) {
                if (done) {
                    return;
                }
                done = true;
                if (timer !== null) {
                    window.clearTimeout(timer);
                    timer = null;
                }
                resolve(answer);
            }
            if (limitMs > 0) {
                timer = window.setTimeout(function () {
                    timer = null;
                    finish({ status: 0, body: null, networkError: false, timedOut: true });
                    if (controller) {
                        try {
                            controller.abort();
                        } catch (ignored) {
                            // the late answer is dropped all the same
                        }
                    }
                }, limitMs);
            }
            Promise.resolve(request).then(function (response) {
                return response.text().then(function (text) {
                    finish({ status: response.status, body: parseJson(text), networkError: false });
                }, function () {
                    finish({ status: response.status, body: null, networkError: false });
                });
            }, function () {
                finish({ status: 0, body: null, networkError: true });
            });
        });
    }

    /* ---------- rendering ---------- */

    function show(result, box) {
        clear(result);
        result.appendChild(box);
        result.hidden = false;
    }

    function appendRow(box, labelText, value, valueClass) {
        var row = make('div', 'aida-row');
        row.appendChild(make('strong', 'aida-label', labelText + ':'));
        row.appendChild(document.createTextNode(' '));
        row.appendChild(make('span', 'aida-value' + (valueClass ? ' ' + valueClass : ''), value));
        box.appendChild(row);
        return row;
    }

    /* An organisation's billing name is no ФИО (the sync's parsed name says which it is). */
    function nameLabel(labels, body) {
        var organisation = isObject(body) && isObject(body.name) && body.name.kind === 'ORGANIZATION';
        return organisation ? labels.orgName : labels.fullName;
    }

    function appendAccount(box, labels, account, nameText) {
        if (!isObject(account)) {
            return;
        }
        if (account.balance !== null && account.balance !== undefined && account.balance !== '') {
            var debt = isDebt(account.balance);
            var row = appendRow(box, labels.balance, formatMoney(account.balance, account.currency),
                'aida-balance' + (debt ? ' aida-debt' : ''));
            if (debt) {
                row.appendChild(document.createTextNode(' '));
                row.appendChild(make('span', 'aida-debt-note', '(' + labels.debt + ')'));
            }
        }
        if (isText(account.fullName)) {
            appendRow(box, nameText || labels.fullName, account.fullName, 'aida-fullname');
        }
        if (isText(account.contract)) {
            appendRow(box, labels.contract, account.contract, 'aida-contract');
        }
        if (isText(account.tariff)) {
            appendRow(box, labels.tariff, account.tariff, 'aida-tariff');
        }
    }

    function fieldLabel(labels, field) {
        var key = 'field.' + field;
        return isText(labels[key]) ? labels[key] : String(field);
    }

    function displayValue(labels, value) {
        return value === null || value === undefined || value === '' ? labels.emptyValue : String(value);
    }

    function appendChanges(box, labels, changes) {
        var list = make('ul', 'aida-changes');
        for (var i = 0; i < changes.length; i++) {
            var change = changes[i];
            if (!isObject(change)) {
                continue;
            }
            list.appendChild(make('li', 'aida-change', fieldLabel(labels, change.field) + ': ' +
                displayValue(labels, change.old) + ARROW + displayValue(labels, change['new'])));
        }
        box.appendChild(list);
    }

    function appendRequestId(box, labels, body) {
        if (isObject(body) && isText(body.requestId)) {
            box.appendChild(make('div', 'aida-request-id text-muted small', labels.requestId + ': ' + body.requestId));
        }
    }

    /* The statuses of a sync result (spec 11); any other 2xx body is no answer of ours. */
    function isSyncStatus(status) {
        return status === 'updated' || status === 'unchanged' || status === 'dry-run';
    }

    function hasChanges(body) {
        return body.changes instanceof Array && body.changes.length > 0;
    }

    /*
     * INTERNAL with billing's account: FreeScout took the write, but the service's audit log could
     * not record it (docs/http-api.md). For the agent the profile was updated, as with "updated":
     * the balance, reload and kept answer as then, and the audit gap said plainly, with the request
     * id for the administrator. Any other INTERNAL (no account) came before the write: a red error.
     */
    function isUnauditedWrite(body) {
        return isObject(body) && body.code === 'INTERNAL' && isObject(body.account);
    }

    /* The fields a sync may write (spec 11's "changes"): what such a write may have changed. */
    var SYNC_FIELDS = ['firstName', 'lastName', 'company', 'zip', 'city', 'state', 'address'];

    function anySyncField() {
        var fields = [];
        for (var i = 0; i < SYNC_FIELDS.length; i++) {
            fields.push({ field: SYNC_FIELDS[i] });
        }
        return fields;
    }

    function appendAuditGap(box, labels, body) {
        if (isUnauditedWrite(body)) {
            box.appendChild(make('div', 'aida-audit-gap', labels.auditGap));
        }
    }

    function renderSuccess(result, labels, body, options) {
        var unaudited = isUnauditedWrite(body);
        var box = make('div', unaudited ? 'alert alert-warning aida-result aida-result-unaudited'
            : 'alert alert-success aida-result aida-result-success');
        if (options.restored) {
            box.appendChild(make('div', 'aida-restored text-muted small', labels.restored));
        }
        appendAccount(box, labels, body.account, nameLabel(labels, body));
        if (options.balanceOnly) {
            // kept while the page held unsaved input: saving that form may have put the old values
            // back since, so only the balance is shown again, not "updated" and its changes
            appendAuditGap(box, labels, body);
            appendRequestId(box, labels, body);
            show(result, box);
            return;
        }
        var behind = options.behind instanceof Array && options.behind.length > 0;
        var statusText = labels.statusUnchanged;
        if (body.status === 'updated' || unaudited) {
            statusText = labels.statusUpdated;
        } else if (body.status === 'dry-run') {
            statusText = labels.statusDryRun;
        } else if (behind) {
            // after the reload the page shows FreeScout's values: what was behind, in the past tense
            statusText = options.restored ? labels.statusElsewhereReloaded : labels.statusElsewhere;
        }
        box.appendChild(make('div', 'aida-status aida-status-' + (behind ? 'elsewhere' : unaudited ? 'updated' : String(body.status)),
            statusText));
        if (behind) {
            appendChanges(box, labels, options.behind);
        } else if (!unaudited && body.status !== 'unchanged' && hasChanges(body)) {
            appendChanges(box, labels, body.changes);
        }
        if (options.reloading) {
            box.appendChild(make('div', 'aida-reloading text-muted small', labels.reloading));
        } else if (options.reloadYourself || options.reloadOff) {
            // why the page does not reload itself (unsaved input, or the reload turned off)
            var why = options.reloadYourself ? labels.reloadYourself : labels.reloadToSee;
            box.appendChild(make('div', 'aida-reload-yourself text-muted small',
                why + (options.staleForm ? ' ' + labels.staleProfileForm : '')));
        }
        appendAuditGap(box, labels, body);
        appendRequestId(box, labels, body);
        show(result, box);
    }

    function problemKey(code, body) {
        if (code === 'HELPDESK_UNAVAILABLE' && !(isObject(body) && isObject(body.account))) {
            // FreeScout failed before any balance was found (reading the profile, or a ping):
            // «Баланс получен, но…» would promise a balance the block does not have
            return 'error.helpdeskUnreachable';
        }
        return 'error.' + code;
    }

    /*
     * The red block's heading and the line under it for a problem. The service's detail (Russian,
     * written for the agent) of these codes says what the Russian heading says, and more: which
     * customer, phone or contract, and what to do («Клиент с телефоном +79001234567 не найден в
     * биллинге» under «Клиент не найден в биллинге.»). Then the detail alone is the heading. For the
     * other codes it is a technical statement («Нет такого адреса: /api/v1/x») that the heading
     * explains or tells what to do about, so both stay. A heading in another language (an English
     * FreeScout user) is no repetition of the Russian detail, and stays above it.
     */
    var DETAIL_SAYS_IT = {
        'NOT_ALLOWED': true, 'CUSTOMER_NOT_FOUND': true, 'NOT_IN_BILLING': true, 'CONTRACT_NOT_FOUND': true,
        'AMBIGUOUS': true, 'PAYLOAD_TOO_LARGE': true, 'NO_PHONE': true, 'PHONE_NOT_ON_CUSTOMER': true,
        'RATE_LIMITED': true, 'BILLING_UNAVAILABLE': true, 'HELPDESK_UNAVAILABLE': true, 'SERVICE_UNREACHABLE': true,
        'SERVICE_AUTH_FAILED': true, 'CONFIGURATION': true, 'OVERLOADED': true, 'NOT_CONFIGURED': true,
        'DEADLINE_EXCEEDED': true, 'INTERNAL': true
    };

    function problemTexts(labels, body, key) {
        var message = isText(labels[key]) ? labels[key] : labels['error.unknown'] + ' (' + body.code + ')';
        if (isText(body.detail) && DETAIL_SAYS_IT[body.code] === true && labels[key] === DEFAULT_LABELS[key]) {
            return { message: body.detail, detail: '' };
        }
        return { message: message, detail: detailBeyond(message, body.detail) };
    }

    function renderError(result, labels, texts, body) {
        var box = make('div', 'alert alert-danger aida-result aida-result-error');
        box.appendChild(make('strong', 'aida-error-message', texts.message));
        if (texts.detail) {
            box.appendChild(make('div', 'aida-detail', texts.detail));
        }
        if (isObject(body)) {
            appendAccount(box, labels, body.account);
            appendRequestId(box, labels, body);
        }
        show(result, box);
    }

    /* What the service's detail adds to the message above it: nothing when it says the same,
     * its rest when it starts with the same sentence («Сервис AidaBilling недоступен.» then
     * «Сервис AidaBilling недоступен. Попробуйте позже…»). */
    function detailBeyond(message, detail) {
        if (!isText(detail) || detail === message) {
            return '';
        }
        if (isText(message) && detail.indexOf(message) === 0) {
            return detail.substring(message.length).trim();
        }
        return detail;
    }

    function renderChooser(result, labels, body) {
        var box = make('div', 'alert alert-warning aida-result aida-chooser');
        var texts = problemTexts(labels, body, 'chooseContract');
        box.appendChild(make('strong', 'aida-error-message', texts.message));
        if (texts.detail) {
            box.appendChild(make('div', 'aida-detail', texts.detail));
        }
        var list = make('ul', 'aida-candidates list-unstyled');
        for (var i = 0; i < body.candidates.length; i++) {
            var candidate = body.candidates[i];
            if (!isObject(candidate) || !isText(candidate.contract)) {
                continue;
            }
            var text = candidate.contract;
            if (isText(candidate.fullName)) {
                text += DASH + candidate.fullName;
            }
            if (candidate.balance !== null && candidate.balance !== undefined && candidate.balance !== '') {
                text += DASH + formatMoney(candidate.balance, candidate.currency);
            }
            var button = make('button', 'btn btn-default btn-xs ' + CHOOSE_CLASS, text);
            if (isText(candidate.address)) {
                // one person often has several contracts (a flat, a dacha): the address tells them apart
                button.appendChild(make('span', 'aida-candidate-address', candidate.address));
            }
            button.type = 'button';
            button.setAttribute('data-contract', candidate.contract);
            if (isDebt(candidate.balance)) {
                button.className += ' aida-debt';
            }
            var item = make('li', 'aida-candidate');
            item.appendChild(button);
            list.appendChild(item);
        }
        box.appendChild(list);
        appendRequestId(box, labels, body);
        show(result, box);
    }

    function renderProblem(result, labels, body) {
        if (body.code === 'AMBIGUOUS' && body.candidates instanceof Array && body.candidates.length > 0) {
            renderChooser(result, labels, body);
            return;
        }
        renderError(result, labels, problemTexts(labels, body, problemKey(body.code, body)), body);
    }

    /* What the browser got when it was not a proper answer of the module's route. */
    function transportMessage(labels, answer) {
        if (answer.timedOut) {
            // the route may still be at work: the profile may be written after all
            return labels['error.timedOut'];
        }
        if (answer.networkError) {
            return labels['error.network'];
        }
        if (answer.status === 419) {
            return labels['error.sessionExpired'];
        }
        if (answer.status === 401) {
            return labels['error.loggedOut'];
        }
        if (answer.status === 403) {
            return labels['error.forbidden'];
        }
        if (answer.status >= 502 && answer.status <= 504) {
            // FreeScout's web server answering for a PHP that is down, busy or too slow (maintenance too)
            return labels['error.serverUnavailable'] + ' (HTTP ' + answer.status + ')';
        }
        if (answer.status === 500) {
            return labels['error.serverError'] + ' (HTTP 500)';
        }
        return labels['error.badResponse'] + ' (HTTP ' + answer.status + ')';
    }

    /* ---------- sync ---------- */

    /*
     * Turns a button off while its request runs (or the page is about to reload) without `disabled`:
     * Chromium moves the keyboard focus off a button that becomes disabled, to the page, so the
     * agent's place is lost and a screen reader falls silent. aria-disabled says it is off, the
     * class gives Bootstrap's look, and data-aida-busy makes a press do nothing meanwhile.
     */
    function setOff(button, off) {
        if (off) {
            button.setAttribute('aria-disabled', 'true');
            button.classList.add('disabled');
        } else {
            button.removeAttribute('aria-disabled');
            button.classList.remove('disabled');
        }
    }

    function setBusy(block, button, result, labels, busy) {
        var spinner = button.querySelector('.' + SPINNER_CLASS);
        if (busy) {
            block.setAttribute('data-aida-busy', '1');
            var active = document.activeElement;
            if (active === button || (active && block.contains(active))) {
                block.setAttribute('data-aida-focus', '1'); // the button, or a contract in the chooser
                if (active !== button) {
                    button.focus(); // the chosen contract's button is about to be replaced by the answer
                }
            }
            setOff(button, true);
            button.setAttribute('aria-busy', 'true');
            if (!spinner) {
                spinner = make('span', SPINNER_CLASS);
                spinner.setAttribute('aria-hidden', 'true');
                button.insertBefore(spinner, button.firstChild);
            }
            var loading = make('div', 'aida-loading text-muted', labels.loading);
            show(result, loading);
        } else {
            var hadFocus = block.getAttribute('data-aida-focus') === '1';
            block.removeAttribute('data-aida-busy');
            block.removeAttribute('data-aida-focus');
            setOff(button, false);
            button.removeAttribute('aria-busy');
            var focused = document.activeElement;
            if (hadFocus && (!focused || focused === document.body)) {
                button.focus(); // the focus was lost meanwhile (the block re-rendered): give it back
            }
            if (spinner && spinner.parentNode) {
                spinner.parentNode.removeChild(spinner);
            }
        }
    }

    function storageKey(customerId) {
        return STORAGE_PREFIX + customerId;
    }

    /* Keeps the answer for the page that comes after the reload; false when storage is refused. */
    function remember(customerId, body, unsaved, behind) {
        try {
            window.sessionStorage.setItem(storageKey(customerId),
                JSON.stringify({ savedAt: new Date().getTime(), body: body, unsaved: unsaved === true,
                    behind: behind instanceof Array ? behind : [] }));
            return true;
        } catch (ignored) {
            return false;
        }
    }

    /*
     * Notes on the kept answer that the module itself is reloading the page now, and whether the
     * keyboard focus was the block's (on its button, or nowhere in particular): the page after the
     * reload gives the focus back to the block then, and only then — not after the agent's own
     * reload or on an ordinary page load.
     */
    function markOwnReload(customerId, block) {
        var active = document.activeElement;
        try {
            var saved = parseJson(window.sessionStorage.getItem(storageKey(customerId)));
            if (isObject(saved)) {
                saved.reloadedAt = new Date().getTime();
                saved.focus = !active || active === document.body || block.contains(active);
                window.sessionStorage.setItem(storageKey(customerId), JSON.stringify(saved));
            }
        } catch (ignored) {
            // the answer is shown again all the same, the focus starts at the top
        }
    }

    /*
     * Whether the page holds work a reload would throw away: a changed field in a form outside the
     * block (FreeScout's customer edit form beside it) or text in an editor (a reply being typed).
     */
    function unsavedWork(block) {
        var forms = document.forms;
        for (var i = 0; i < forms.length; i++) {
            if (!block.contains(forms[i]) && formChanged(forms[i])) {
                return true;
            }
        }
        var editors = document.querySelectorAll('[contenteditable="true"], [contenteditable=""]');
        for (var j = 0; j < editors.length; j++) {
            if (!block.contains(editors[j]) && String(editors[j].textContent).trim() !== '') {
                return true;
            }
        }
        return false;
    }

    /*
     * Whether a changed form outside the block holds a field the sync just wrote (FreeScout's
     * customer form names them in snake_case: first_name for firstName): saving that form would put
     * the old value back. A reply being typed on the conversation page is no such form.
     */
    function staleProfileForm(block, changes, evenUnchanged) {
        if (!(changes instanceof Array)) {
            return false;
        }
        var names = {};
        for (var c = 0; c < changes.length; c++) {
            if (isObject(changes[c]) && isText(changes[c].field)) {
                names[changes[c].field] = true;
                names[changes[c].field.replace(UPPER_CASE, '_$1').toLowerCase()] = true;
            }
        }
        var forms = document.forms;
        for (var i = 0; i < forms.length; i++) {
            if (block.contains(forms[i]) || !(evenUnchanged || formChanged(forms[i]))) {
                continue;
            }
            var fields = forms[i].elements;
            for (var j = 0; j < fields.length; j++) {
                if (isText(fields[j].name) && Object.prototype.hasOwnProperty.call(names, fields[j].name)) {
                    return true;
                }
            }
        }
        return false;
    }

    function formChanged(form) {
        var fields = form.elements;
        for (var i = 0; i < fields.length; i++) {
            var field = fields[i];
            var type = String(field.type || '').toLowerCase();
            if (type === 'hidden' || type === 'submit' || type === 'button' || type === 'reset') {
                continue;
            }
            if (type === 'checkbox' || type === 'radio') {
                if (field.checked !== field.defaultChecked) {
                    return true;
                }
            } else if (field.tagName === 'SELECT') {
                if (selectChanged(field)) {
                    return true;
                }
            } else if (typeof field.defaultValue === 'string' && field.value !== field.defaultValue) {
                return true;
            }
        }
        return false;
    }

    /*
     * A single-choice list with no option marked selected in the page shows its first option, and
     * that is no change (FreeScout's country list on the customer form is such a list).
     */
    function selectChanged(select) {
        var options = select.options;
        if (!select.multiple && options.length > 0) {
            var initial = 0;
            for (var d = 0; d < options.length; d++) {
                if (options[d].defaultSelected) {
                    initial = d;
                    break;
                }
            }
            return select.selectedIndex !== initial;
        }
        for (var k = 0; k < options.length; k++) {
            if (options[k].selected !== options[k].defaultSelected) {
                return true;
            }
        }
        return false;
    }

    /* Keeps the block's buttons off while its reload is pending (on), or gives them back (off). */
    function holdForReload(block, on) {
        var button = block.querySelector('.' + BUTTON_CLASS);
        if (on) {
            block.setAttribute('data-aida-busy', '1');
        } else {
            block.removeAttribute('data-aida-busy');
        }
        if (button) {
            setOff(button, on);
        }
    }

    /*
     * The fields this page shows older values of than FreeScout holds, as changes (the page's value
     * → FreeScout's): the block carries the values the page was rendered with (data-profile) and the
     * module's route adds the values after the sync (profile). An "unchanged" answer then means that
     * someone else (another tab, an operator) updated the customer after this page was rendered:
     * the profile is right, but not what the agent sees. Empty when either side is missing.
     */
    function pageBehind(block, body) {
        var behind = [];
        if (body.status !== 'unchanged' || !isObject(body.profile)) {
            return behind;
        }
        var shown = parseJson(block.getAttribute('data-profile'));
        if (!isObject(shown)) {
            return behind;
        }
        for (var field in shown) {
            if (Object.prototype.hasOwnProperty.call(shown, field) &&
                    Object.prototype.hasOwnProperty.call(body.profile, field) &&
                    profileText(shown[field]) !== profileText(body.profile[field])) {
                behind.push({ field: field, old: shown[field], 'new': body.profile[field] });
            }
        }
        return behind;
    }

    function profileText(value) {
        return value === null || value === undefined ? '' : String(value).trim();
    }

    function handleSyncAnswer(block, result, labels, answer) {
        var body = answer.body;
        var unaudited = !answer.networkError && answer.status === 500 && isUnauditedWrite(body);
        if (unaudited ||
                (!answer.networkError && answer.status >= 200 && answer.status < 300 && isObject(body) && isSyncStatus(body.status))) {
            var customerId = block.getAttribute('data-customer-id');
            var behind = unaudited ? [] : pageBehind(block, body);
            // Either way the page shows old values: reloaded as after an update. The page rendered
            // after that reload carries FreeScout's values, so its own press finds nothing behind.
            // A write the audit log missed lists no changes: any field a sync writes may have changed.
            var changed = unaudited || (body.status === 'updated' && hasChanges(body)) || behind.length > 0;
            var written = unaudited ? anySyncField() : behind.length > 0 ? behind : body.changes;
            var wantsReload = changed && block.getAttribute('data-reload') !== '0';
            // Reload turned off: the page keeps showing the old values, and a profile form on it
            // (edited or not) would write them back when saved.
            var reloadOff = changed && !wantsReload;
            var unsaved = wantsReload && unsavedWork(block);
            // Kept either way: after the reload, automatic or the agent's own, the answer shows again.
            var kept = wantsReload && isText(customerId) && remember(customerId, body, unsaved, behind);
            var reloading = kept && !unsaved;
            renderSuccess(result, labels, body, { restored: false, reloading: reloading, reloadYourself: unsaved,
                reloadOff: reloadOff, behind: behind,
                staleForm: (unsaved || reloadOff) && staleProfileForm(block, written, reloadOff) });
            if (reloading) {
                // The page is about to reload: a press now would replace «Профиль обновлен» by
                // «изменений нет» just before the reload brings the update back.
                holdForReload(block, true);
                window.setTimeout(function () {
                    if (unsavedWork(block)) {
                        holdForReload(block, false);
                        // the agent started typing during the countdown: leave the page to them
                        remember(customerId, body, true, behind);
                        renderSuccess(result, labels, body, { restored: false, reloading: false, reloadYourself: true,
                            behind: behind, staleForm: staleProfileForm(block, written) });
                        return;
                    }
                    markOwnReload(customerId, block);
                    api.reload();
                }, api.reloadDelayMs);
            }
            return;
        }
        if (!answer.networkError && isObject(body) && isText(body.code)) {
            renderProblem(result, labels, body);
            return;
        }
        renderError(result, labels, { message: transportMessage(labels, answer) }, null);
    }

    function startSync(block, contract) {
        if (!block || block.getAttribute('data-aida-busy') === '1') {
            return;
        }
        var button = block.querySelector('.' + BUTTON_CLASS);
        var result = block.querySelector('.' + RESULT_CLASS);
        var url = button ? button.getAttribute('data-url') : null;
        if (!button || !result || !url) {
            return;
        }
        var labels = labelsOf(block);
        requestCounter += 1;
        var requestNumber = String(requestCounter);
        block.setAttribute('data-aida-request', requestNumber);
        setBusy(block, button, result, labels, true);
        var payload = {};
        if (isText(contract)) {
            payload.contract = contract;
        }
        send(url, payload, waitLimitMs(block)).then(function (answer) {
            // A late answer for a block that was re-rendered or removed meanwhile is dropped.
            if (!isAttached(block) || block.getAttribute('data-aida-request') !== requestNumber) {
                return;
            }
            setBusy(block, button, result, labels, false);
            handleSyncAnswer(block, result, labels, answer);
        });
    }

    /* ---------- «Проверить соединение» on the settings page ---------- */

    /*
     * Members of the ping answer that are no upstream's state: the heading already says it works, the
     * request id is not for people, the service's deadline (ms) is what the module's own check
     * (timeoutWarning, added by the module's route when the time-out does not cover it) speaks of.
     */
    var PING_NOT_LISTED = { 'requestId': true, 'status': true, 'requestDeadlineMs': true, 'timeoutWarning': true };

    function renderPingSuccess(result, labels, body) {
        var box = make('div', 'alert alert-success aida-result aida-result-success');
        box.appendChild(make('strong', 'aida-ping-ok', labels['ping.ok']));
        if (isObject(body)) {
            var list = make('ul', 'aida-ping-details');
            for (var key in body) {
                if (!Object.prototype.hasOwnProperty.call(body, key) || PING_NOT_LISTED[key] === true) {
                    continue;
                }
                var value = body[key];
                if (isObject(value) && value.status !== undefined) {
                    value = value.status;
                }
                if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
                    var name = isText(labels['ping.' + key]) ? labels['ping.' + key] : key;
                    var state = value === 'ok' ? labels['ping.reachable'] : String(value);
                    list.appendChild(make('li', 'aida-ping-detail', name + ': ' + state));
                }
            }
            if (list.firstChild) {
                box.appendChild(list);
            }
        }
        if (!isObject(body) || !isText(body.timeoutWarning)) {
            show(result, box);
            return null;
        }
        // The connection works, but the saved time-out is shorter than the service may take.
        var both = make('div', 'aida-ping-answer');
        both.appendChild(box);
        var warning = make('div', 'alert alert-warning aida-result aida-ping-warning', body.timeoutWarning);
        both.appendChild(warning);
        show(result, both);
        return warning;
    }

    var PING_WARNING_ID = 'aidabilling_timeout_ping';
    var TIMEOUT_FIELD_NAME = 'settings[aidabilling.timeout]';

    /* The settings form's time-out field beside «Проверить соединение», if any. */
    function timeoutField(container) {
        var form = closest(container, SETTINGS_FORM_CLASS);
        var fields = form ? form.elements : [];
        for (var i = 0; i < fields.length; i++) {
            if (fields[i].name === TIMEOUT_FIELD_NAME) {
                return fields[i];
            }
        }
        return null;
    }

    /*
     * Ties the connection check's time-out warning to the time-out field (the field names it in
     * aria-describedby and is aria-invalid; its group takes Bootstrap's has-warning), so that a
     * screen reader on the field reads it; null takes that back. The warning stays in the check's box.
     */
    function markTimeoutWarning(field, warning) {
        if (!field) {
            return;
        }
        var group = closest(field, 'form-group');
        if (warning) {
            warning.id = PING_WARNING_ID;
            field.setAttribute('data-aida-ping', warning.id);
            if (group && !hasClass(group, 'has-warning')) {
                group.classList.add('has-warning');
                group.setAttribute('data-aida-warning', '1');
            }
        } else {
            if (!field.hasAttribute('data-aida-ping')) {
                return;
            }
            field.removeAttribute('data-aida-ping');
            if (group && group.getAttribute('data-aida-warning') === '1') {
                group.classList.remove('has-warning');
                group.removeAttribute('data-aida-warning');
            }
        }
        refreshFieldAria(field);
    }

    /* The time-out the check warned about was changed: the warning no longer speaks of this value. */
    function onSettingsInput(event) {
        var field = event.target;
        if (field && field.nodeType === 1 && field.name === TIMEOUT_FIELD_NAME && field.hasAttribute('data-aida-ping')) {
            markTimeoutWarning(field, null);
        }
    }

    function startPing(button) {
        var container = closest(button, PING_CLASS) || button.parentNode;
        var result = container ? container.querySelector('.' + PING_RESULT_CLASS) : null;
        var url = button.getAttribute('data-url');
        if (!result || !url || button.getAttribute('data-aida-busy') === '1') {
            return;
        }
        var labels = labelsOf(container);
        button.setAttribute('data-aida-busy', '1');
        setOff(button, true);
        // the earlier answer, and with it its warning, gives way to this check's
        markTimeoutWarning(timeoutField(container), null);
        show(result, make('div', 'aida-loading text-muted', labels['ping.checking']));
        send(url, {}, waitLimitMs(container)).then(function (answer) {
            button.removeAttribute('data-aida-busy');
            setOff(button, false);
            if (!isAttached(result)) {
                return;
            }
            if (answer.timedOut) {
                renderError(result, labels, { message: labels['ping.timedOut'] }, null);
            } else if (!answer.networkError && answer.status >= 200 && answer.status < 300 && isObject(answer.body)) {
                var warning = renderPingSuccess(result, labels, answer.body);
                var field = timeoutField(container);
                // the check speaks of the saved time-out: a field holding another value (typed and not
                // saved, before the press or while the check ran) is not marked as the problem
                markTimeoutWarning(field, field && field.value === field.defaultValue ? warning : null);
            } else if (!answer.networkError && isObject(answer.body) && isText(answer.body.code)) {
                renderError(result, labels, problemTexts(labels, answer.body, problemKey(answer.body.code, answer.body)), answer.body);
            } else {
                renderError(result, labels, { message: transportMessage(labels, answer) }, null);
            }
        });
    }

    /* ---------- the settings form (checked here in the agent's language; the server checks again) ---------- */

    var SETTINGS_FORM_CLASS = 'aida-settings-form';
    var FIELD_ERROR_CLASS = 'aida-field-error';
    var SERVICE_URL_PATTERN = new RegExp('^https?://[^/?#@\\\\\\s]+(/[^?#@\\\\\\s]*)?$', 'i');
    var SECONDS_PATTERN = new RegExp('^\\s*[0-9]{1,4}\\s*$');

    /* The message for a field's value, or '' when it may be saved (SettingsValidator's rules). */
    function settingsFieldError(form, field, labels) {
        var name = field.name;
        var text = String(field.value === null || field.value === undefined ? '' : field.value).trim();
        if (name === 'settings[aidabilling.timeout]' && field.validity && field.validity.badInput) {
            // a number field holding text it cannot read ("1e"): its value is '', as if left blank
            return labels['settings.timeoutInvalid'];
        }
        if (name === 'settings[aidabilling.service_url]') {
            if (text === '') {
                return form.getAttribute('data-url-fallback') === '1' ? '' : labels['settings.urlMissing'];
            }
            return SERVICE_URL_PATTERN.test(text) ? '' : labels['settings.urlInvalid'];
        }
        if (name === 'settings[aidabilling.timeout]' && text !== '') {
            var seconds = SECONDS_PATTERN.test(text) ? parseInt(text, 10) : NaN;
            var min = parseInt(form.getAttribute('data-min-timeout'), 10) || 13;
            var max = parseInt(form.getAttribute('data-max-timeout'), 10) || 120;
            if (seconds >= 1 && seconds < min) {
                return labels['settings.timeoutTooShort'];
            }
            return seconds >= min && seconds <= max ? '' : labels['settings.timeoutInvalid'];
        }
        return '';
    }

    /*
     * A field's accessible description and validity: what module.js adds — its own check's message
     * (data-aida-check, the message's id) and the connection check's time-out warning (data-aida-ping,
     * the warning's id), in that order — before what the view rendered (aria-describedby and
     * aria-invalid as the field had them when module.js first marked it, kept meanwhile in
     * data-aida-describedby and data-aida-invalid); aria-invalid="true" while module.js holds a mark.
     */
    function refreshFieldAria(field) {
        if (!field.hasAttribute('data-aida-describedby')) {
            field.setAttribute('data-aida-describedby', field.getAttribute('aria-describedby') || '');
            field.setAttribute('data-aida-invalid', field.getAttribute('aria-invalid') || '');
        }
        var own = [];
        if (field.getAttribute('data-aida-check')) {
            own.push(field.getAttribute('data-aida-check'));
        }
        if (field.getAttribute('data-aida-ping')) {
            own.push(field.getAttribute('data-aida-ping'));
        }
        var describedBy = (own.join(' ') + ' ' + field.getAttribute('data-aida-describedby')).trim();
        var invalid = own.length > 0 ? 'true' : field.getAttribute('data-aida-invalid');
        if (describedBy) {
            field.setAttribute('aria-describedby', describedBy);
        } else {
            field.removeAttribute('aria-describedby');
        }
        if (invalid) {
            field.setAttribute('aria-invalid', invalid);
        } else {
            field.removeAttribute('aria-invalid');
        }
        if (own.length === 0) {
            field.removeAttribute('data-aida-describedby');
            field.removeAttribute('data-aida-invalid');
        }
    }

    /*
     * Marks a field bad for assistive technology (aria-invalid, and its message first in
     * aria-describedby), or takes back what an earlier check marked; the view's own marks stay.
     */
    function markInvalid(field, note) {
        if (note) {
            note.id = (field.id || field.name) + '_check';
            field.setAttribute('data-aida-check', note.id);
        } else if (field.hasAttribute('data-aida-check')) {
            field.removeAttribute('data-aida-check');
        } else {
            return;
        }
        refreshFieldAria(field);
    }

    function onSettingsSubmit(event) {
        var form = event.target;
        if (!form || form.nodeType !== 1 || !hasClass(form, SETTINGS_FORM_CLASS)) {
            return;
        }
        var labels = labelsOf(form);
        for (var m = 0; m < form.elements.length; m++) {
            markInvalid(form.elements[m], null);
        }
        var old = form.querySelectorAll('.' + FIELD_ERROR_CLASS);
        for (var o = 0; o < old.length; o++) {
            var group = closest(old[o], 'form-group');
            if (group && group.getAttribute('data-aida-error') === '1') {
                group.classList.remove('has-error');
                group.removeAttribute('data-aida-error');
            }
            old[o].parentNode.removeChild(old[o]);
        }
        var first = null;
        var fields = form.elements;
        for (var i = 0; i < fields.length; i++) {
            var message = settingsFieldError(form, fields[i], labels);
            if (!message) {
                continue;
            }
            var field = fields[i];
            var formGroup = closest(field, 'form-group');
            if (formGroup && !hasClass(formGroup, 'has-error')) {
                formGroup.classList.add('has-error');
                formGroup.setAttribute('data-aida-error', '1');
            }
            var note = make('p', 'help-block ' + FIELD_ERROR_CLASS, message);
            note.setAttribute('role', 'alert');
            field.parentNode.insertBefore(note, field.nextSibling);
            markInvalid(field, note);
            first = first || field;
        }
        if (first) {
            event.preventDefault();
            first.focus();
        }
    }

    /* ---------- events ---------- */

    function onClick(event) {
        var target = event.target;
        if (target && target.nodeType !== 1) {
            target = target.parentNode;
        }
        var choice = closest(target, CHOOSE_CLASS);
        if (choice) {
            event.preventDefault();
            startSync(closest(choice, BLOCK_CLASS), choice.getAttribute('data-contract'));
            return;
        }
        var button = closest(target, BUTTON_CLASS);
        if (button) {
            event.preventDefault();
            startSync(closest(button, BLOCK_CLASS));
            return;
        }
        var ping = closest(target, PING_BUTTON_CLASS);
        if (ping) {
            event.preventDefault();
            startPing(ping);
        }
    }

    /* The fields a kept answer found behind FreeScout, when storage holds them as this script wrote them. */
    function keptBehind(behind) {
        var fields = [];
        if (behind instanceof Array) {
            for (var i = 0; i < behind.length; i++) {
                if (isObject(behind[i]) && isText(behind[i].field)) {
                    fields.push(behind[i]);
                }
            }
        }
        return fields;
    }

    function inView(element) {
        if (typeof element.getBoundingClientRect !== 'function') {
            return true;
        }
        var rect = element.getBoundingClientRect();
        var height = window.innerHeight || document.documentElement.clientHeight;
        return rect.top >= 0 && rect.bottom <= height;
    }

    /* Scrolls the least that shows the button, unless it is in view already. */
    function revealButton(button) {
        if (!isAttached(button) || inView(button) || typeof button.scrollIntoView !== 'function') {
            return;
        }
        try {
            button.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        } catch (ignored) {
            button.scrollIntoView(false);
        }
    }

    /*
     * After the module's own reload, the keyboard focus goes back to the block's button, as before
     * the reload (FreeScout's page would start it at the top), unless the page gave it to something
     * already. Without scrolling to it (preventScroll, where the browser knows it): the browser puts
     * the page back where it was; should the button still be out of view once the page has loaded
     * (and that scroll position been restored), the page scrolls just enough to show it — only if
     * the button still has the focus then: a page that loads slowly (images, fonts) can be read and
     * clicked before, and the agent who has moved to a field elsewhere is not scrolled away from it.
     */
    function focusAfterReload(block) {
        var button = block.querySelector('.' + BUTTON_CLASS);
        var active = document.activeElement;
        if (!button || (active && active !== document.body && active !== document.documentElement)) {
            return;
        }
        try {
            button.focus({ preventScroll: true });
        } catch (ignored) {
            button.focus();
        }
        var revealIfFocused = function () {
            window.setTimeout(function () {
                if (document.activeElement === button) {
                    revealButton(button);
                }
            }, 0);
        };
        if (document.readyState === 'complete') {
            revealIfFocused();
        } else {
            window.addEventListener('load', revealIfFocused, false);
        }
    }

    /* Shows again the answer kept before the page reloaded, once, then forgets it. */
    function restoreAll() {
        var storage;
        try {
            storage = window.sessionStorage;
        } catch (ignored) {
            return;
        }
        if (!storage) {
            return;
        }
        var blocks = document.querySelectorAll('.' + BLOCK_CLASS);
        var used = {};
        var focusTo = null;
        for (var i = 0; i < blocks.length; i++) {
            var block = blocks[i];
            var customerId = block.getAttribute('data-customer-id');
            var result = block.querySelector('.' + RESULT_CLASS);
            if (!isText(customerId) || !result) {
                continue;
            }
            var saved = parseJson(storage.getItem(storageKey(customerId)));
            if (!isObject(saved)) {
                continue;
            }
            used[customerId] = true;
            var fresh = typeof saved.savedAt === 'number' && new Date().getTime() - saved.savedAt < STORAGE_MAX_AGE_MS;
            if (fresh && isObject(saved.body) && (isSyncStatus(saved.body.status) || isUnauditedWrite(saved.body))) {
                renderSuccess(result, labelsOf(block), saved.body,
                    { restored: true, reloading: false, balanceOnly: saved.unsaved === true,
                        behind: keptBehind(saved.behind) });
                var now = new Date().getTime();
                if (focusTo === null && saved.focus === true && typeof saved.reloadedAt === 'number' &&
                        now - saved.reloadedAt >= 0 && now - saved.reloadedAt < OWN_RELOAD_MAX_AGE_MS) {
                    focusTo = block;
                }
            }
        }
        if (focusTo) {
            focusAfterReload(focusTo);
        }
        for (var id in used) {
            if (Object.prototype.hasOwnProperty.call(used, id)) {
                try {
                    storage.removeItem(storageKey(id));
                } catch (ignored) {
                    // Nothing to do: the entry expires with the tab.
                }
            }
        }
    }

    document.addEventListener('click', onClick, false);
    document.addEventListener('submit', onSettingsSubmit, false);
    document.addEventListener('input', onSettingsInput, false);
    document.addEventListener('change', onSettingsInput, false);
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', restoreAll, false);
    } else {
        restoreAll();
    }

    window.AidaBilling = api;
})(window, document);

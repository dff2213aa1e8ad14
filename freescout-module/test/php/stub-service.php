<?php

/*
 * Router for `php -S`: a stand-in for http-app in CurlTransportTest. It echoes what it received,
 * or misbehaves on purpose (slow, huge, redirect, HTML, refused token).
 */

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$headers = function_exists('getallheaders') ? getallheaders() : [];

switch ($path) {
    case '/api/v1/customers/31/sync':
    case '/prefix/api/v1/customers/31/sync':
    case '/api/v1/ping':
        header('Content-Type: application/json');
        echo json_encode([
            'status' => $path === '/api/v1/ping' ? 'ok' : 'updated',
            'method' => $_SERVER['REQUEST_METHOD'],
            'path' => $path,
            'authorization' => isset($headers['Authorization']) ? $headers['Authorization'] : null,
            'actor' => isset($headers['X-Aida-Actor']) ? $headers['X-Aida-Actor'] : null,
            'contentType' => isset($_SERVER['CONTENT_TYPE']) ? $_SERVER['CONTENT_TYPE'] : null,
            'body' => file_get_contents('php://input'),
            'text' => 'Новичков Тарас',
        ], JSON_UNESCAPED_UNICODE);
        break;
    case '/refused/api/v1/customers/31/sync':
        http_response_code(401);
        header('WWW-Authenticate: Bearer');
        header('Content-Type: application/problem+json');
        echo '{"code":"UNAUTHORIZED","status":401}';
        break;
    case '/problem/api/v1/customers/31/sync':
        http_response_code(404);
        header('Content-Type: application/problem+json');
        echo json_encode(['type' => 'tag:aida-billing,2026:problem:not-in-billing', 'title' => 'Not found in billing',
            'status' => 404, 'code' => 'NOT_IN_BILLING', 'detail' => 'Клиент с телефоном +79004445566 не найден в биллинге',
            'requestId' => '01JDX'], JSON_UNESCAPED_UNICODE);
        break;
    case '/unaudited/api/v1/customers/31/sync':
        // FreeScout took the write, the audit log did not (http-app's 500 INTERNAL with the account)
        http_response_code(500);
        header('Content-Type: application/problem+json');
        echo json_encode(['type' => 'tag:aida-billing,2026:problem:internal', 'title' => 'Internal error',
            'status' => 500, 'code' => 'INTERNAL',
            'detail' => 'Профиль клиента 31 обновлён, но журнал изменений записать не удалось; сообщите администратору (запрос 01JDU)',
            'requestId' => '01JDU',
            'account' => ['contract' => '0138', 'fullName' => 'Новичков Тарас Викторович',
                'address' => 'поселок Соляной Набережная 8/1', 'tariff' => '2024_SMiT', 'balance' => '-1250.50', 'currency' => 'RUB']],
            JSON_UNESCAPED_UNICODE);
        break;
    case '/slow/api/v1/customers/31/sync':
        sleep(4);
        echo '{}';
        break;
    case '/big/api/v1/customers/31/sync':
        header('Content-Type: application/json');
        echo '{"pad":"'.str_repeat('x', 2 * 1024 * 1024).'"}';
        break;
    case '/redirect/api/v1/customers/31/sync':
        header('Location: http://127.0.0.1:1/steal');
        http_response_code(302);
        break;
    case '/html/api/v1/customers/31/sync':
        http_response_code(502);
        header('Content-Type: text/html');
        echo '<html><body><h1>502 Bad Gateway</h1></body></html>';
        break;
    default:
        http_response_code(404);
        echo 'no route '.$path;
}

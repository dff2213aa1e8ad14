<?php

use Modules\AidaBilling\Support\ModuleResponse;
use Modules\AidaBilling\Support\ModuleSettings;
use Modules\AidaBilling\Support\ServiceClient;
use Modules\AidaBilling\Support\TransportException;
use Modules\AidaBilling\Support\TransportResponse;
use Modules\AidaBilling\Tests\FakeTransport;
use PHPUnit\Framework\TestCase;

final class ServiceClientTest extends TestCase
{
    const TOKEN = 's3cret-token';
    const URL = 'http://127.0.0.1:8900';

    private function client(FakeTransport $transport, $url = self::URL, $token = self::TOKEN, $timeout = 15)
    {
        return new ServiceClient($transport, new ModuleSettings($url, $token, $timeout, true));
    }

    private static function json($status, array $body)
    {
        return new TransportResponse($status, json_encode($body, JSON_UNESCAPED_UNICODE), 'application/json');
    }

    private static function syncBody()
    {
        return [
            'status' => 'updated', 'customerId' => 31, 'requestId' => '01JDTEST', 'phone' => '+79004445566',
            'account' => ['contract' => '0138', 'fullName' => 'Новичков Тарас Викторович', 'address' => 'поселок Соляной Набережная 8/1',
                'tariff' => '2024_SMiT', 'balance' => '256.52', 'currency' => 'RUB'],
            'name' => null, 'address' => null,
            'changes' => [['field' => 'firstName', 'old' => 'Ivan', 'new' => 'Тарас']],
        ];
    }

    private function assertProblem(ModuleResponse $response, $code, $status)
    {
        $data = $response->data();
        $this->assertSame($status, $response->status());
        $this->assertSame(ModuleResponse::PROBLEM_JSON, $response->contentType());
        $this->assertSame(['type', 'title', 'status', 'code', 'detail', 'requestId'], array_keys($data));
        $this->assertSame('tag:aida-billing,2026:problem:'.strtolower(str_replace('_', '-', $code)), $data['type']);
        $this->assertSame($code, $data['code']);
        $this->assertSame($status, $data['status']);
        $this->assertNull($data['requestId']);
        $this->assertNotSame('', $data['detail']);
        $this->assertStringNotContainsString(self::TOKEN, $response->body());
        $this->assertStringNotContainsString('127.0.0.1', $response->body());
    }

    public function testSyncRequestGoesToTheV1RouteWithTokenActorAndContract(): void
    {
        $transport = new FakeTransport(self::json(200, self::syncBody()));
        $this->client($transport, 'http://127.0.0.1:8900/', self::TOKEN, 19)->sync(31, ' 0512 ', 7, 'agent@example.com');

        $this->assertCount(1, $transport->requests);
        $request = $transport->requests[0];
        $this->assertSame('POST', $request->method());
        $this->assertSame('http://127.0.0.1:8900/api/v1/customers/31/sync', $request->url());
        $this->assertSame('Bearer '.self::TOKEN, $request->header('Authorization'));
        $this->assertSame('freescout-user:7 agent@example.com', $request->header('X-Aida-Actor'));
        $this->assertSame('application/json', $request->header('Content-Type'));
        $this->assertStringContainsString('application/json', $request->header('Accept'));
        $this->assertSame('{"contract":"0512"}', $request->body());
        $this->assertSame(19, $request->timeout());
    }

    public function testSyncWithoutContractSendsAnEmptyObject(): void
    {
        $transport = new FakeTransport(self::json(200, self::syncBody()));
        $this->client($transport)->sync(31, null, 7, 'a@b.c');
        $this->assertSame('{}', $transport->requests[0]->body());
        $this->client($transport)->sync(31, '   ', 7, 'a@b.c');
        $this->assertSame('{}', $transport->requests[1]->body());
    }

    /** @dataProvider baseUrls */
    public function testUrlJoin($base, $expected): void
    {
        $transport = new FakeTransport(self::json(200, ['status' => 'ok']));
        $client = $this->client($transport, $base);
        $this->assertSame($expected, $client->buildSyncRequest(5, null, 1, 'a@b.c')->url());
    }

    public function baseUrls(): array
    {
        return [
            'plain' => ['http://127.0.0.1:8900', 'http://127.0.0.1:8900/api/v1/customers/5/sync'],
            'trailing slash' => ['http://127.0.0.1:8900/', 'http://127.0.0.1:8900/api/v1/customers/5/sync'],
            'several trailing slashes' => ['http://127.0.0.1:8900//', 'http://127.0.0.1:8900/api/v1/customers/5/sync'],
            'path prefix' => ['https://tools.isp.example/aida', 'https://tools.isp.example/aida/api/v1/customers/5/sync'],
            'path prefix with slash' => ['https://tools.isp.example/aida/', 'https://tools.isp.example/aida/api/v1/customers/5/sync'],
        ];
    }

    public function testCustomerIdIsAlwaysAnInteger(): void
    {
        $client = $this->client(new FakeTransport(self::json(200, [])));
        $this->assertSame(self::URL.'/api/v1/customers/31/sync', $client->buildSyncRequest('31/../../admin', null, 1, '')->url());
    }

    public function testPingIsAGetWithTokenAndActor(): void
    {
        $transport = new FakeTransport(self::json(200, ['status' => 'ok', 'billing' => ['status' => 'up']]));
        $response = $this->client($transport)->ping(1, 'admin@example.com');
        $request = $transport->requests[0];
        $this->assertSame('GET', $request->method());
        $this->assertSame(self::URL.'/api/v1/ping', $request->url());
        $this->assertNull($request->body());
        $this->assertSame('Bearer '.self::TOKEN, $request->header('Authorization'));
        $this->assertSame('freescout-user:1 admin@example.com', $request->header('X-Aida-Actor'));
        $this->assertSame(200, $response->status());
        $this->assertSame('ok', $response->data()['status']);
    }

    public function testPingWarnsWhenTheTimeOutDoesNotCoverTheServicesDeadline(): void
    {
        $ru = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/ru.json'), true);
        $translate = function ($text) use ($ru) {
            return isset($ru[$text]) ? $ru[$text] : 'MISSING:'.$text;
        };
        $ping = ['status' => 'ok', 'billing' => 'ok', 'freescout' => 'ok', 'requestDeadlineMs' => 14500, 'requestId' => '01JD'];
        foreach ([15 => 'Укажите тайм-аут не меньше 16 с и сохраните.', 16 => null] as $timeout => $expected) {
            $client = new ServiceClient(new FakeTransport(self::json(200, $ping)), new ModuleSettings(self::URL, self::TOKEN, $timeout, true), $translate);
            $data = $client->ping(1, '')->data();
            $this->assertSame(14500, $data['requestDeadlineMs']);
            if ($expected === null) {
                $this->assertArrayNotHasKey('timeoutWarning', $data, $timeout.' s covers 14.5 s');
            } else {
                $this->assertStringEndsWith($expected, $data['timeoutWarning']);
            }
        }
        unset($ping['requestDeadlineMs']);
        $older = $this->client(new FakeTransport(self::json(200, $ping)), self::URL, self::TOKEN, 13)->ping(1, '')->data();
        $this->assertSame($ping, $older, 'a service that does not tell its deadline is not checked');
    }

    public function testSuccessIsPassedThrough(): void
    {
        $body = self::syncBody();
        $response = $this->client(new FakeTransport(self::json(200, $body)))->sync(31, null, 1, 'a@b.c');
        $this->assertSame(200, $response->status());
        $this->assertSame(ModuleResponse::JSON, $response->contentType());
        $this->assertSame($body, $response->data());
        $this->assertNull($response->code());
    }

    public function testEmptyObjectsKeepTheirShape(): void
    {
        $response = $this->client(new FakeTransport(new TransportResponse(200, '{"status":"unchanged","extra":{},"changes":[]}')))
            ->sync(31, null, 1, '');
        $this->assertSame('{"status":"unchanged","extra":{},"changes":[]}', $response->body());
    }

    /** @dataProvider passedThroughProblems */
    public function testServiceProblemsArePassedThroughWithTheirStatus($status, $code): void
    {
        $problem = [
            'type' => 'tag:aida-billing,2026:problem:x', 'title' => 'T', 'status' => $status, 'code' => $code,
            'detail' => 'Клиент с телефоном +79001234567 не найден в биллинге', 'requestId' => '01JD',
            'candidates' => [['contract' => '0512']], 'account' => null,
        ];
        $response = $this->client(new FakeTransport(new TransportResponse($status, json_encode($problem), 'application/problem+json')))
            ->sync(31, null, 1, '');
        $this->assertSame($status, $response->status());
        $this->assertSame(ModuleResponse::PROBLEM_JSON, $response->contentType());
        $this->assertSame($problem, $response->data());
    }

    public function passedThroughProblems(): array
    {
        return [
            [400, 'VALIDATION'], [404, 'CUSTOMER_NOT_FOUND'], [404, 'NOT_IN_BILLING'], [404, 'CONTRACT_NOT_FOUND'],
            [409, 'AMBIGUOUS'], [413, 'PAYLOAD_TOO_LARGE'], [422, 'NO_PHONE'], [422, 'PHONE_NOT_ON_CUSTOMER'],
            [429, 'RATE_LIMITED'], [500, 'INTERNAL'], [502, 'BILLING_UNAVAILABLE'], [502, 'HELPDESK_UNAVAILABLE'],
            [502, 'CONFIGURATION'], [503, 'OVERLOADED'], [504, 'DEADLINE_EXCEEDED'],
        ];
    }

    /** @dataProvider refusedToken */
    public function testRefusedTokenBecomesServiceAuthFailedNeverA401($status): void
    {
        $body = json_encode(['type' => 't', 'title' => 'Authentication required', 'status' => $status, 'code' => 'UNAUTHORIZED', 'detail' => 'x', 'requestId' => null]);
        $client = $this->client(new FakeTransport(new TransportResponse($status, $body, 'application/problem+json')));
        $response = $client->sync(31, null, 1, '');
        $this->assertProblem($response, 'SERVICE_AUTH_FAILED', 502);
        $this->assertStringContainsString((string) $status, $client->lastFailure());
    }

    public function refusedToken(): array
    {
        return [[401], [403]];
    }

    public function testRefusedTokenWithAnEmptyBody(): void
    {
        $response = $this->client(new FakeTransport(new TransportResponse(401, '')))->ping(1, '');
        $this->assertProblem($response, 'SERVICE_AUTH_FAILED', 502);
    }

    public function testConnectionFailureIsServiceUnreachable(): void
    {
        $client = $this->client(new FakeTransport(new TransportException('curl error 7: Failed to connect to 127.0.0.1 port 8900')));
        $response = $client->sync(31, null, 1, '');
        $this->assertProblem($response, 'SERVICE_UNREACHABLE', 502);
        $this->assertStringContainsString('Failed to connect', $client->lastFailure());
    }

    public function testTimeOutIsServiceUnreachableWithItsOwnDetail(): void
    {
        $refused = $this->client(new FakeTransport(new TransportException('refused')))->sync(31, null, 1, '')->data();
        $timedOut = $this->client(new FakeTransport(new TransportException('timed out', true)))->sync(31, null, 1, '');
        $this->assertProblem($timedOut, 'SERVICE_UNREACHABLE', 502);
        $this->assertNotSame($refused['detail'], $timedOut->data()['detail']);
    }

    /** @dataProvider unexpectedAnswers */
    public function testAnswersThatAreNotTheServicesJsonAreServiceUnreachable($status, $body): void
    {
        $response = $this->client(new FakeTransport(new TransportResponse($status, $body, 'text/html')))->sync(31, null, 1, '');
        $this->assertProblem($response, 'SERVICE_UNREACHABLE', 502);
        $this->assertStringContainsString('HTTP '.$status, $response->data()['detail']);
    }

    public function unexpectedAnswers(): array
    {
        return [
            'html error page from a proxy' => [502, '<html><body>Bad Gateway</body></html>'],
            'html 200 from a wrong address' => [200, '<!doctype html><title>FreeScout</title>'],
            'empty 200' => [200, ''],
            'truncated json' => [200, '{"status": "upd'],
            'json array' => [200, '[1,2]'],
            'json string' => [200, '"ok"'],
            'redirect' => [302, '{"location":"/login"}'],
            'error json without a code' => [404, '{"message":"Not Found"}'],
            'nginx 404' => [404, '<html>404</html>'],
        ];
    }

    /**
     * Some other JSON API at the configured address (a wrong port or path) answers 200 with a JSON
     * object: the settings page must not say «Соединение установлено», nor the button show a green
     * «Профиль актуален» (module.js shows any unknown status as "unchanged").
     *
     * @dataProvider foreignSuccessBodies
     */
    public function testA2xxAnswerThatIsNotTheContractsSuccessIsServiceUnreachable($body): void
    {
        $sync = $this->client(new FakeTransport(new TransportResponse(200, $body, 'application/json')))->sync(31, null, 1, '');
        $this->assertProblem($sync, 'SERVICE_UNREACHABLE', 502);
        $this->assertStringContainsString('HTTP 200', $sync->data()['detail']);
        $ping = $this->client(new FakeTransport(new TransportResponse(200, $body, 'application/json')))->ping(1, '');
        $this->assertProblem($ping, 'SERVICE_UNREACHABLE', 502);
    }

    public function foreignSuccessBodies(): array
    {
        return [
            'another api' => ['{"foo":"bar"}'],
            'empty object' => ['{}'],
            'status error' => ['{"status":"error","message":"unknown method"}'],
            'status not text' => ['{"status":1}'],
            'seed shape' => ['{"success":true,"balance":"1.00"}'],
        ];
    }

    public function testPingAnswerIsNoSyncAnswerAndTheOtherWayRound(): void
    {
        $ping = json_encode(['status' => 'ok', 'billing' => 'ok', 'freescout' => 'ok']);
        $sync = json_encode(self::syncBody());
        $this->assertProblem($this->client(new FakeTransport(new TransportResponse(200, $ping)))->sync(31, null, 1, ''), 'SERVICE_UNREACHABLE', 502);
        $this->assertProblem($this->client(new FakeTransport(new TransportResponse(200, $sync)))->ping(1, ''), 'SERVICE_UNREACHABLE', 502);
        foreach (['updated', 'unchanged', 'dry-run'] as $status) {
            $body = json_encode(['status' => $status, 'changes' => []]);
            $this->assertSame(200, $this->client(new FakeTransport(new TransportResponse(200, $body)))->sync(31, null, 1, '')->status());
        }
        $this->assertSame(200, $this->client(new FakeTransport(new TransportResponse(200, $ping)))->ping(1, '')->status());
    }

    /**
     * A reverse proxy in front of http-app (deploy/nginx-reverse-proxy.conf.example) answers with its
     * own HTML: 502/503/504 when http-app is down, 429 from its own rate limit. The address is right
     * then, so the agent must not be told to check it; the answer says what happened, in Russian.
     *
     * @dataProvider proxyAnswers
     */
    public function testAProxysOwnErrorPageSaysWhatHappenedNotCheckTheAddress($status, $expected): void
    {
        $ru = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/ru.json'), true);
        $en = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/en.json'), true);
        $translate = function ($text) use ($ru, $en) {
            $this->assertArrayHasKey($text, $en);

            return isset($ru[$text]) ? $ru[$text] : 'MISSING:'.$text;
        };
        $html = new TransportResponse($status, '<html><head><title>'.$status.'</title></head><body>nginx</body></html>', 'text/html');
        foreach (['sync', 'ping'] as $call) {
            $client = new ServiceClient(new FakeTransport($html), new ModuleSettings(self::URL, self::TOKEN, 15, true), $translate);
            $response = $call === 'sync' ? $client->sync(31, null, 1, '') : $client->ping(1, '');
            $this->assertProblem($response, 'SERVICE_UNREACHABLE', 502);
            $this->assertSame($expected.' (HTTP '.$status.')', $response->data()['detail']);
        }
    }

    public function proxyAnswers(): array
    {
        return [
            '429 limit_req' => [429, 'Слишком много запросов к сервису AidaBilling: повторите через несколько секунд.'],
            '502 upstream down' => [502, 'Сервис AidaBilling временно недоступен: попробуйте позже.'],
            '503 maintenance' => [503, 'Сервис AidaBilling временно недоступен: попробуйте позже.'],
            '504 upstream time-out' => [504, 'Сервис AidaBilling временно недоступен: попробуйте позже.'],
            '500 still unexpected' => [500, 'Сервис AidaBilling ответил неожиданно. Проверьте адрес сервиса в настройках модуля.'],
            '404 wrong address' => [404, 'Сервис AidaBilling ответил неожиданно. Проверьте адрес сервиса в настройках модуля.'],
        ];
    }

    public function testNotConfiguredWithoutUrlOrToken(): void
    {
        foreach ([['', self::TOKEN], [self::URL, ''], ['', '']] as $case) {
            $transport = new FakeTransport(self::json(200, []));
            $response = $this->client($transport, $case[0], $case[1])->sync(31, null, 1, '');
            $this->assertProblem($response, 'NOT_CONFIGURED', 503);
            $this->assertSame([], $transport->requests, 'nothing is sent without settings');
            $this->assertProblem($this->client($transport, $case[0], $case[1])->ping(1, ''), 'NOT_CONFIGURED', 503);
        }
    }

    public function testDetailsGoThroughTheTranslatorAndExistInRussian(): void
    {
        $ru = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/ru.json'), true);
        $asked = [];
        $translate = function ($text) use (&$asked, $ru) {
            $asked[] = $text;

            return isset($ru[$text]) ? $ru[$text] : 'MISSING:'.$text;
        };
        $answers = [
            new TransportException('x'), new TransportException('x', true),
            new TransportResponse(401, ''), new TransportResponse(200, 'nope'),
        ];
        foreach ($answers as $answer) {
            $client = new ServiceClient(new FakeTransport($answer), new ModuleSettings(self::URL, self::TOKEN, 15, true), $translate);
            $detail = $client->sync(1, null, 1, '')->data()['detail'];
            $this->assertStringNotContainsString('MISSING:', $detail);
            $this->assertMatchesRegularExpression('/[а-яА-Я]/u', $detail);
        }
        $client = new ServiceClient(new FakeTransport(new TransportResponse(200, '{}')), new ModuleSettings('', '', 15, true), $translate);
        $this->assertStringNotContainsString('MISSING:', $client->sync(1, null, 1, '')->data()['detail']);
        $this->assertCount(5, array_unique($asked));
    }
}

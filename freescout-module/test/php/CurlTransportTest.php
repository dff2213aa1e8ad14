<?php

use Modules\AidaBilling\Support\CurlTransport;
use Modules\AidaBilling\Support\HttpRequest;
use Modules\AidaBilling\Support\ModuleSettings;
use Modules\AidaBilling\Support\ServiceClient;
use Modules\AidaBilling\Support\TransportException;
use PHPUnit\Framework\TestCase;

/**
 * The real transport and ServiceClient against a stand-in service on loopback (`php -S`).
 */
final class CurlTransportTest extends TestCase
{
    /** @var StubService */
    private static $stub;
    private static $base;

    public static function setUpBeforeClass(): void
    {
        self::$stub = StubService::start();
        self::$base = self::$stub->base;
    }

    public static function tearDownAfterClass(): void
    {
        if (self::$stub) {
            self::$stub->stop();
        }
    }

    private static function client($base, $timeout = 15)
    {
        return new ServiceClient(new CurlTransport(), new ModuleSettings($base, 'tok-123', $timeout, true));
    }

    public function testSendsMethodHeadersAndBody(): void
    {
        $response = self::client(self::$base)->sync(31, '0138', 5, 'agent@isp.example');
        $this->assertSame(200, $response->status());
        $data = $response->data();
        $this->assertSame('POST', $data['method']);
        $this->assertSame('Bearer tok-123', $data['authorization']);
        $this->assertSame('freescout-user:5 agent@isp.example', $data['actor']);
        $this->assertSame('application/json', $data['contentType']);
        $this->assertSame('{"contract":"0138"}', $data['body']);
        $this->assertSame('Новичков Тарас', $data['text']);
    }

    public function testPingIsAGet(): void
    {
        $data = self::client(self::$base.'/')->ping(1, 'admin@isp.example')->data();
        $this->assertSame('GET', $data['method']);
        $this->assertSame('/api/v1/ping', $data['path']);
    }

    public function testBaseUrlWithAPathPrefix(): void
    {
        $this->assertSame('/prefix/api/v1/customers/31/sync', self::client(self::$base.'/prefix')->sync(31, null, 1, '')->data()['path']);
    }

    public function testProblemIsPassedThrough(): void
    {
        $response = self::client(self::$base.'/problem')->sync(31, null, 1, '');
        $this->assertSame(404, $response->status());
        $this->assertSame('NOT_IN_BILLING', $response->code());
        $this->assertSame('Клиент с телефоном +79004445566 не найден в биллинге', $response->data()['detail']);
    }

    public function testRefusedTokenIsServiceAuthFailed(): void
    {
        $response = self::client(self::$base.'/refused')->sync(31, null, 1, '');
        $this->assertSame(502, $response->status());
        $this->assertSame('SERVICE_AUTH_FAILED', $response->code());
    }

    public function testHtmlErrorPageIsServiceUnreachable(): void
    {
        $response = self::client(self::$base.'/html')->sync(31, null, 1, '');
        $this->assertSame(502, $response->status());
        $this->assertSame('SERVICE_UNREACHABLE', $response->code());
    }

    public function testRedirectIsNotFollowed(): void
    {
        $response = self::client(self::$base.'/redirect')->sync(31, null, 1, '');
        $this->assertSame('SERVICE_UNREACHABLE', $response->code());
        $this->assertStringContainsString('HTTP 302', $response->data()['detail']);
    }

    public function testRefusedConnectionIsServiceUnreachable(): void
    {
        $client = self::client('http://127.0.0.1:'.StubService::freePort());
        $response = $client->sync(31, null, 1, '');
        $this->assertSame(502, $response->status());
        $this->assertSame('SERVICE_UNREACHABLE', $response->code());
        $this->assertNotNull($client->lastFailure());
    }

    public function testTimeOutIsServiceUnreachable(): void
    {
        $started = microtime(true);
        try {
            (new CurlTransport())->send(new HttpRequest('POST', self::$base.'/slow/api/v1/customers/31/sync', [], '{}', 1));
            $this->fail('a time-out was expected');
        } catch (TransportException $e) {
            $this->assertTrue($e->timedOut(), $e->getMessage());
        }
        $this->assertLessThan(3.9, microtime(true) - $started, 'the 1 s time-out must cut the 4 s answer short');
    }

    public function testHugeAnswerIsRefused(): void
    {
        $this->expectException(TransportException::class);
        (new CurlTransport())->send(new HttpRequest('GET', self::$base.'/big/api/v1/customers/31/sync', [], null, 10));
    }
}

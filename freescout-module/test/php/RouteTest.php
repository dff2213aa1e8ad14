<?php

require_once __DIR__.'/route-fakes.php';
require_once AIDA_MODULE_DIR.'/Providers/AidaBillingServiceProvider.php';

use Illuminate\Http\Request;
use Modules\AidaBilling\Http\Controllers\AidaBillingController;
use Modules\AidaBilling\Providers\AidaBillingServiceProvider;
use PHPUnit\Framework\TestCase;

/**
 * The module's sync route end to end: the real controller, ServiceClient and curl transport against
 * the stand-in service (stub-service.php under `php -S`), with FreeScout's pieces stood in for.
 */
final class RouteTest extends TestCase
{
    /** @var StubService */
    private static $stub;

    public static function setUpBeforeClass(): void
    {
        self::$stub = StubService::start();
    }

    public static function tearDownAfterClass(): void
    {
        if (self::$stub) {
            self::$stub->stop();
        }
    }

    protected function setUp(): void
    {
        Eventy::$actions = [];
        Eventy::$filters = [];
        FakeConfig::$values = [];
        FakeEnv::$values = [];
        FakeLang::$lines = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/ru.json'), true);
        $provider = new AidaBillingServiceProvider(null);
        $provider->register();
        $provider->boot();
        App\Customer::$records = [31 => ['first_name' => 'Тарас', 'last_name' => 'Новичков', 'company' => '0138']];
        FakeAuth::$user = new FakeUser(5, 'agent@isp.example', false);
    }

    private static function sync($servicePath)
    {
        Option::$values = ['aidabilling.service_url' => self::$stub->base.$servicePath, 'aidabilling.token' => 'enc:tok-123',
            'aidabilling.timeout' => '15'];

        return (new AidaBillingController())->sync(new Request([]), 31);
    }

    /**
     * http-app's 500 INTERNAL for a write FreeScout took and the audit log missed carries billing's
     * account: the route hands status, type and body on as they came, or module.js could neither show
     * the balance nor know that the profile was updated (and reload the page).
     */
    public function testAWriteTheAuditLogMissedReachesTheBrowserWithBillingsAccount(): void
    {
        $response = self::sync('/unaudited');
        $this->assertSame(500, $response->status);
        $this->assertSame('application/problem+json; charset=UTF-8', $response->headers['Content-Type']);
        $this->assertSame('no-store', $response->headers['Cache-Control']);
        $body = json_decode($response->body, true);
        $this->assertSame('INTERNAL', $body['code']);
        $this->assertSame('01JDU', $body['requestId']);
        $this->assertStringStartsWith('Профиль клиента 31 обновлён', $body['detail']);
        $this->assertSame(['contract' => '0138', 'fullName' => 'Новичков Тарас Викторович',
            'address' => 'поселок Соляной Набережная 8/1', 'tariff' => '2024_SMiT', 'balance' => '-1250.50', 'currency' => 'RUB'],
            $body['account']);
    }

    public function testASuccessGetsFreeScoutsValuesAfterTheSync(): void
    {
        $response = self::sync('');
        $this->assertSame(200, $response->status);
        $this->assertSame('application/json; charset=UTF-8', $response->headers['Content-Type']);
        $body = json_decode($response->body, true);
        $this->assertSame('updated', $body['status']);
        $this->assertSame('freescout-user:5 agent@isp.example', $body['actor']);
        $this->assertSame('Тарас', $body['profile']['firstName']);
    }
}

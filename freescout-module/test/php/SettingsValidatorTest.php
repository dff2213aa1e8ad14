<?php

use Modules\AidaBilling\Support\ModuleSettings;
use Modules\AidaBilling\Support\SettingsValidator;
use PHPUnit\Framework\TestCase;

final class SettingsValidatorTest extends TestCase
{
    private static function nothingElse()
    {
        return new ModuleSettings('', '', 15, true);
    }

    public function testValidInput(): void
    {
        $this->assertSame([], SettingsValidator::validate(
            ['service_url' => 'http://127.0.0.1:8900', 'token' => 'abc-DEF_123.~', 'timeout' => '15'], self::nothingElse()));
        $this->assertSame([], SettingsValidator::validate(
            ['service_url' => 'https://tools.isp.example/aida/', 'token' => 'x', 'timeout' => ''], self::nothingElse()));
    }

    /** @dataProvider badUrls */
    public function testServiceUrlMustBeHttpOrHttpsWithAHost($url): void
    {
        $errors = SettingsValidator::validate(['service_url' => $url, 'token' => 't'], self::nothingElse());
        $this->assertArrayHasKey('service_url', $errors);
        $this->assertSame(['service_url'], array_keys($errors));
    }

    public function badUrls(): array
    {
        return [
            'ftp' => ['ftp://127.0.0.1/'],
            'javascript' => ['javascript:alert(1)'],
            'file' => ['file:///etc/passwd'],
            'no scheme' => ['127.0.0.1:8900'],
            'no host' => ['http://'],
            'relative' => ['/api'],
            'user info' => ['http://user:pw@127.0.0.1:8900'],
            'query' => ['http://127.0.0.1:8900/?x=1'],
            'fragment' => ['http://127.0.0.1:8900/#x'],
            'space' => ['http://127.0.0.1 :8900'],
            'newline inside' => ["http://127.0.0.1\n:8900"],
        ];
    }

    public function testBlankUrlNeedsAFallback(): void
    {
        $this->assertArrayHasKey('service_url', SettingsValidator::validate(['service_url' => '', 'token' => 't'], self::nothingElse()));
        $this->assertSame([], SettingsValidator::validate(['service_url' => ' ', 'token' => 't'],
            new ModuleSettings('http://from-env:8900', '', 15, true)));
    }

    public function testTokenMustBeNonEmptyUnlessOneIsKept(): void
    {
        $errors = SettingsValidator::validate(['service_url' => 'http://h', 'token' => '  '], self::nothingElse());
        $this->assertSame(['token'], array_keys($errors));
        $this->assertSame([], SettingsValidator::validate(['service_url' => 'http://h', 'token' => ''],
            new ModuleSettings('', 'saved-token', 15, true)));
    }

    public function testTokenMustBePrintableAsciiWithoutSpaces(): void
    {
        foreach (['two words', "tab\there", 'токен', str_repeat('a', 513)] as $token) {
            $errors = SettingsValidator::validate(['service_url' => 'http://h', 'token' => $token], self::nothingElse());
            $this->assertSame(['token'], array_keys($errors), $token);
        }
    }

    /** @dataProvider timeouts */
    public function testTimeOutRange($timeout, $valid): void
    {
        $errors = SettingsValidator::validate(['service_url' => 'http://h', 'token' => 't', 'timeout' => $timeout], self::nothingElse());
        $this->assertSame($valid ? [] : ['timeout'], array_keys($errors));
    }

    public function timeouts(): array
    {
        return [
            ['13', true], ['15', true], ['120', true], ['', true],
            // below the service's 12 s deadline: the agent would see a time-out while the sync may still write
            ['1', false], ['10', false], ['12', false],
            ['0', false], ['121', false], ['-5', false], ['1.5', false], ['abc', false], ['15s', false],
        ];
    }

    public function testEveryMessageIsTranslated(): void
    {
        $ru = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/ru.json'), true);
        $all = array_merge(
            array_values(SettingsValidator::validate(['service_url' => 'ftp://x', 'token' => 'a b', 'timeout' => '0'], self::nothingElse())),
            array_values(SettingsValidator::validate([], self::nothingElse()))
        );
        $all[] = SettingsValidator::validate(['timeout' => '12'], self::nothingElse())['timeout'];
        $this->assertCount(6, array_unique($all));
        foreach ($all as $message) {
            $this->assertArrayHasKey($message, $ru);
        }
    }
}

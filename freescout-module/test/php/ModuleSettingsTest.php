<?php

use Modules\AidaBilling\Support\ModuleSettings;
use PHPUnit\Framework\TestCase;

final class ModuleSettingsTest extends TestCase
{
    private static function env(array $values = [])
    {
        return array_merge(['service_url' => '', 'token' => '', 'timeout' => 15, 'reload' => true], $values);
    }

    public function testDefaults(): void
    {
        $settings = ModuleSettings::resolve([], ['service_url' => '', 'token' => '', 'timeout' => null, 'reload' => null]);
        $this->assertSame('', $settings->serviceUrl());
        $this->assertSame(15, $settings->timeout());
        $this->assertTrue($settings->reload());
        $this->assertFalse($settings->isConfigured());
    }

    public function testEnvValuesApplyWhenNothingIsSaved(): void
    {
        $settings = ModuleSettings::resolve(
            ['service_url' => null, 'token' => '', 'timeout' => '', 'reload' => null],
            self::env(['service_url' => 'http://127.0.0.1:8900', 'token' => 'env-token', 'timeout' => '20', 'reload' => false])
        );
        $this->assertSame('http://127.0.0.1:8900', $settings->serviceUrl());
        $this->assertSame('env-token', $settings->token());
        $this->assertSame(20, $settings->timeout());
        $this->assertFalse($settings->reload());
        $this->assertTrue($settings->isConfigured());
    }

    public function testSavedValuesWinOverEnv(): void
    {
        $settings = ModuleSettings::resolve(
            ['service_url' => 'https://aida.isp.example', 'token' => 'saved-token', 'timeout' => '30', 'reload' => '0'],
            self::env(['service_url' => 'http://127.0.0.1:8900', 'token' => 'env-token', 'timeout' => 20, 'reload' => true])
        );
        $this->assertSame('https://aida.isp.example', $settings->serviceUrl());
        $this->assertSame('saved-token', $settings->token());
        $this->assertSame(30, $settings->timeout());
        $this->assertFalse($settings->reload());
    }

    public function testSavedReloadOnWinsOverEnvOff(): void
    {
        $settings = ModuleSettings::resolve(['reload' => '1'], self::env(['reload' => false]));
        $this->assertTrue($settings->reload());
    }

    public function testBlankSavedTextFallsBackToEnv(): void
    {
        $settings = ModuleSettings::resolve(
            ['service_url' => '   ', 'token' => ' ', 'timeout' => ' '],
            self::env(['service_url' => 'http://h:1', 'token' => 't', 'timeout' => 19])
        );
        $this->assertSame('http://h:1', $settings->serviceUrl());
        $this->assertSame('t', $settings->token());
        $this->assertSame(19, $settings->timeout());
    }

    public function testOutOfRangeTimeOutsFallBack(): void
    {
        $this->assertSame(15, ModuleSettings::resolve(['timeout' => '0'], self::env(['timeout' => 'abc']))->timeout());
        $this->assertSame(20, ModuleSettings::resolve(['timeout' => '500'], self::env(['timeout' => 20]))->timeout());
        $this->assertSame(15, ModuleSettings::resolve(['timeout' => '-3'], self::env(['timeout' => 121]))->timeout());
    }

    public function testATimeOutTooShortForTheServiceDeadlineIsRaisedAndSaidSo(): void
    {
        // saved by an older version (1-120 were accepted), or in .env: the button must keep working
        $saved = ModuleSettings::resolve(['timeout' => '5'], self::env(['timeout' => 20]));
        $this->assertSame(ModuleSettings::MIN_TIMEOUT, $saved->timeout());
        $this->assertSame(5, $saved->timeoutRaisedFrom());
        $env = ModuleSettings::resolve([], self::env(['timeout' => '12']));
        $this->assertSame(13, $env->timeout());
        $this->assertSame(12, $env->timeoutRaisedFrom());
        $this->assertGreaterThan(ModuleSettings::SERVICE_DEADLINE, ModuleSettings::MIN_TIMEOUT);
        foreach ([13, 15, 120] as $fine) {
            $settings = ModuleSettings::resolve(['timeout' => (string) $fine], self::env([]));
            $this->assertSame($fine, $settings->timeout());
            $this->assertNull($settings->timeoutRaisedFrom());
        }
        $this->assertSame(13, (new ModuleSettings('http://h', 't', 2, true))->timeout());
    }

    public function testParseBool(): void
    {
        foreach (['1', 'true', 'ON', ' yes ', true, 1] as $yes) {
            $this->assertTrue(ModuleSettings::parseBool($yes), var_export($yes, true));
        }
        foreach (['0', 'false', 'off', 'No', false, 0] as $no) {
            $this->assertFalse(ModuleSettings::parseBool($no), var_export($no, true));
        }
        foreach (['', 'maybe', null, []] as $unknown) {
            $this->assertNull(ModuleSettings::parseBool($unknown));
        }
    }
}

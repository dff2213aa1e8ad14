<?php

require_once __DIR__.'/MiniBlade.php';
require_once __DIR__.'/laravel-fakes.php';
require_once AIDA_MODULE_DIR.'/Providers/AidaBillingServiceProvider.php';

use Illuminate\Validation\ValidationException;
use Modules\AidaBilling\Providers\AidaBillingServiceProvider;
use Modules\AidaBilling\Support\Labels;
use Modules\AidaBilling\Support\ModuleSettings;
use Modules\AidaBilling\Support\SettingsValidator;
use PHPUnit\Framework\TestCase;

/**
 * Boots the real service provider against small FreeScout/Laravel stand-ins and runs its hooks:
 * the profile block markup (rendered from the real Blade partial), the assets, and the settings
 * section with its token handling and validation.
 */
final class ProviderTest extends TestCase
{
    protected function setUp(): void
    {
        Eventy::$actions = [];
        Eventy::$filters = [];
        Option::$values = [];
        FakeConfig::$values = [];
        FakeEnv::$values = [];
        FakeLang::$lines = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/ru.json'), true);
        $provider = new AidaBillingServiceProvider(null);
        $provider->register();
        $provider->boot();
        $counter = new ReflectionProperty(AidaBillingServiceProvider::class, 'blocksRendered');
        $counter->setAccessible(true);
        $counter->setValue(null, 0);
    }

    private static function profileHtml($customer)
    {
        ob_start();
        Eventy::action('customer.profile.extra', $customer, '');

        return ob_get_clean();
    }

    private static function dom($html)
    {
        $dom = new DOMDocument();
        $ok = $dom->loadHTML('<?xml encoding="UTF-8"><html><body>'.$html.'</body></html>', LIBXML_NOERROR | LIBXML_NOWARNING);
        self::assertTrue($ok);

        return new DOMXPath($dom);
    }

    public function testHooksAreRegisteredAsFreeScoutCallsThem(): void
    {
        $this->assertCount(1, Eventy::$actions['customer.profile.extra']);
        $this->assertSame(2, Eventy::$actions['customer.profile.extra'][0]['args']);
        $this->assertSame(['/js/main.js', '/modules/aidabilling/js/module.js'], Eventy::filter('javascripts', ['/js/main.js']));
        $this->assertSame(['/css/style.css', '/modules/aidabilling/css/module.css'], Eventy::filter('stylesheets', ['/css/style.css']));
        $this->assertFileExists(AIDA_MODULE_DIR.'/Public/js/module.js');
        $this->assertFileExists(AIDA_MODULE_DIR.'/Public/css/module.css');
        $this->assertSame(AIDA_MODULE_DIR.'/Providers/../Resources/lang', Illuminate\Support\ServiceProvider::$translations[0]);
    }

    public function testProfileBlockMarkup(): void
    {
        $html = self::profileHtml(new FakeCustomer(31, ['http://example.com', 'http://pavelsmit34ru.amocrm.ru/contacts/detail/75005811']));
        $x = self::dom($html);

        $block = $x->query('//div[contains(concat(" ", @class, " "), " aida-billing ")]')->item(0);
        $this->assertNotNull($block, $html);
        $this->assertSame('31', $block->getAttribute('data-customer-id'));
        $this->assertSame('1', $block->getAttribute('data-reload'));
        $labels = json_decode($block->getAttribute('data-labels'), true);
        $this->assertSame(array_keys(Labels::SOURCES), array_keys($labels));
        $this->assertSame('Запросить баланс', $labels['requestBalance']);

        $link = $x->query('//div[@class="aida-amocrm-link"]/a')->item(0);
        $this->assertSame('https://pavelsmit34ru.amocrm.ru/contacts/detail/75005811', $link->getAttribute('href'));
        $this->assertSame('noopener noreferrer', $link->getAttribute('rel'));
        $this->assertSame('_blank', $link->getAttribute('target'));
        $this->assertSame('Профиль в AMOCRM', trim($link->textContent));

        $button = $x->query('//button[@id="aida-request-balance-btn"]')->item(0);
        $this->assertSame('btn btn-default btn-sm aida-request-balance-btn', $button->getAttribute('class'));
        $this->assertSame('button', $button->getAttribute('type'));
        $this->assertSame('31', $button->getAttribute('data-customer-id'));
        $this->assertSame('https://help.isp.example/aidabilling/customers/31/sync', $button->getAttribute('data-url'));
        $this->assertSame('Запросить баланс', trim($button->textContent));
        // Bootstrap draws the icons as characters (glyphicon-ruble is the real sign ₽): decoration only,
        // or a screen reader names the button «₽ Запросить баланс»
        foreach ($x->query('//div[contains(@class, "aida-billing")]//i[contains(@class, "glyphicon")]') as $icon) {
            $this->assertSame('true', $icon->getAttribute('aria-hidden'), $icon->getAttribute('class'));
        }
        $this->assertSame(2, $x->query('//div[contains(@class, "aida-billing")]//i[@aria-hidden="true"]')->length);

        $result = $x->query('//div[@id="aida-balance-result"]')->item(0);
        $this->assertSame('aida-balance-result', $result->getAttribute('class'));
        // a live region hidden until its answer is written at once is not announced
        $this->assertSame('polite', $result->getAttribute('aria-live'));
        $this->assertFalse($result->hasAttribute('hidden'));
        $this->assertSame('', trim($result->textContent));
        $this->assertStringNotContainsString('onclick', $html);
        $this->assertStringNotContainsString('<script', $html);
    }

    public function testProfileBlockCarriesTheValuesThePageShows(): void
    {
        $customer = new FakeCustomer(31, [], ['first_name' => 'Ivan', 'last_name' => '"><b>Petrov</b>', 'company' => null, 'zip' => '404130']);
        $x = self::dom(self::profileHtml($customer));
        $block = $x->query('//div[contains(concat(" ", @class, " "), " aida-billing ")]')->item(0);
        $this->assertSame(
            ['firstName' => 'Ivan', 'lastName' => '"><b>Petrov</b>', 'company' => '', 'zip' => '404130', 'city' => '', 'state' => '', 'address' => ''],
            json_decode($block->getAttribute('data-profile'), true)
        );
        $this->assertSame(0, $x->query('//b')->length, 'the values are an attribute, not markup');
    }

    public function testSecondBlockOnThePageHasNoDuplicateIds(): void
    {
        $html = self::profileHtml(new FakeCustomer(31, [])).self::profileHtml(new FakeCustomer(32, []));
        $x = self::dom($html);
        $this->assertSame(2, $x->query('//div[contains(@class, "aida-billing")]')->length);
        $this->assertSame(1, $x->query('//*[@id="aida-request-balance-btn"]')->length);
        $this->assertSame(1, $x->query('//*[@id="aida-balance-result"]')->length);
        $this->assertSame(2, $x->query('//button[contains(@class, "aida-request-balance-btn")]')->length);
        $this->assertSame(2, $x->query('//div[@class="aida-balance-result"]')->length);
        $this->assertSame('https://help.isp.example/aidabilling/customers/32/sync',
            $x->query('//button[@data-customer-id="32"]')->item(0)->getAttribute('data-url'));
    }

    public function testNoLinkForLookalikesAndOtherSchemes(): void
    {
        $html = self::profileHtml(new FakeCustomer(31, ['https://amocrm.ru.evil.example/x', 'javascript:alert(1)', 'https://amocrm.ru@evil.example']));
        $this->assertStringNotContainsString('aida-amocrm-link', $html);
        $this->assertStringNotContainsString('evil', $html);
        $this->assertStringContainsString('aida-request-balance-btn', $html);
    }

    public function testReloadOffComesFromSettings(): void
    {
        Option::$values['aidabilling.reload'] = '0';
        $x = self::dom(self::profileHtml(new FakeCustomer(5, [])));
        $this->assertSame('0', $x->query('//div[contains(@class, "aida-billing")]')->item(0)->getAttribute('data-reload'));
    }

    public function testLabelsAttributeIsEscaped(): void
    {
        FakeLang::$lines['Balance'] = '"><img src=x onerror=alert(1)>';
        $html = self::profileHtml(new FakeCustomer(5, []));
        $this->assertStringNotContainsString('<img', $html);
        $x = self::dom($html);
        $labels = json_decode($x->query('//div[contains(@class, "aida-billing")]')->item(0)->getAttribute('data-labels'), true);
        $this->assertSame('"><img src=x onerror=alert(1)>', $labels['balance']);
    }

    public function testARenderingFaultNeverBreaksTheProfile(): void
    {
        $this->assertStringContainsString('aida-request-balance-btn', self::profileHtml(new FakeCustomer(5, 'not a list')));
        Log::$lines = [];
        $this->assertSame('', self::profileHtml(new FakeCustomer(5, new RuntimeException('database gone'))));
        $this->assertStringContainsString('database gone', Log::$lines[0]);
        $this->assertSame('', self::profileHtml(null));
        $this->assertSame('', self::profileHtml(new FakeCustomer(null, [])));
    }

    public function testSettingsWinOverEnv(): void
    {
        FakeConfig::$values['aidabilling'] = ['service_url' => 'http://env:8900', 'token' => 'env-token', 'timeout' => '20', 'reload' => true];
        Option::$values = ['aidabilling.service_url' => 'http://saved:8900', 'aidabilling.token' => 'enc:saved-token', 'aidabilling.timeout' => ''];
        $settings = AidaBillingServiceProvider::moduleSettings();
        $this->assertSame('http://saved:8900', $settings->serviceUrl());
        $this->assertSame('saved-token', $settings->token());
        $this->assertSame(20, $settings->timeout());
        Option::$values['aidabilling.token'] = 'garbage-from-another-app-key';
        $this->assertSame('env-token', AidaBillingServiceProvider::moduleSettings()->token());
    }

    public function testConfigReadsTheEnvironment(): void
    {
        FakeConfig::$values = [];
        FakeEnv::$values = ['AIDABILLING_SERVICE_URL' => 'http://127.0.0.1:8900', 'AIDABILLING_TOKEN' => 'tok'];
        (new AidaBillingServiceProvider(null))->boot();
        $settings = AidaBillingServiceProvider::moduleSettings();
        $this->assertSame('http://127.0.0.1:8900', $settings->serviceUrl());
        $this->assertSame('tok', $settings->token());
        $this->assertSame(15, $settings->timeout());
        $this->assertTrue($settings->reload());
    }

    public function testSettingsSection(): void
    {
        $sections = Eventy::filter('settings.sections', ['general' => ['title' => 'General', 'icon' => 'cog', 'order' => 100]]);
        $this->assertSame('AidaBilling', $sections['aidabilling']['title']);
        $this->assertSame('aidabilling::settings', Eventy::filter('settings.view', 'settings/aidabilling', 'aidabilling'));
        $this->assertSame('settings/general', Eventy::filter('settings.view', 'settings/general', 'general'));
        $this->assertSame(['x' => 1], Eventy::filter('settings.section_settings', ['x' => 1], 'general'));

        Option::$values = ['aidabilling.service_url' => 'http://saved:8900', 'aidabilling.token' => 'enc:SAVED-SECRET'];
        $values = Eventy::filter('settings.section_settings', [], 'aidabilling');
        $this->assertSame(['aidabilling.service_url', 'aidabilling.token', 'aidabilling.timeout', 'aidabilling.reload'], array_keys($values));
        $this->assertSame('', $values['aidabilling.token'], 'the token never goes to the page');
        $params = Eventy::filter('settings.section_params', [], 'aidabilling');
        $this->assertTrue($params['settings']['aidabilling.token']['encrypt']);
        $this->assertTrue($params['template_vars']['aida']['token_saved']);
        $this->assertSame([], Eventy::filter('settings.section_params', [], 'general'));
    }

    public function testSettingsPageNeverShowsTheToken(): void
    {
        Option::$values = ['aidabilling.service_url' => 'http://saved:8900', 'aidabilling.token' => 'enc:SAVED-SECRET'];
        FakeConfig::$values['aidabilling']['token'] = 'ENV-SECRET';
        $params = Eventy::filter('settings.section_params', [], 'aidabilling');
        $html = View::make(Eventy::filter('settings.view', 'settings/aidabilling', 'aidabilling'), [
            'settings' => Eventy::filter('settings.section_settings', [], 'aidabilling'),
            'errors' => new FakeErrors(),
            'aida' => $params['template_vars']['aida'],
        ])->render();
        $this->assertStringNotContainsString('SAVED-SECRET', $html);
        $this->assertStringNotContainsString('ENV-SECRET', $html);
        $x = self::dom($html);
        $this->assertSame('password', $x->query('//input[@name="settings[aidabilling.token]"]')->item(0)->getAttribute('type'));
        $this->assertSame('', $x->query('//input[@name="settings[aidabilling.token]"]')->item(0)->getAttribute('value'));
        $this->assertSame('http://saved:8900', $x->query('//input[@name="settings[aidabilling.service_url]"]')->item(0)->getAttribute('value'));
        $this->assertSame('https://help.isp.example/aidabilling/ping', $x->query('//button[contains(@class, "aida-ping-btn")]')->item(0)->getAttribute('data-url'));
        $this->assertSame('Проверить соединение', trim($x->query('//button[contains(@class, "aida-ping-btn")]')->item(0)->textContent));
        $ping = $x->query('//div[contains(@class, "aida-ping-result")]');
        $this->assertSame(1, $ping->length);
        $this->assertSame('polite', $ping->item(0)->getAttribute('aria-live'));
        $this->assertFalse($ping->item(0)->hasAttribute('hidden'));
    }

    public function testSettingsPageShowsValidationErrors(): void
    {
        $params = Eventy::filter('settings.section_params', [], 'aidabilling');
        $html = View::make('aidabilling::settings', [
            'settings' => Eventy::filter('settings.section_settings', [], 'aidabilling'),
            'errors' => new FakeErrors(['settings.aidabilling.service_url' => ['Bad <url>']]),
            'aida' => $params['template_vars']['aida'],
        ])->render();
        $this->assertStringContainsString('Bad &lt;url&gt;', $html);
        $this->assertStringContainsString('has-error', $html);
    }

    public function testEachFieldPointsToItsHelpAndToTheServersMessageAboutIt(): void
    {
        $params = Eventy::filter('settings.section_params', [], 'aidabilling');
        $html = View::make('aidabilling::settings', [
            'settings' => Eventy::filter('settings.section_settings', [], 'aidabilling'),
            'errors' => new FakeErrors([
                'settings.aidabilling.timeout' => ['Тайм-аут должен быть целым числом секунд от 13 до 120.'],
                'settings' => ['Другая ошибка'],
            ]),
            'aida' => $params['template_vars']['aida'],
        ])->render();
        $x = self::dom($html);
        $described = function ($field) use ($x) {
            $input = $x->query('//input[@name="settings[aidabilling.'.$field.']"]')->item(0);
            $texts = [];
            foreach (preg_split('/\s+/', trim($input->getAttribute('aria-describedby'))) as $id) {
                $target = $x->query('//*[@id="'.$id.'"]');
                $this->assertSame(1, $target->length, 'aria-describedby names an element of the page: '.$id);
                $texts[] = preg_replace('/\s+/u', ' ', trim($target->item(0)->textContent));
            }

            return [$input->getAttribute('aria-invalid'), $texts];
        };
        [$invalid, $texts] = $described('timeout');
        $this->assertSame('true', $invalid);
        $this->assertSame('Тайм-аут должен быть целым числом секунд от 13 до 120.', $texts[0], 'the error first');
        $this->assertStringStartsWith('Сколько ждать ответа сервиса', $texts[1]);
        [$invalid, $texts] = $described('service_url');
        $this->assertSame('', $invalid, 'a good field is not marked invalid');
        $this->assertCount(1, $texts);
        [$invalid] = $described('token');
        $this->assertSame('', $invalid);
        $this->assertSame('aidabilling_reload_help', $x->query('//input[@id="aidabilling_reload"]')->item(0)->getAttribute('aria-describedby'));
        // every message is listed once, the field's with its id
        $items = $x->query('//div[contains(@class, "alert-danger")]//li');
        $this->assertSame(2, $items->length);
        $this->assertSame('aidabilling_timeout_error', $items->item(0)->getAttribute('id'));
        $this->assertSame('Другая ошибка', trim($items->item(1)->textContent));
    }

    public function testBlankTokenKeepsTheSavedOneAndReloadIsAlwaysSent(): void
    {
        Option::$values = ['aidabilling.token' => 'enc:SAVED-SECRET'];
        $request = new FakeRequest(['settings' => [
            'aidabilling.service_url' => ' http://127.0.0.1:8900 ', 'aidabilling.token' => '', 'aidabilling.timeout' => '20',
        ]]);
        $result = Eventy::filter('settings.before_save', $request, 'aidabilling', []);
        $this->assertSame([
            'aidabilling.service_url' => 'http://127.0.0.1:8900',
            'aidabilling.token' => 'SAVED-SECRET',
            'aidabilling.timeout' => '20',
            'aidabilling.reload' => '0',
        ], $result->input('settings'));
    }

    public function testTypedTokenReplacesTheSavedOne(): void
    {
        Option::$values = ['aidabilling.token' => 'enc:OLD'];
        $request = new FakeRequest(['settings' => [
            'aidabilling.service_url' => 'http://h:1', 'aidabilling.token' => ' NEW ', 'aidabilling.reload' => '1',
        ]]);
        $settings = Eventy::filter('settings.before_save', $request, 'aidabilling', [])->input('settings');
        $this->assertSame('NEW', $settings['aidabilling.token']);
        $this->assertSame('1', $settings['aidabilling.reload']);
    }

    public function testInvalidSettingsAreRefused(): void
    {
        $request = new FakeRequest(['settings' => [
            'aidabilling.service_url' => 'ftp://x', 'aidabilling.token' => '', 'aidabilling.timeout' => '999',
        ]]);
        try {
            Eventy::filter('settings.before_save', $request, 'aidabilling', []);
            $this->fail('invalid settings must not be saved');
        } catch (ValidationException $e) {
            $this->assertSame(['settings.aidabilling.service_url', 'settings.aidabilling.token', 'settings.aidabilling.timeout'], array_keys($e->messages));
            $this->assertSame('Тайм-аут должен быть целым числом секунд от 13 до 120.', $e->messages['settings.aidabilling.timeout'][0]);
        }
    }

    public function testATimeOutShorterThanTheServiceDeadlineIsRefusedAndNothingSaved(): void
    {
        Option::$values = ['aidabilling.service_url' => 'http://saved:8900', 'aidabilling.token' => 'enc:saved', 'aidabilling.timeout' => '15'];
        $request = new FakeRequest(['settings' => [
            'aidabilling.service_url' => 'http://new:8900', 'aidabilling.token' => '', 'aidabilling.timeout' => '10',
        ]]);
        try {
            Eventy::filter('settings.before_save', $request, 'aidabilling', []);
            $this->fail('a time-out below the service deadline must not be saved');
        } catch (ValidationException $e) {
            $this->assertSame(['settings.aidabilling.timeout'], array_keys($e->messages));
            $this->assertSame('Тайм-аут должен быть не меньше 13 секунд: сервис AidaBilling отвечает в течение 12 секунд, '
                .'и при более коротком ожидании сотрудник увидит ошибку, хотя профиль ещё может быть записан.',
                $e->messages['settings.aidabilling.timeout'][0]);
        }
        $this->assertSame('15', Option::$values['aidabilling.timeout']);
    }

    public function testAnOldTooShortTimeOutKeepsTheButtonWorkingAndTheSettingsPageSaysSo(): void
    {
        Option::$values = ['aidabilling.service_url' => 'http://saved:8900', 'aidabilling.token' => 'enc:saved', 'aidabilling.timeout' => '5'];
        $this->assertSame(13, AidaBillingServiceProvider::moduleSettings()->timeout());
        $x = self::dom(self::settingsHtml());
        $this->assertSame('5', $x->query('//input[@name="settings[aidabilling.timeout]"]')->item(0)->getAttribute('value'));
        $this->assertSame('13', $x->query('//input[@name="settings[aidabilling.timeout]"]')->item(0)->getAttribute('min'));
        $this->assertSame('Заданный тайм-аут меньше срока ответа сервиса AidaBilling (12 секунд), поэтому модуль ждёт 13 секунд. '
            .'Укажите здесь (или в AIDABILLING_TIMEOUT) не меньше 13 и сохраните.',
            trim($x->query('//p[contains(@class, "aida-timeout-raised")]')->item(0)->textContent));

        Option::$values['aidabilling.timeout'] = '20';
        $this->assertSame(0, self::dom(self::settingsHtml())->query('//p[contains(@class, "aida-timeout-raised")]')->length);
    }

    /** module.js stops waiting a little after the route would have given up on the service. */
    public function testTheBlockAndTheConnectionCheckCarryTheTimeOutTheRouteUses(): void
    {
        $timeoutOf = function () {
            $block = self::dom(self::profileHtml(new FakeCustomer(31, [])))
                ->query('//div[contains(@class, "aida-billing")]')->item(0)->getAttribute('data-timeout');
            $ping = self::dom(self::settingsHtml())
                ->query('//div[contains(@class, "aida-ping")]')->item(0)->getAttribute('data-timeout');

            return [$block, $ping];
        };
        $this->assertSame(['15', '15'], $timeoutOf(), 'the default');
        Option::$values = ['aidabilling.service_url' => 'http://saved:8900', 'aidabilling.timeout' => '40'];
        $this->assertSame(['40', '40'], $timeoutOf());
        Option::$values['aidabilling.timeout'] = '5';
        $this->assertSame(['13', '13'], $timeoutOf(), 'as raised: what the route waits, not what was saved');
    }

    public function testTheRaisedTimeOutsWarningIsReadWithTheTimeOutField(): void
    {
        Option::$values = ['aidabilling.service_url' => 'http://saved:8900', 'aidabilling.token' => 'enc:saved', 'aidabilling.timeout' => '5'];
        $described = function ($html) {
            $x = self::dom($html);
            $ids = preg_split('/\s+/', trim($x->query('//input[@id="aidabilling_timeout"]')->item(0)->getAttribute('aria-describedby')));
            foreach ($ids as $id) {
                $this->assertSame(1, $x->query('//*[@id="'.$id.'"]')->length, 'aria-describedby names an element of the page: '.$id);
            }

            return [$ids, $x];
        };
        [$ids, $x] = $described(self::settingsHtml());
        $this->assertSame(['aidabilling_timeout_raised', 'aidabilling_timeout_help'], $ids, 'the warning before the help');
        $this->assertSame('aidabilling_timeout_raised', $x->query('//p[contains(@class, "aida-timeout-raised")]')->item(0)->getAttribute('id'));

        // refused by the server as well: its message first, then the warning, then the help
        $params = Eventy::filter('settings.section_params', [], 'aidabilling');
        [$ids] = $described(View::make('aidabilling::settings', [
            'settings' => Eventy::filter('settings.section_settings', [], 'aidabilling'),
            'errors' => new FakeErrors(['settings.aidabilling.timeout' => ['Тайм-аут должен быть целым числом секунд от 13 до 120.']]),
            'aida' => $params['template_vars']['aida'],
        ])->render());
        $this->assertSame(['aidabilling_timeout_error', 'aidabilling_timeout_raised', 'aidabilling_timeout_help'], $ids);

        Option::$values['aidabilling.timeout'] = '20';
        [$ids] = $described(self::settingsHtml());
        $this->assertSame(['aidabilling_timeout_help'], $ids, 'no warning, nothing more to read');
    }

    public function testTheSettingsFormIsCheckedInTheUsersLanguageNotTheBrowsers(): void
    {
        FakeConfig::$values['aidabilling'] = ['service_url' => 'http://env:8900'];
        $x = self::dom(self::settingsHtml());
        $form = $x->query('//form')->item(0);
        $this->assertTrue($form->hasAttribute('novalidate'), 'the browser\'s own messages come in its language');
        $this->assertStringContainsString('aida-settings-form', $form->getAttribute('class'));
        $this->assertSame('1', $form->getAttribute('data-url-fallback'));
        $this->assertSame('13', $form->getAttribute('data-min-timeout'));
        $this->assertSame('120', $form->getAttribute('data-max-timeout'));
        $labels = json_decode($form->getAttribute('data-labels'), true);
        $this->assertSame('Укажите адрес сервиса AidaBilling.', $labels['settings.urlMissing']);
        $this->assertSame('Тайм-аут должен быть целым числом секунд от 13 до 120.', $labels['settings.timeoutInvalid']);

        // module.js says what the server would say: the same texts
        $server = array_merge(
            array_values(SettingsValidator::validate(['service_url' => 'ftp://x', 'token' => 'a b', 'timeout' => '0'], ModuleSettings::resolve([], []))),
            array_values(SettingsValidator::validate(['timeout' => '5'], ModuleSettings::resolve([], []))),
            [SettingsValidator::validate([], ModuleSettings::resolve([], []))['service_url']]
        );
        foreach ($server as $message) {
            if (strpos($message, 'token') === false) {
                $this->assertContains($message, Labels::SOURCES, $message);
            }
        }
        FakeConfig::$values['aidabilling'] = [];
        $this->assertSame('0', self::dom(self::settingsHtml())->query('//form')->item(0)->getAttribute('data-url-fallback'));
    }

    private static function settingsHtml()
    {
        $params = Eventy::filter('settings.section_params', [], 'aidabilling');

        return View::make(Eventy::filter('settings.view', 'settings/aidabilling', 'aidabilling'), [
            'settings' => Eventy::filter('settings.section_settings', [], 'aidabilling'),
            'errors' => new FakeErrors(),
            'aida' => $params['template_vars']['aida'],
        ])->render();
    }

    public function testARefusedFormLeavesNoTypedTokenToBeKeptInTheSession(): void
    {
        $request = new FakeRequest(['settings' => [
            'aidabilling.service_url' => 'ftp://x', 'aidabilling.token' => 'typed-secret-token-1234', 'aidabilling.timeout' => '15',
        ]]);
        try {
            Eventy::filter('settings.before_save', $request, 'aidabilling', []);
            $this->fail('invalid settings must not be saved');
        } catch (ValidationException $e) {
            // Laravel flashes the request's input to refill the form; the token must not be in it.
            $this->assertSame('', $request->input('settings')['aidabilling.token']);
            $this->assertSame('ftp://x', $request->input('settings')['aidabilling.service_url']);
        }
    }

    public function testOtherSectionsAreLeftAlone(): void
    {
        $request = new FakeRequest(['settings' => ['company_name' => 'ISP']]);
        $this->assertSame(['company_name' => 'ISP'], Eventy::filter('settings.before_save', $request, 'general', [])->input('settings'));
    }
}

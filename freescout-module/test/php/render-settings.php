<?php

/*
 * Prints the settings page's form as the real view renders it (through MiniBlade and the Laravel
 * stand-ins ProviderTest uses), with every kind of text the page can show at once: the general
 * help, each field's help, the server's list of errors (one for the service URL, one not about a
 * field), a refused field, and the warning that a saved time-out of 5 s is raised to 13 s.
 * Used by test/browser/settings-page.test.js: php test/php/render-settings.php
 */

require __DIR__.'/bootstrap.php';
require_once __DIR__.'/MiniBlade.php';
require_once __DIR__.'/laravel-fakes.php';
require_once AIDA_MODULE_DIR.'/Providers/AidaBillingServiceProvider.php';

use Modules\AidaBilling\Providers\AidaBillingServiceProvider;

FakeLang::$lines = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/ru.json'), true);
Option::$values = ['aidabilling.service_url' => 'http://127.0.0.1:8900', 'aidabilling.token' => 'enc:saved', 'aidabilling.timeout' => '5'];
$provider = new AidaBillingServiceProvider(null);
$provider->register();
$provider->boot();

$params = Eventy::filter('settings.section_params', [], 'aidabilling');
$html = View::make(Eventy::filter('settings.view', 'settings/aidabilling', 'aidabilling'), [
    'settings' => Eventy::filter('settings.section_settings', [], 'aidabilling'),
    'errors' => new FakeErrors([
        'settings.aidabilling.service_url' => ['Адрес сервиса должен начинаться с http:// или https://.'],
        'settings' => ['Не удалось сохранить настройки.'],
    ]),
    'aida' => $params['template_vars']['aida'],
])->render();
// Laravel's csrf_field() is an HtmlString, which {{ }} leaves as it is; the stand-in's is a plain string.
echo str_replace(htmlspecialchars(csrf_field(), ENT_QUOTES, 'UTF-8'), csrf_field(), $html);

<?php

namespace Modules\AidaBilling\Providers;

use Illuminate\Support\ServiceProvider;
use Illuminate\Validation\ValidationException;
use Modules\AidaBilling\Support\AmoCrmLink;
use Modules\AidaBilling\Support\CurlTransport;
use Modules\AidaBilling\Support\Labels;
use Modules\AidaBilling\Support\ModuleSettings;
use Modules\AidaBilling\Support\ProfileValues;
use Modules\AidaBilling\Support\ServiceClient;
use Modules\AidaBilling\Support\SettingsValidator;

/**
 * Wires the module into FreeScout: the profile block on the customer.profile.extra hook, the
 * module's JS and CSS in FreeScout's bundles, the admin settings section, views, translations and
 * config. The logic that needs no Laravel lives in Modules\AidaBilling\Support (autoloaded by
 * FreeScout's composer rule "Modules\\" => "Modules/").
 */
class AidaBillingServiceProvider extends ServiceProvider
{
    const ALIAS = 'aidabilling';
    const SECTION = 'aidabilling';

    /** Option names on the settings page (FreeScout's options table). */
    const OPTION_URL = 'aidabilling.service_url';
    const OPTION_TOKEN = 'aidabilling.token';
    const OPTION_TIMEOUT = 'aidabilling.timeout';
    const OPTION_RELOAD = 'aidabilling.reload';

    /** Blocks rendered in this request: only the first carries the seed's element ids. */
    private static $blocksRendered = 0;

    protected $defer = false;

    public function boot()
    {
        $this->registerConfig();
        $this->registerViews();
        $this->hooks();
    }

    public function register()
    {
        $this->loadJsonTranslationsFrom(__DIR__.'/../Resources/lang');
    }

    protected function registerConfig()
    {
        $this->mergeConfigFrom(__DIR__.'/../Config/config.php', self::ALIAS);
    }

    protected function registerViews()
    {
        $this->loadViewsFrom(__DIR__.'/../Resources/views', self::ALIAS);
    }

    protected function hooks()
    {
        \Eventy::addFilter('javascripts', function ($javascripts) {
            $javascripts[] = \Module::getPublicPath(self::ALIAS).'/js/module.js';

            return $javascripts;
        });

        \Eventy::addFilter('stylesheets', function ($styles) {
            $styles[] = \Module::getPublicPath(self::ALIAS).'/css/module.css';

            return $styles;
        });

        \Eventy::addAction('customer.profile.extra', function ($customer, $conversation = '') {
            echo self::renderProfileBlock($customer);
        }, 20, 2);

        $this->settingsHooks();
    }

    /** The «Профиль в AMOCRM» link, the «Запросить баланс» button and the result block. */
    public static function renderProfileBlock($customer)
    {
        if (!is_object($customer) || empty($customer->id)) {
            return '';
        }
        try {
            $settings = self::moduleSettings();

            return \View::make('aidabilling::partials.profile_block', [
                'customer_id' => (int) $customer->id,
                'amo_url' => AmoCrmLink::pick($customer->getWebsites()),
                'sync_url' => route('aidabilling.sync', ['id' => $customer->id]),
                'reload' => $settings->reload(),
                // module.js waits a little longer for the route than the route waits for the service
                'timeout' => $settings->timeout(),
                'profile' => ProfileValues::of($customer),
                'labels' => Labels::translated(self::translator()),
                'with_ids' => self::$blocksRendered++ === 0,
            ])->render();
        } catch (\Throwable $e) {
            // The profile is FreeScout's page: a module fault must not take it down.
            \Log::error('AidaBilling: the profile block could not be rendered: '.$e->getMessage());

            return '';
        }
    }

    protected function settingsHooks()
    {
        \Eventy::addFilter('settings.sections', function ($sections) {
            $sections[self::SECTION] = ['title' => __('AidaBilling'), 'icon' => 'ruble', 'order' => 650];

            return $sections;
        }, 30);

        \Eventy::addFilter('settings.section_settings', function ($settings, $section) {
            if ($section !== self::SECTION) {
                return $settings;
            }
            $saved = self::savedOptions();

            return [
                self::OPTION_URL => (string) $saved['service_url'],
                // The token is never sent to the browser; a blank field keeps the saved one.
                self::OPTION_TOKEN => '',
                self::OPTION_TIMEOUT => (string) $saved['timeout'],
                self::OPTION_RELOAD => self::moduleSettings()->reload(),
            ];
        }, 20, 2);

        \Eventy::addFilter('settings.section_params', function ($params, $section) {
            if ($section !== self::SECTION) {
                return $params;
            }
            $saved = self::savedOptions();
            $env = self::envConfig();

            return [
                'settings' => [
                    self::OPTION_TOKEN => ['encrypt' => true],
                ],
                'template_vars' => [
                    'aida' => [
                        'token_saved' => $saved['token'] !== '',
                        'token_in_env' => trim((string) $env['token']) !== '',
                        'env_service_url' => trim((string) $env['service_url']),
                        'env_timeout' => ModuleSettings::parseTimeout($env['timeout']),
                        'default_timeout' => ModuleSettings::DEFAULT_TIMEOUT,
                        'min_timeout' => ModuleSettings::MIN_TIMEOUT,
                        'max_timeout' => ModuleSettings::MAX_TIMEOUT,
                        // a too-short time-out saved by an older version, or in .env: raised, and said so
                        'timeout_raised_from' => self::moduleSettings()->timeoutRaisedFrom(),
                        'ping_url' => route('aidabilling.ping'),
                        // the time-out the ping route uses: module.js waits a little longer
                        'timeout' => self::moduleSettings()->timeout(),
                        'labels' => Labels::translated(self::translator()),
                    ],
                ],
            ];
        }, 20, 2);

        \Eventy::addFilter('settings.view', function ($view, $section) {
            return $section === self::SECTION ? 'aidabilling::settings' : $view;
        }, 20, 2);

        \Eventy::addFilter('settings.before_save', function ($request, $section, $settings) {
            return $section === self::SECTION ? self::prepareSave($request) : $request;
        }, 20, 3);
    }

    /**
     * Validates the settings form and normalises it for FreeScout's save loop: a blank token keeps
     * the saved one, the reload switch is always sent (an unticked box sends nothing).
     */
    public static function prepareSave($request)
    {
        $input = $request->input('settings');
        $input = is_array($input) ? $input : [];
        $typed = [
            'service_url' => isset($input[self::OPTION_URL]) ? (string) $input[self::OPTION_URL] : '',
            'token' => isset($input[self::OPTION_TOKEN]) ? (string) $input[self::OPTION_TOKEN] : '',
            'timeout' => isset($input[self::OPTION_TIMEOUT]) ? (string) $input[self::OPTION_TIMEOUT] : '',
        ];
        $saved = self::savedOptions();
        $fallback = ModuleSettings::resolve(['token' => $saved['token']], self::envConfig());
        $errors = SettingsValidator::validate($typed, $fallback);
        if ($errors) {
            $messages = [];
            foreach ($errors as $key => $message) {
                $messages['settings.aidabilling.'.$key] = [__($message)];
            }
            // Laravel keeps a failed form's input in the session to refill it; never the token.
            $input[self::OPTION_TOKEN] = '';
            $request->merge(['settings' => $input]);
            throw ValidationException::withMessages($messages);
        }

        $input[self::OPTION_URL] = trim($typed['service_url']);
        $input[self::OPTION_TOKEN] = trim($typed['token']) !== '' ? trim($typed['token']) : $saved['token'];
        $input[self::OPTION_TIMEOUT] = trim($typed['timeout']);
        $input[self::OPTION_RELOAD] = !empty($input[self::OPTION_RELOAD]) ? '1' : '0';
        $request->merge(['settings' => $input]);

        return $request;
    }

    /** The effective settings: saved on the settings page, else .env, else defaults. */
    public static function moduleSettings()
    {
        return ModuleSettings::resolve(self::savedOptions(), self::envConfig());
    }

    /** A client for the AidaBilling service with the effective settings. */
    public static function serviceClient()
    {
        return new ServiceClient(new CurlTransport(), self::moduleSettings(), self::translator());
    }

    /** What the settings page saved (blank or absent values as '' / null). */
    protected static function savedOptions()
    {
        return [
            'service_url' => (string) \Option::get(self::OPTION_URL, ''),
            'token' => self::decryptToken(\Option::get(self::OPTION_TOKEN, '')),
            'timeout' => (string) \Option::get(self::OPTION_TIMEOUT, ''),
            'reload' => \Option::get(self::OPTION_RELOAD, null),
        ];
    }

    protected static function envConfig()
    {
        $config = config(self::ALIAS);
        $config = is_array($config) ? $config : [];

        return array_merge(['service_url' => '', 'token' => '', 'timeout' => null, 'reload' => null], $config);
    }

    protected static function decryptToken($stored)
    {
        if (!is_string($stored) || $stored === '') {
            return '';
        }
        try {
            return trim((string) decrypt($stored));
        } catch (\Exception $e) {
            // Saved under another APP_KEY: treat as not saved, so .env or a new entry applies.
            return '';
        }
    }

    protected static function translator()
    {
        return function ($text) {
            return __($text);
        };
    }
}

<?php

namespace Modules\AidaBilling\Support;

/**
 * Checks what an administrator typed on the settings page before it is saved. Messages are the
 * English source strings of the module's translations, keyed by the option they concern.
 */
final class SettingsValidator
{
    const MAX_TOKEN_LENGTH = 512;

    /**
     * @param array          $input    service_url, token, timeout as typed (token blank = keep)
     * @param ModuleSettings $fallback what applies when a field is left blank (saved or .env)
     *
     * @return array option key => message; empty when everything is valid
     */
    public static function validate(array $input, ModuleSettings $fallback)
    {
        $errors = [];
        $url = isset($input['service_url']) ? trim((string) $input['service_url']) : '';
        if ($url === '') {
            if ($fallback->serviceUrl() === '') {
                $errors['service_url'] = 'Enter the address of the AidaBilling service.';
            }
        } elseif (!self::isServiceUrl($url)) {
            $errors['service_url'] = 'The service address must be an http:// or https:// URL with a host, without a query or user name.';
        }

        $token = isset($input['token']) ? trim((string) $input['token']) : '';
        if ($token === '') {
            if ($fallback->token() === '') {
                $errors['token'] = 'Enter the token of the AidaBilling service.';
            }
        } elseif (strlen($token) > self::MAX_TOKEN_LENGTH || !preg_match('/^[\x21-\x7e]+$/', $token)) {
            $errors['token'] = 'The token may hold only printable ASCII characters without spaces, at most 512.';
        }

        $timeout = isset($input['timeout']) ? trim((string) $input['timeout']) : '';
        if ($timeout !== '' && !ModuleSettings::isAcceptedTimeout($timeout)) {
            $errors['timeout'] = ModuleSettings::parseTimeout($timeout) !== null
                ? 'The time-out must be at least 13 seconds: the AidaBilling service takes up to 12 seconds to answer, and a shorter wait would show a time-out while the profile may still be written.'
                : 'The time-out must be a whole number of seconds from 13 to 120.';
        }

        return $errors;
    }

    /** An absolute http(s) URL with a host and nothing that does not belong in a base URL. */
    public static function isServiceUrl($url)
    {
        if (!is_string($url) || preg_match('/[\x00-\x20\x7f\\\\]/', $url)) {
            return false;
        }
        $parts = parse_url($url);
        if (!is_array($parts) || !isset($parts['scheme'], $parts['host']) || $parts['host'] === '') {
            return false;
        }
        if (!in_array(strtolower($parts['scheme']), ['http', 'https'], true)) {
            return false;
        }
        if (strpos($url, '@') !== false || isset($parts['query']) || isset($parts['fragment'])
            || substr($url, -1) === '?' || substr($url, -1) === '#') {
            return false;
        }

        return true;
    }
}

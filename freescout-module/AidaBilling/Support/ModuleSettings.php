<?php

namespace Modules\AidaBilling\Support;

/**
 * The module's effective settings: a value saved on the settings page wins over FreeScout's .env
 * (AIDABILLING_SERVICE_URL, AIDABILLING_TOKEN, AIDABILLING_TIMEOUT, AIDABILLING_RELOAD), and a
 * blank saved text counts as "not saved", so clearing a field on the page falls back to .env.
 */
final class ModuleSettings
{
    const DEFAULT_TIMEOUT = 15;
    /**
     * The AidaBilling service's own deadline for a request (AIDA_REQUEST_DEADLINE_MS, 12 s): it
     * answers by then, a write of the sync included. A shorter wait here shows the agent a
     * time-out while the sync goes on and may still write.
     */
    const SERVICE_DEADLINE = 12;
    /** The smallest time-out that covers the service's deadline (one second for the answer). */
    const MIN_TIMEOUT = 13;
    const MAX_TIMEOUT = 120;
    /** The smallest number an older version accepted: such a saved value is raised, not dropped. */
    const OLD_MIN_TIMEOUT = 1;

    /** @var string */
    private $serviceUrl;
    /** @var string */
    private $token;
    /** @var int */
    private $timeout;
    /** @var int|null */
    private $raisedFrom;
    /** @var bool */
    private $reload;

    public function __construct($serviceUrl, $token, $timeout, $reload)
    {
        $this->serviceUrl = trim((string) $serviceUrl);
        $this->token = trim((string) $token);
        $this->timeout = max(self::MIN_TIMEOUT, (int) $timeout);
        $this->raisedFrom = (int) $timeout < self::MIN_TIMEOUT ? (int) $timeout : null;
        $this->reload = (bool) $reload;
    }

    /**
     * @param array $saved values saved on the settings page (null or absent: not saved)
     * @param array $env   the module config read from .env
     */
    public static function resolve(array $saved, array $env)
    {
        $url = self::firstText([self::get($saved, 'service_url'), self::get($env, 'service_url')]);
        $token = self::firstText([self::get($saved, 'token'), self::get($env, 'token')]);
        $timeout = self::parseTimeout(self::get($saved, 'timeout'));
        if ($timeout === null) {
            $timeout = self::parseTimeout(self::get($env, 'timeout'));
        }
        $reload = self::parseBool(self::get($saved, 'reload'));
        if ($reload === null) {
            $reload = self::parseBool(self::get($env, 'reload'));
        }

        return new self(
            $url,
            $token,
            $timeout === null ? self::DEFAULT_TIMEOUT : $timeout,
            $reload === null ? true : $reload
        );
    }

    public function serviceUrl()
    {
        return $this->serviceUrl;
    }

    public function token()
    {
        return $this->token;
    }

    /** The time-out of a call to the service, in seconds: never below MIN_TIMEOUT. */
    public function timeout()
    {
        return $this->timeout;
    }

    /**
     * The configured time-out when it was too small to cover the service's deadline (saved by an
     * older version, or in .env) and MIN_TIMEOUT is used instead; otherwise null.
     */
    public function timeoutRaisedFrom()
    {
        return $this->raisedFrom;
    }

    public function reload()
    {
        return $this->reload;
    }

    /** Both the service URL and the token are set. */
    public function isConfigured()
    {
        return $this->serviceUrl !== '' && $this->token !== '';
    }

    /**
     * A whole number of seconds from OLD_MIN_TIMEOUT to MAX_TIMEOUT, or null. A value below
     * MIN_TIMEOUT is read (an older version saved it) and raised to MIN_TIMEOUT by the constructor;
     * the settings page no longer accepts it (isAcceptedTimeout).
     */
    public static function parseTimeout($value)
    {
        if (is_int($value)) {
            $seconds = $value;
        } elseif (is_string($value) && preg_match('/^\s*\d{1,4}\s*$/', $value)) {
            $seconds = (int) trim($value);
        } else {
            return null;
        }

        return $seconds >= self::OLD_MIN_TIMEOUT && $seconds <= self::MAX_TIMEOUT ? $seconds : null;
    }

    /** What the settings page may save: a whole number from MIN_TIMEOUT to MAX_TIMEOUT. */
    public static function isAcceptedTimeout($value)
    {
        $seconds = self::parseTimeout($value);

        return $seconds !== null && $seconds >= self::MIN_TIMEOUT;
    }

    /** true/false from the usual spellings (1/0, true/false, on/off, yes/no), else null. */
    public static function parseBool($value)
    {
        if (is_bool($value)) {
            return $value;
        }
        if (is_int($value)) {
            return $value !== 0;
        }
        if (!is_string($value)) {
            return null;
        }
        $value = strtolower(trim($value));
        if (in_array($value, ['1', 'true', 'on', 'yes'], true)) {
            return true;
        }
        if (in_array($value, ['0', 'false', 'off', 'no'], true)) {
            return false;
        }

        return null;
    }

    private static function get(array $values, $key)
    {
        return array_key_exists($key, $values) ? $values[$key] : null;
    }

    private static function firstText(array $candidates)
    {
        foreach ($candidates as $candidate) {
            if ((is_string($candidate) || is_numeric($candidate)) && trim((string) $candidate) !== '') {
                return trim((string) $candidate);
            }
        }

        return '';
    }
}

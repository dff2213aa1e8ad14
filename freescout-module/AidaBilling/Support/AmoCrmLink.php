<?php

namespace Modules\AidaBilling\Support;

/**
 * Picks the amoCRM contact link out of a customer's websites.
 *
 * A website is shown as «Профиль в AMOCRM» only when its parsed host is amocrm.ru, amocrm.com or a
 * subdomain of them: a substring test would accept amocrm.ru.evil.example. FreeScout stores a
 * website typed without a scheme as http://…, so http is accepted and upgraded to https; any other
 * scheme (javascript:, data:, ftp:) and any URL with user info, a port, control characters or a
 * backslash is refused, because browsers and parse_url() read such URLs differently.
 */
final class AmoCrmLink
{
    const ALLOWED_DOMAINS = ['amocrm.ru', 'amocrm.com'];

    private function __construct()
    {
    }

    /**
     * The first website that is an amoCRM link, as a safe https URL, or null.
     *
     * @param mixed $websites the customer's websites (FreeScout: a list of strings)
     */
    public static function pick($websites)
    {
        if (!is_array($websites)) {
            return null;
        }
        foreach ($websites as $website) {
            $url = self::normalize($website);
            if ($url !== null) {
                return $url;
            }
        }

        return null;
    }

    /**
     * One website as a safe https amoCRM URL, or null when it is not one.
     *
     * @param mixed $website
     */
    public static function normalize($website)
    {
        if (!is_string($website)) {
            return null;
        }
        $value = trim($website);
        if ($value === '' || strlen($value) > 2048) {
            return null;
        }
        // Whitespace, control characters and backslashes inside a URL are read differently by
        // browsers (a backslash counts as a slash) and by parse_url(): refuse them outright.
        if (preg_match('/[\x00-\x20\x7f\\\\]/', $value)) {
            return null;
        }
        if (strpos($value, '//') === 0) {
            return null;
        }
        if (!preg_match('/^[a-z][a-z0-9+.-]*:/i', $value)) {
            // No scheme at all (data typed before FreeScout added http://): read it as a host.
            $value = 'https://'.$value;
        }
        $parts = parse_url($value);
        if (!is_array($parts) || !isset($parts['scheme'], $parts['host'])) {
            return null;
        }
        $scheme = strtolower($parts['scheme']);
        if ($scheme !== 'http' && $scheme !== 'https') {
            return null;
        }
        if (isset($parts['user']) || isset($parts['pass']) || isset($parts['port'])) {
            return null;
        }
        if (strpos($value, '@') !== false && strpos($value, '@') < self::pathStart($value)) {
            return null;
        }
        $host = self::allowedHost($parts['host']);
        if ($host === null) {
            return null;
        }

        $url = 'https://'.$host;
        $url .= isset($parts['path']) ? $parts['path'] : '/';
        if (isset($parts['query'])) {
            $url .= '?'.$parts['query'];
        }
        if (isset($parts['fragment'])) {
            $url .= '#'.$parts['fragment'];
        }

        return $url;
    }

    /** The host in lower case when it is an amoCRM domain or a subdomain of one, else null. */
    private static function allowedHost($host)
    {
        $host = strtolower($host);
        if (substr($host, -1) === '.') {
            $host = substr($host, 0, -1);
        }
        if (!preg_match('/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/', $host)) {
            return null;
        }
        foreach (self::ALLOWED_DOMAINS as $domain) {
            if ($host === $domain) {
                return $host;
            }
            $suffix = '.'.$domain;
            if (strlen($host) > strlen($suffix) && substr($host, -strlen($suffix)) === $suffix) {
                return $host;
            }
        }

        return null;
    }

    /** Offset of the first "/", "?" or "#" after the scheme's "//", i.e. where the authority ends. */
    private static function pathStart($url)
    {
        $start = strpos($url, '//');
        $start = $start === false ? 0 : $start + 2;
        $end = strlen($url);
        foreach (['/', '?', '#'] as $char) {
            $pos = strpos($url, $char, $start);
            if ($pos !== false && $pos < $end) {
                $end = $pos;
            }
        }

        return $end;
    }
}

<?php

namespace Modules\AidaBilling\Support;

/**
 * The X-Aida-Actor header naming the FreeScout user who pressed the button:
 * "freescout-user:<id> <email>". Header values are not UTF-8, so anything outside printable ASCII
 * (an internationalised e-mail, a CR/LF that would split the header) becomes "?".
 */
final class ActorHeader
{
    const MAX_LENGTH = 200;

    private function __construct()
    {
    }

    public static function value($userId, $email)
    {
        $value = 'freescout-user:'.(int) $userId;
        $email = self::ascii((string) $email);
        if ($email !== '') {
            $value .= ' '.$email;
        }

        return substr($value, 0, self::MAX_LENGTH);
    }

    /** Printable ASCII only: each other character (a whole UTF-8 sequence) becomes one "?". */
    public static function ascii($text)
    {
        $text = preg_replace('/[\x00-\x1f\x7f]/', ' ', $text);
        $replaced = preg_replace('/[^\x20-\x7e]/u', '?', $text);
        if ($replaced === null) {
            // Not valid UTF-8: replace byte by byte.
            $replaced = preg_replace('/[^\x20-\x7e]/', '?', $text);
        }

        return trim(preg_replace('/\s+/', ' ', $replaced));
    }
}

<?php

namespace Modules\AidaBilling\Support;

/** JSON encoding with the flags the module uses everywhere (readable Cyrillic, no escaped slashes). */
final class Json
{
    private function __construct()
    {
    }

    public static function encode($value)
    {
        $json = json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        if ($json === false) {
            // Invalid UTF-8 from somewhere upstream: substitute rather than lose the whole answer.
            $json = json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR);
        }

        return $json;
    }

    /**
     * Decodes a JSON object; null when the text is not valid JSON or not an object.
     *
     * @return \stdClass|null
     */
    public static function decodeObject($text)
    {
        if (!is_string($text) || $text === '') {
            return null;
        }
        $value = json_decode($text);
        if (json_last_error() !== JSON_ERROR_NONE || !($value instanceof \stdClass)) {
            return null;
        }

        return $value;
    }
}

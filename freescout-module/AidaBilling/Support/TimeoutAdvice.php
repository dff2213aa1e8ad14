<?php

namespace Modules\AidaBilling\Support;

/**
 * Whether the module's time-out covers the AidaBilling service's own request deadline
 * (AIDA_REQUEST_DEADLINE_MS), which the service tells in its ping answer ("requestDeadlineMs");
 * ModuleSettings::MIN_TIMEOUT can only assume its default of 12 s. A time-out that does not exceed
 * the deadline by a second shows the agent a time-out while the sync goes on and may still write,
 * so «Проверить соединение» adds a warning ("timeoutWarning") saying which value to set. A service
 * that does not tell its deadline (older than this check) is not checked.
 */
final class TimeoutAdvice
{
    /** The ping answer's member with the service's request deadline, in milliseconds. */
    const DEADLINE_MEMBER = 'requestDeadlineMs';
    /** The member the module adds to the ping answer when the time-out is too short. */
    const WARNING_MEMBER = 'timeoutWarning';
    /** How much longer than the deadline the module waits: the answer's way back. */
    const MARGIN_MS = 1000;

    const TOO_SHORT = 'The time-out of :timeout s is too short: the AidaBilling service may take up to :deadline ms to answer (AIDA_REQUEST_DEADLINE_MS) and the module must wait at least a second longer, or the agent sees an error while the profile may still be written. Set the time-out to at least :minimum s and save.';
    const BEYOND_MAXIMUM = 'The AidaBilling service may take up to :deadline ms to answer (AIDA_REQUEST_DEADLINE_MS), and the module waits at most :maximum s, so the agent may see an error while the profile is still being written. Lower AIDA_REQUEST_DEADLINE_MS of the service to :limit or less.';

    private function __construct()
    {
    }

    /** The smallest time-out, in whole seconds, that exceeds the deadline by MARGIN_MS. */
    public static function minimumTimeout($deadlineMs)
    {
        return (int) ceil(((int) $deadlineMs + self::MARGIN_MS) / 1000);
    }

    /**
     * The warning for a time-out against the service's deadline, in the user's language, or null
     * when the time-out is long enough.
     *
     * @param int      $deadlineMs     the service's request deadline
     * @param int      $timeoutSeconds the time-out the module uses (ModuleSettings::timeout())
     * @param callable $translate      English source string => text in the user's language
     */
    public static function warning($deadlineMs, $timeoutSeconds, callable $translate)
    {
        $minimum = self::minimumTimeout($deadlineMs);
        if ((int) $timeoutSeconds >= $minimum) {
            return null;
        }
        $english = $minimum > ModuleSettings::MAX_TIMEOUT ? self::BEYOND_MAXIMUM : self::TOO_SHORT;

        return strtr((string) call_user_func($translate, $english), [
            ':timeout' => (string) (int) $timeoutSeconds,
            ':deadline' => (string) (int) $deadlineMs,
            ':minimum' => (string) $minimum,
            ':maximum' => (string) ModuleSettings::MAX_TIMEOUT,
            ':limit' => (string) (ModuleSettings::MAX_TIMEOUT * 1000 - self::MARGIN_MS),
        ]);
    }

    /**
     * A successful ping answer with the warning added when the service's deadline asks for a longer
     * time-out; any other answer, or one without a deadline (an older service), as it is.
     */
    public static function addTo(ModuleResponse $response, $timeoutSeconds, callable $translate)
    {
        if ($response->status() < 200 || $response->status() >= 300 || $response->contentType() !== ModuleResponse::JSON) {
            return $response;
        }
        $body = Json::decodeObject($response->body());
        if ($body === null || !isset($body->{self::DEADLINE_MEMBER})
            || !is_int($body->{self::DEADLINE_MEMBER}) || $body->{self::DEADLINE_MEMBER} <= 0) {
            return $response;
        }
        $warning = self::warning($body->{self::DEADLINE_MEMBER}, $timeoutSeconds, $translate);
        if ($warning === null) {
            return $response;
        }
        $body->{self::WARNING_MEMBER} = $warning;

        return new ModuleResponse($response->status(), Json::encode($body), $response->contentType());
    }
}

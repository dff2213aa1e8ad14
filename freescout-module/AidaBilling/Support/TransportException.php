<?php

namespace Modules\AidaBilling\Support;

/** No HTTP answer from the service: connection refused, name not resolved, TLS failure, time-out. */
final class TransportException extends \RuntimeException
{
    /** @var bool */
    private $timedOut;

    public function __construct($message, $timedOut = false)
    {
        parent::__construct($message);
        $this->timedOut = (bool) $timedOut;
    }

    public function timedOut()
    {
        return $this->timedOut;
    }
}

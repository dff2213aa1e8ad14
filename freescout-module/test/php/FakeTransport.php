<?php

namespace Modules\AidaBilling\Tests;

use Modules\AidaBilling\Support\HttpRequest;
use Modules\AidaBilling\Support\Transport;
use Modules\AidaBilling\Support\TransportResponse;

/** A transport that records requests and answers from a script (a response or an exception). */
final class FakeTransport implements Transport
{
    /** @var HttpRequest[] */
    public $requests = [];
    /** @var TransportResponse|\Exception */
    private $answer;

    public function __construct($answer)
    {
        $this->answer = $answer;
    }

    public function send(HttpRequest $request)
    {
        $this->requests[] = $request;
        if ($this->answer instanceof \Exception) {
            throw $this->answer;
        }

        return $this->answer;
    }
}

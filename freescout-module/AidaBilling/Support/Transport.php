<?php

namespace Modules\AidaBilling\Support;

/**
 * Sends one HTTP request to the AidaBilling service. The seam that keeps ServiceClient testable
 * without a network; CurlTransport is the real one.
 */
interface Transport
{
    /**
     * @throws TransportException when no HTTP answer came (refused, DNS, TLS, time-out, too big)
     *
     * @return TransportResponse any HTTP answer, whatever its status
     */
    public function send(HttpRequest $request);
}

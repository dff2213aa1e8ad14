<?php

namespace Modules\AidaBilling\Support;

/**
 * The real transport, on PHP's curl extension (a FreeScout requirement), so the module needs no
 * particular Guzzle version. Redirects are not followed (they would carry the bearer token to
 * another address), environment proxies are ignored (the service is on the provider's own
 * network), and an answer over 1 MiB is cut off as a failure.
 */
final class CurlTransport implements Transport
{
    const MAX_BODY_BYTES = 1048576;
    const MAX_CONNECT_SECONDS = 5;

    public function send(HttpRequest $request)
    {
        if (!function_exists('curl_init')) {
            throw new TransportException('The PHP curl extension is not installed');
        }
        $handle = curl_init();
        $body = '';
        $tooBig = false;
        $headerLines = [];
        foreach ($request->headers() as $name => $value) {
            $headerLines[] = $name.': '.$value;
        }
        // No "Expect: 100-continue" round trip for small JSON bodies.
        $headerLines[] = 'Expect:';
        $timeoutMs = max(1, $request->timeout()) * 1000;
        $options = [
            CURLOPT_URL => $request->url(),
            CURLOPT_CUSTOMREQUEST => $request->method(),
            CURLOPT_HTTPHEADER => $headerLines,
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_PROXY => '',
            CURLOPT_NOSIGNAL => true,
            CURLOPT_CONNECTTIMEOUT_MS => min($timeoutMs, self::MAX_CONNECT_SECONDS * 1000),
            CURLOPT_TIMEOUT_MS => $timeoutMs,
            CURLOPT_PROTOCOLS => CURLPROTO_HTTP | CURLPROTO_HTTPS,
            CURLOPT_WRITEFUNCTION => function ($curl, $chunk) use (&$body, &$tooBig) {
                if (strlen($body) + strlen($chunk) > self::MAX_BODY_BYTES) {
                    $tooBig = true;

                    return -1;
                }
                $body .= $chunk;

                return strlen($chunk);
            },
        ];
        if ($request->body() !== null) {
            $options[CURLOPT_POSTFIELDS] = $request->body();
        }
        curl_setopt_array($handle, $options);
        $ok = curl_exec($handle);
        $errno = curl_errno($handle);
        $error = curl_error($handle);
        $status = (int) curl_getinfo($handle, CURLINFO_HTTP_CODE);
        $contentType = (string) curl_getinfo($handle, CURLINFO_CONTENT_TYPE);
        curl_close($handle);

        if ($tooBig) {
            throw new TransportException('The service answered more than '.self::MAX_BODY_BYTES.' bytes');
        }
        if ($ok === false || $errno !== 0) {
            throw new TransportException('curl error '.$errno.': '.$error, $errno === CURLE_OPERATION_TIMEDOUT);
        }

        return new TransportResponse($status, $body, $contentType);
    }
}

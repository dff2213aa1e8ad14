<?php

namespace Modules\AidaBilling\Support;

/**
 * Talks to the AidaBilling service (http-app) on behalf of the module's routes and turns every
 * outcome into what the browser gets: http-app's own JSON body and status when it answered
 * properly, otherwise one of the module's problems. A 401/403 from http-app (the module's token
 * refused) becomes SERVICE_AUTH_FAILED 502, because a 401 reaching the browser would read as a
 * FreeScout logout; no answer, an answer that is not a JSON object, or a 2xx without the contract's
 * success status ("updated", "unchanged", "dry-run"; "ok" for ping) is SERVICE_UNREACHABLE.
 * The service URL and the token never appear in what goes back to the browser.
 */
final class ServiceClient
{
    const SYNC_PATH = '/api/v1/customers/%d/sync';
    const PING_PATH = '/api/v1/ping';

    /** The "status" values of a successful sync (spec 11); anything else is not http-app's answer. */
    const SYNC_STATUSES = ['updated', 'unchanged', 'dry-run'];
    /** The "status" of a successful ping. */
    const PING_STATUSES = ['ok'];

    /** @var Transport */
    private $transport;
    /** @var ModuleSettings */
    private $settings;
    /** @var callable */
    private $translate;
    /** @var string|null */
    private $lastFailure;

    /**
     * @param callable|null $translate English source string => text in the user's language
     */
    public function __construct(Transport $transport, ModuleSettings $settings, ?callable $translate = null)
    {
        $this->transport = $transport;
        $this->settings = $settings;
        $this->translate = $translate !== null ? $translate : function ($text) {
            return $text;
        };
    }

    /** Asks http-app to sync one customer; $contract picks one of several billing accounts. */
    public function sync($customerId, $contract, $userId, $userEmail)
    {
        if (!$this->settings->isConfigured()) {
            return $this->notConfigured();
        }

        return $this->exchange($this->buildSyncRequest($customerId, $contract, $userId, $userEmail), self::SYNC_STATUSES);
    }

    /**
     * Checks the token and both upstreams through http-app's ping, and warns (TimeoutAdvice) when the
     * time-out does not cover the request deadline the service tells.
     */
    public function ping($userId, $userEmail)
    {
        if (!$this->settings->isConfigured()) {
            return $this->notConfigured();
        }
        $response = $this->exchange($this->buildPingRequest($userId, $userEmail), self::PING_STATUSES);

        return TimeoutAdvice::addTo($response, $this->settings->timeout(), $this->translate);
    }

    /** The request sent to http-app for a sync. */
    public function buildSyncRequest($customerId, $contract, $userId, $userEmail)
    {
        $payload = new \stdClass();
        if (is_string($contract) && trim($contract) !== '') {
            $payload->contract = trim($contract);
        }
        $headers = $this->headers($userId, $userEmail);
        $headers['Content-Type'] = 'application/json';

        return new HttpRequest(
            'POST',
            self::joinUrl($this->settings->serviceUrl(), sprintf(self::SYNC_PATH, (int) $customerId)),
            $headers,
            Json::encode($payload),
            $this->settings->timeout()
        );
    }

    /** The request sent to http-app for «Проверить соединение». */
    public function buildPingRequest($userId, $userEmail)
    {
        return new HttpRequest(
            'GET',
            self::joinUrl($this->settings->serviceUrl(), self::PING_PATH),
            $this->headers($userId, $userEmail),
            null,
            $this->settings->timeout()
        );
    }

    /** The base URL (with or without a trailing slash, possibly with a path prefix) plus a path. */
    public static function joinUrl($base, $path)
    {
        return rtrim($base, '/').'/'.ltrim($path, '/');
    }

    /** Why the last call got no answer (for the server log; never sent to the browser), or null. */
    public function lastFailure()
    {
        return $this->lastFailure;
    }

    /**
     * Maps an answer from http-app to what the browser gets.
     *
     * @param string[]|null $successStatuses the "status" values a 2xx answer must carry (null: any
     *                                       JSON object); some other JSON API at the configured address
     *                                       must not pass for «Соединение установлено» or a sync result
     */
    public function mapResponse(TransportResponse $response, ?array $successStatuses = null)
    {
        $status = $response->status();
        if ($status === 401 || $status === 403) {
            $this->lastFailure = 'token refused, HTTP '.$status;
            return $this->problem('SERVICE_AUTH_FAILED',
                'The AidaBilling service refused the module\'s token. Ask an administrator to check the token in the module settings.');
        }
        $body = Json::decodeObject($response->body());
        if ($status < 200 || $status > 599 || ($status >= 300 && $status < 400) || $body === null) {
            return $this->unexpected($status);
        }
        if ($status >= 400) {
            if (!isset($body->code) || !is_string($body->code) || $body->code === '') {
                return $this->unexpected($status);
            }

            return new ModuleResponse($status, Json::encode($body), ModuleResponse::PROBLEM_JSON);
        }
        if ($successStatuses !== null
            && (!isset($body->status) || !is_string($body->status) || !in_array($body->status, $successStatuses, true))) {
            return $this->unexpected($status);
        }

        return new ModuleResponse($status, Json::encode($body), ModuleResponse::JSON);
    }

    private function exchange(HttpRequest $request, array $successStatuses)
    {
        $this->lastFailure = null;
        try {
            $response = $this->transport->send($request);
        } catch (TransportException $e) {
            $this->lastFailure = $e->getMessage();
            if ($e->timedOut()) {
                return $this->problem('SERVICE_UNREACHABLE',
                    'The AidaBilling service did not answer in time. Try again later.');
            }

            return $this->problem('SERVICE_UNREACHABLE',
                'The AidaBilling service cannot be reached. Try again later or ask an administrator.');
        }

        return $this->mapResponse($response, $successStatuses);
    }

    private function headers($userId, $userEmail)
    {
        return [
            'Accept' => 'application/json, application/problem+json',
            'Authorization' => 'Bearer '.$this->settings->token(),
            'X-Aida-Actor' => ActorHeader::value($userId, $userEmail),
            'User-Agent' => 'AidaBilling-FreeScout-module',
        ];
    }

    private function notConfigured()
    {
        return $this->problem('NOT_CONFIGURED',
            'The AidaBilling module is not configured: an administrator has to set the service address and token.');
    }

    private function unexpected($status)
    {
        $status = (int) $status;
        $this->lastFailure = 'unexpected answer, HTTP '.$status;
        if ($status === 429) {
            // a reverse proxy's own rate limit (nginx limit_req) in front of http-app
            $english = 'Too many requests to the AidaBilling service: try again in a few seconds.';
        } elseif ($status >= 502 && $status <= 504) {
            // a reverse proxy in front of http-app that cannot reach it: the address is right
            $english = 'The AidaBilling service is temporarily unavailable: try again later.';
        } else {
            $english = 'The AidaBilling service gave an unexpected answer. Check the service address in the module settings.';
        }
        $detail = call_user_func($this->translate, $english);

        return Problem::response('SERVICE_UNREACHABLE', $detail.' (HTTP '.$status.')');
    }

    private function problem($code, $englishDetail)
    {
        return Problem::response($code, call_user_func($this->translate, $englishDetail));
    }
}

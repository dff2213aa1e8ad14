<?php

namespace Modules\AidaBilling\Support;

/** One request to the AidaBilling service, as ServiceClient built it. */
final class HttpRequest
{
    /** @var string */
    private $method;
    /** @var string */
    private $url;
    /** @var array header name => value */
    private $headers;
    /** @var string|null */
    private $body;
    /** @var int seconds */
    private $timeout;

    public function __construct($method, $url, array $headers, $body, $timeout)
    {
        $this->method = $method;
        $this->url = $url;
        $this->headers = $headers;
        $this->body = $body;
        $this->timeout = (int) $timeout;
    }

    public function method()
    {
        return $this->method;
    }

    public function url()
    {
        return $this->url;
    }

    public function headers()
    {
        return $this->headers;
    }

    public function header($name)
    {
        foreach ($this->headers as $key => $value) {
            if (strcasecmp($key, $name) === 0) {
                return $value;
            }
        }

        return null;
    }

    public function body()
    {
        return $this->body;
    }

    public function timeout()
    {
        return $this->timeout;
    }
}

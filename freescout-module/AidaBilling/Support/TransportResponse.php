<?php

namespace Modules\AidaBilling\Support;

/** An HTTP answer from the service: status, body text and content type (may be empty). */
final class TransportResponse
{
    /** @var int */
    private $status;
    /** @var string */
    private $body;
    /** @var string */
    private $contentType;

    public function __construct($status, $body, $contentType = '')
    {
        $this->status = (int) $status;
        $this->body = (string) $body;
        $this->contentType = (string) $contentType;
    }

    public function status()
    {
        return $this->status;
    }

    public function body()
    {
        return $this->body;
    }

    public function contentType()
    {
        return $this->contentType;
    }
}

<?php

namespace Modules\AidaBilling\Support;

/** What the module's route answers the browser: a status, a JSON body and its content type. */
final class ModuleResponse
{
    const JSON = 'application/json';
    const PROBLEM_JSON = 'application/problem+json';

    /** @var int */
    private $status;
    /** @var string */
    private $body;
    /** @var string */
    private $contentType;

    public function __construct($status, $body, $contentType)
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

    /** The body decoded as an associative array (for tests and logging). */
    public function data()
    {
        $data = json_decode($this->body, true);

        return is_array($data) ? $data : null;
    }

    /** The problem code, or null for a success answer. */
    public function code()
    {
        $data = $this->data();

        return isset($data['code']) && is_string($data['code']) ? $data['code'] : null;
    }
}

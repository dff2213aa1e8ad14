<?php

namespace Modules\AidaBilling\Support;

/**
 * The module's own failures as RFC 9457 problems in the shape of the wire contract (spec 11):
 * {type, title, status, code, detail, requestId}. The type URI and the English titles are the same
 * as http-app's, so the browser code reads the module's answers and http-app's alike.
 */
final class Problem
{
    const TYPE_PREFIX = 'tag:aida-billing,2026:problem:';

    /** Code => [HTTP status, English title] for the codes the module itself answers. */
    const CODES = [
        'VALIDATION' => [400, 'Invalid request'],
        'NOT_ALLOWED' => [403, 'Not allowed'],
        'CUSTOMER_NOT_FOUND' => [404, 'Customer not found'],
        'SERVICE_UNREACHABLE' => [502, 'Service unreachable'],
        'SERVICE_AUTH_FAILED' => [502, 'Service refused the token'],
        'NOT_CONFIGURED' => [503, 'Not configured'],
    ];

    private function __construct()
    {
    }

    /**
     * @param string $code   one of self::CODES
     * @param string $detail written for the support agent
     *
     * @return array the problem body, keys in contract order
     */
    public static function make($code, $detail)
    {
        if (!isset(self::CODES[$code])) {
            throw new \InvalidArgumentException('Unknown module problem code: '.$code);
        }

        return [
            'type' => self::typeUri($code),
            'title' => self::CODES[$code][1],
            'status' => self::CODES[$code][0],
            'code' => $code,
            'detail' => $detail,
            'requestId' => null,
        ];
    }

    /** The problem's type URI, e.g. tag:aida-billing,2026:problem:service-unreachable. */
    public static function typeUri($code)
    {
        return self::TYPE_PREFIX.str_replace('_', '-', strtolower($code));
    }

    /** The problem as the module's HTTP answer. */
    public static function response($code, $detail)
    {
        $problem = self::make($code, $detail);

        return new ModuleResponse($problem['status'], Json::encode($problem), ModuleResponse::PROBLEM_JSON);
    }
}

<?php

namespace Modules\AidaBilling\Support;

/**
 * The customer's profile fields a sync may write, as FreeScout holds them (null as ''), keyed by the
 * sync's field names (spec 11's "changes"). The profile block carries them as the page rendered
 * them (data-profile) and the sync route adds them as they are after the sync ("profile"), so
 * module.js can tell a page that shows older values than FreeScout's: another tab or an operator
 * updated the customer after this page was rendered, and the sync, finding FreeScout already
 * right, answers "unchanged".
 */
final class ProfileValues
{
    /** Sync field => FreeScout's customer attribute. */
    const FIELDS = [
        'firstName' => 'first_name',
        'lastName' => 'last_name',
        'company' => 'company',
        'zip' => 'zip',
        'city' => 'city',
        'state' => 'state',
        'address' => 'address',
    ];

    /** The answer's member that carries the values after the sync. */
    const MEMBER = 'profile';

    private function __construct()
    {
    }

    /**
     * @param object $customer FreeScout's Customer (or anything with its attributes)
     *
     * @return array sync field => text ('' for an empty field)
     */
    public static function of($customer)
    {
        $values = [];
        foreach (self::FIELDS as $field => $attribute) {
            $value = isset($customer->{$attribute}) ? $customer->{$attribute} : null;
            $values[$field] = is_scalar($value) ? trim((string) $value) : '';
        }

        return $values;
    }

    /**
     * A successful sync answer with the customer's values after the sync added; any other answer
     * (a problem, or no customer to read) as it is.
     *
     * @param object|null $customer the customer read again after the sync
     */
    public static function addTo(ModuleResponse $response, $customer)
    {
        if (!is_object($customer) || $response->status() < 200 || $response->status() >= 300
            || $response->contentType() !== ModuleResponse::JSON) {
            return $response;
        }
        $body = Json::decodeObject($response->body());
        if ($body === null) {
            return $response;
        }
        $body->{self::MEMBER} = (object) self::of($customer);

        return new ModuleResponse($response->status(), Json::encode($body), $response->contentType());
    }
}

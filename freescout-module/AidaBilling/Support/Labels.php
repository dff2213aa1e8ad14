<?php

namespace Modules\AidaBilling\Support;

/**
 * The texts module.js shows, rendered server-side into the block's data-labels attribute in the
 * agent's language. Keys are module.js's label keys; values are the English source strings of the
 * module's JSON translations (Resources/lang/ru.json holds the Russian ones, which are also
 * module.js's built-in defaults, so the sandbox page works without this attribute).
 */
final class Labels
{
    const SOURCES = [
        'requestBalance' => 'Request balance',
        'loading' => 'Requesting the balance…',
        'balance' => 'Balance',
        'debt' => 'debt',
        'fullName' => 'Full name',
        'orgName' => 'Organisation name',
        'contract' => 'Contract',
        'tariff' => 'Tariff',
        'statusUpdated' => 'Profile updated',
        'statusUnchanged' => 'The profile is up to date, nothing to change',
        'statusElsewhere' => 'The profile was already updated in FreeScout (in another window or by an operator), and this page still shows the old values:',
        'statusElsewhereReloaded' => 'The profile had been updated in FreeScout (in another window or by an operator); the page was reloaded and shows its values:',
        'statusDryRun' => 'Check only: nothing was written',
        'reloading' => 'The page will reload in 2 seconds…',
        'reloadYourself' => 'The page has unsaved input, so it will not reload by itself: reload it when you are done to see the new values.',
        'staleProfileForm' => 'The profile form on this page still holds the old values: saving it would put them back.',
        'reloadToSee' => 'Reload the page to see the new values.',
        'auditGap' => 'The AidaBilling service could not record this change in its audit log: tell an administrator the request id.',
        'restored' => 'Result of the request made before the page reloaded',
        'emptyValue' => '(empty)',
        'requestId' => 'Request id',
        'chooseContract' => 'Several contracts match this phone, choose one:',
        'field.firstName' => 'First name',
        'field.lastName' => 'Last name',
        'field.company' => 'Company',
        'field.zip' => 'ZIP',
        'field.city' => 'City',
        'field.state' => 'Region',
        'field.address' => 'Address',
        'error.VALIDATION' => 'The request was not accepted as valid.',
        'error.UNAUTHORIZED' => 'The AidaBilling service requires authorisation.',
        'error.SIGNATURE_INVALID' => 'The request signature was refused.',
        'error.NOT_ALLOWED' => 'You are not allowed to view this customer.',
        'error.CUSTOMER_NOT_FOUND' => 'The customer was not found in FreeScout.',
        'error.NOT_IN_BILLING' => 'The customer was not found in billing.',
        'error.CONTRACT_NOT_FOUND' => 'The chosen contract was not found in billing.',
        'error.NOT_FOUND' => 'The AidaBilling service does not know this address: check the service URL.',
        'error.METHOD_NOT_ALLOWED' => 'The AidaBilling service does not accept this request: check the service URL.',
        'error.AMBIGUOUS' => 'Several billing accounts match.',
        'error.PAYLOAD_TOO_LARGE' => 'The request is too large.',
        'error.UNSUPPORTED_MEDIA_TYPE' => 'The AidaBilling service does not accept this request format.',
        'error.NO_PHONE' => 'The customer has no phone number to look up in billing.',
        'error.PHONE_NOT_ON_CUSTOMER' => 'The phone number is not on the customer\'s profile.',
        'error.RATE_LIMITED' => 'Too many requests: try again in a few seconds.',
        'error.BILLING_UNAVAILABLE' => 'Billing is unavailable: try again later.',
        'error.HELPDESK_UNAVAILABLE' => 'The balance was found, but the FreeScout profile could not be updated.',
        'error.helpdeskUnreachable' => 'The AidaBilling service could not reach FreeScout: try again later.',
        'error.SERVICE_UNREACHABLE' => 'The AidaBilling service cannot be reached.',
        'error.SERVICE_AUTH_FAILED' => 'The AidaBilling service refused the module\'s token: check the module settings.',
        'error.CONFIGURATION' => 'The AidaBilling service is misconfigured.',
        'error.OVERLOADED' => 'The AidaBilling service is overloaded: try again in a minute.',
        'error.NOT_CONFIGURED' => 'The AidaBilling module is not configured.',
        'error.DEADLINE_EXCEEDED' => 'The answer took too long: try again later.',
        'error.INTERNAL' => 'Internal error of the AidaBilling service.',
        'error.unknown' => 'The balance request failed.',
        'error.network' => 'No connection to FreeScout: check the network and try again.',
        'error.timedOut' => 'No answer in time: the outcome of the request is unknown, and the profile may have been updated. Reload the page to see its current values before you request the balance again.',
        'error.sessionExpired' => 'The page is out of date: reload it and try again.',
        'error.loggedOut' => 'You have been logged out of FreeScout: log in again.',
        'error.forbidden' => 'Access denied.',
        'error.badResponse' => 'Unexpected answer from the server',
        'error.serverUnavailable' => 'FreeScout is temporarily unavailable: try again in a minute.',
        'error.serverError' => 'FreeScout failed to handle the request: tell an administrator.',
        'ping.checking' => 'Checking the connection…',
        'ping.ok' => 'Connection works',
        'ping.billing' => 'Billing',
        'ping.freescout' => 'FreeScout',
        'ping.reachable' => 'reachable',
        'ping.timedOut' => 'No answer in time: the outcome of the check is unknown. Try again later, and if it keeps happening, check FreeScout and the AidaBilling service.',
        'settings.urlMissing' => 'Enter the address of the AidaBilling service.',
        'settings.urlInvalid' => 'The service address must be an http:// or https:// URL with a host, without a query or user name.',
        'settings.timeoutInvalid' => 'The time-out must be a whole number of seconds from 13 to 120.',
        'settings.timeoutTooShort' => 'The time-out must be at least 13 seconds: the AidaBilling service takes up to 12 seconds to answer, and a shorter wait would show a time-out while the profile may still be written.',
    ];

    private function __construct()
    {
    }

    /**
     * @param callable $translate English source string => text in the user's language
     *
     * @return array label key => translated text
     */
    public static function translated(callable $translate)
    {
        $labels = [];
        foreach (self::SOURCES as $key => $source) {
            $labels[$key] = (string) call_user_func($translate, $source);
        }

        return $labels;
    }
}

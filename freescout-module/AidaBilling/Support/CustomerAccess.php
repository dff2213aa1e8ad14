<?php

namespace Modules\AidaBilling\Support;

/**
 * Whether an agent may see a customer, and so may ask for the customer's balance.
 *
 * FreeScout decides this with its customer policy, which it has only since 1.8.213; on an older
 * FreeScout there is no such policy and Laravel's gate refuses every user, administrators too. So
 * the policy decides when FreeScout has one; otherwise the rule FreeScout applied before it had
 * one: everybody may, unless customer visibility is limited (config app.limit_user_customer_visibility)
 * and the user is not an administrator, in which case the customer must have a conversation in a
 * mailbox the user can see.
 *
 * The FreeScout calls are passed in, so the decision is tested without FreeScout.
 */
final class CustomerAccess
{
    private function __construct()
    {
    }

    /**
     * @param bool     $hasPolicy          FreeScout registers a policy for customers
     * @param callable $policyAllows       asks that policy (only called when there is one)
     * @param bool     $limitedVisibility  config('app.limit_user_customer_visibility')
     * @param bool     $isAdmin            the user is an administrator
     * @param callable $seesAConversation  the customer has a conversation in a mailbox the user can see
     */
    public static function canView($hasPolicy, callable $policyAllows, $limitedVisibility, $isAdmin, callable $seesAConversation)
    {
        if ($hasPolicy) {
            return (bool) $policyAllows();
        }
        if (!$limitedVisibility || $isAdmin) {
            return true;
        }

        return (bool) $seesAConversation();
    }

    /**
     * Whether the user may learn that a customer id does not exist. Where customer visibility is
     * limited, an agent gets the same "not allowed" for a missing customer as for one they may not
     * see, or the two answers together would tell which ids exist.
     *
     * @param bool $limitedVisibility config('app.limit_user_customer_visibility')
     * @param bool $isAdmin           the user is an administrator
     */
    public static function mayLearnAbsence($limitedVisibility, $isAdmin)
    {
        return !$limitedVisibility || $isAdmin;
    }
}

<?php

use Modules\AidaBilling\Support\CustomerAccess;
use PHPUnit\Framework\TestCase;

final class CustomerAccessTest extends TestCase
{
    private static function notAsked(): callable
    {
        return function () {
            throw new LogicException('must not be asked');
        };
    }

    private static function answers(bool $answer): callable
    {
        return function () use ($answer) {
            return $answer;
        };
    }

    public function testOnlyWhereVisibilityIsLimitedIsAMissingCustomerHiddenFromAgents(): void
    {
        $this->assertTrue(CustomerAccess::mayLearnAbsence(false, false), 'everyone sees every customer');
        $this->assertTrue(CustomerAccess::mayLearnAbsence(true, true), 'an administrator');
        $this->assertFalse(CustomerAccess::mayLearnAbsence(true, false), 'a limited agent: NOT_ALLOWED as for a hidden one');
    }

    public function testFreeScoutsOwnPolicyDecidesWhenThereIsOne(): void
    {
        $this->assertTrue(CustomerAccess::canView(true, self::answers(true), true, false, self::notAsked()));
        $this->assertFalse(CustomerAccess::canView(true, self::answers(false), false, true, self::notAsked()));
    }

    public function testWithoutAPolicyEveryoneMayWhenVisibilityIsNotLimited(): void
    {
        // FreeScout before 1.8.213: the gate alone would refuse even administrators.
        $this->assertTrue(CustomerAccess::canView(false, self::notAsked(), false, false, self::notAsked()));
    }

    public function testWithoutAPolicyAnAdministratorMayWhenVisibilityIsLimited(): void
    {
        $this->assertTrue(CustomerAccess::canView(false, self::notAsked(), true, true, self::notAsked()));
    }

    public function testWithoutAPolicyALimitedAgentNeedsAConversationInAVisibleMailbox(): void
    {
        $this->assertTrue(CustomerAccess::canView(false, self::notAsked(), true, false, self::answers(true)));
        $this->assertFalse(CustomerAccess::canView(false, self::notAsked(), true, false, self::answers(false)));
    }
}

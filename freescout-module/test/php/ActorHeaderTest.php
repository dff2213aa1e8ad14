<?php

use Modules\AidaBilling\Support\ActorHeader;
use PHPUnit\Framework\TestCase;

final class ActorHeaderTest extends TestCase
{
    public function testPlainUser(): void
    {
        $this->assertSame('freescout-user:7 agent@isp.example', ActorHeader::value(7, 'agent@isp.example'));
    }

    public function testNonAsciiBecomesQuestionMarks(): void
    {
        $this->assertSame('freescout-user:3 ?????@??????.??', ActorHeader::value(3, 'агент@пример.рф'));
        $this->assertSame('freescout-user:3 j?rg@example.com', ActorHeader::value(3, 'jörg@example.com'));
    }

    public function testHeaderInjectionIsImpossible(): void
    {
        $value = ActorHeader::value(3, "a@b.c\r\nX-Admin: yes");
        $this->assertStringNotContainsString("\r", $value);
        $this->assertStringNotContainsString("\n", $value);
        $this->assertSame('freescout-user:3 a@b.c X-Admin: yes', $value);
    }

    public function testInvalidUtf8AndEmptyEmail(): void
    {
        $this->assertSame('freescout-user:3 a?b', ActorHeader::value(3, "a\xffb"));
        $this->assertSame('freescout-user:3', ActorHeader::value(3, ''));
        $this->assertSame('freescout-user:3', ActorHeader::value('3', null));
    }

    public function testEveryByteIsPrintableAsciiAndLengthIsBounded(): void
    {
        $value = ActorHeader::value(99, str_repeat('я', 500).'@x');
        $this->assertMatchesRegularExpression('/^[\x20-\x7e]+$/', $value);
        $this->assertLessThanOrEqual(ActorHeader::MAX_LENGTH, strlen($value));
    }
}

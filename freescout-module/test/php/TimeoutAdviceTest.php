<?php

use Modules\AidaBilling\Support\ModuleResponse;
use Modules\AidaBilling\Support\TimeoutAdvice;
use PHPUnit\Framework\TestCase;

/** «Проверить соединение» warns when the time-out does not cover the service's request deadline. */
final class TimeoutAdviceTest extends TestCase
{
    private static function russian()
    {
        $ru = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/ru.json'), true);

        return function ($text) use ($ru) {
            return isset($ru[$text]) ? $ru[$text] : 'MISSING:'.$text;
        };
    }

    private static function english()
    {
        return function ($text) {
            return $text;
        };
    }

    private static function ping(array $body)
    {
        return new ModuleResponse(200, json_encode($body), ModuleResponse::JSON);
    }

    /** @dataProvider minimums */
    public function testTheTimeOutMustExceedTheDeadlineByASecond($deadlineMs, $minimum): void
    {
        $this->assertSame($minimum, TimeoutAdvice::minimumTimeout($deadlineMs));
        $this->assertNull(TimeoutAdvice::warning($deadlineMs, $minimum, self::english()));
        $this->assertNotNull(TimeoutAdvice::warning($deadlineMs, $minimum - 1, self::english()));
    }

    public function minimums(): array
    {
        return [
            'the default 12 s' => [12000, 13],
            'a fraction rounds up' => [12001, 14],
            '12.5 s' => [12500, 14],
            'whole 20 s' => [20000, 21],
            'short' => [500, 2],
        ];
    }

    public function testTheWarningSaysTheValuesAndWhatToSetInRussian(): void
    {
        $this->assertSame(
            'Тайм-аут 15 с слишком мал: сервис AidaBilling может отвечать до 20000 мс (AIDA_REQUEST_DEADLINE_MS),'
            .' а модуль должен ждать хотя бы на секунду дольше, иначе сотрудник увидит ошибку, хотя профиль ещё'
            .' может быть записан. Укажите тайм-аут не меньше 21 с и сохраните.',
            TimeoutAdvice::warning(20000, 15, self::russian())
        );
    }

    public function testADeadlineBeyondTheLongestTimeOutAsksToLowerTheDeadline(): void
    {
        $warning = TimeoutAdvice::warning(119001, 120, self::russian());
        $this->assertSame(
            'Сервис AidaBilling может отвечать до 119001 мс (AIDA_REQUEST_DEADLINE_MS), а модуль ждёт не больше 120 с,'
            .' поэтому сотрудник может увидеть ошибку, хотя профиль ещё записывается. Уменьшите'
            .' AIDA_REQUEST_DEADLINE_MS сервиса до 119000 или меньше.',
            $warning
        );
        $this->assertNull(TimeoutAdvice::warning(119000, 120, self::russian()));
    }

    public function testAPingAnswerGetsTheWarningAndKeepsEverythingElse(): void
    {
        $answer = self::ping(['status' => 'ok', 'billing' => 'ok', 'freescout' => 'ok', 'requestDeadlineMs' => 14000, 'requestId' => '01JD']);
        $data = TimeoutAdvice::addTo($answer, 14, self::russian())->data();
        $this->assertSame(['status', 'billing', 'freescout', 'requestDeadlineMs', 'requestId', 'timeoutWarning'], array_keys($data));
        $this->assertSame(14000, $data['requestDeadlineMs']);
        $this->assertStringContainsString('Укажите тайм-аут не меньше 15 с', $data['timeoutWarning']);
        $this->assertStringContainsString('Тайм-аут 14 с слишком мал', $data['timeoutWarning']);
    }

    public function testALongEnoughTimeOutIsLeftAlone(): void
    {
        $answer = self::ping(['status' => 'ok', 'requestDeadlineMs' => 12000]);
        $this->assertSame($answer, TimeoutAdvice::addTo($answer, 13, self::russian()));
    }

    /** @dataProvider noDeadline */
    public function testAnOlderServiceOrAnOddDeadlineIsNotChecked($body): void
    {
        $answer = new ModuleResponse(200, $body, ModuleResponse::JSON);
        $this->assertSame($answer, TimeoutAdvice::addTo($answer, 13, self::russian()));
    }

    public function noDeadline(): array
    {
        return [
            'older service' => ['{"status":"ok","billing":"ok","freescout":"ok","requestId":"01JD"}'],
            'text' => ['{"status":"ok","requestDeadlineMs":"60000"}'],
            'fraction' => ['{"status":"ok","requestDeadlineMs":60000.5}'],
            'zero' => ['{"status":"ok","requestDeadlineMs":0}'],
            'negative' => ['{"status":"ok","requestDeadlineMs":-1}'],
            'null' => ['{"status":"ok","requestDeadlineMs":null}'],
            'not an object' => ['[1]'],
        ];
    }

    public function testProblemsAreLeftAlone(): void
    {
        $problem = new ModuleResponse(502, '{"code":"BILLING_UNAVAILABLE","requestDeadlineMs":60000}', ModuleResponse::PROBLEM_JSON);
        $this->assertSame($problem, TimeoutAdvice::addTo($problem, 13, self::russian()));
    }

    public function testBothTextsExistInRussianAndEnglishWithTheirPlaceholders(): void
    {
        foreach (['ru', 'en'] as $locale) {
            $lang = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/'.$locale.'.json'), true);
            foreach ([TimeoutAdvice::TOO_SHORT, TimeoutAdvice::BEYOND_MAXIMUM] as $text) {
                $this->assertArrayHasKey($text, $lang, $locale);
                preg_match_all('/:[a-z]+/', $text, $placeholders);
                foreach ($placeholders[0] as $placeholder) {
                    $this->assertStringContainsString($placeholder, $lang[$text], $locale.': '.$placeholder);
                }
            }
        }
    }
}

<?php

use Modules\AidaBilling\Support\ModuleResponse;
use Modules\AidaBilling\Support\ProfileValues;
use PHPUnit\Framework\TestCase;

require_once __DIR__.'/laravel-fakes.php';

final class ProfileValuesTest extends TestCase
{
    private static function customer(array $attributes)
    {
        return new FakeCustomer(31, [], $attributes);
    }

    public function testTheFieldsASyncWritesUnderItsOwnNames(): void
    {
        $this->assertSame(
            ['firstName' => 'Тарас', 'lastName' => 'Новичков', 'company' => '0138', 'zip' => 'Соляной', 'city' => '', 'state' => '', 'address' => '12'],
            ProfileValues::of(self::customer(['first_name' => 'Тарас', 'last_name' => 'Новичков', 'company' => '0138',
                'zip' => 'Соляной', 'city' => null, 'address' => 12, 'notes' => 'not a synced field']))
        );
    }

    public function testTheValuesAfterTheSyncAreAddedToASuccessfulAnswer(): void
    {
        $answer = new ModuleResponse(200, '{"status":"unchanged","customerId":31,"changes":[]}', ModuleResponse::JSON);
        $data = ProfileValues::addTo($answer, self::customer(['first_name' => 'Тарас', 'last_name' => 'Новичков']))->data();
        $this->assertSame('unchanged', $data['status']);
        $this->assertSame([], $data['changes']);
        $this->assertSame('Тарас', $data['profile']['firstName']);
        $this->assertSame('Новичков', $data['profile']['lastName']);
        $this->assertSame('', $data['profile']['company']);
    }

    public function testProblemsAndAMissingCustomerAreLeftAlone(): void
    {
        $problem = new ModuleResponse(502, '{"code":"BILLING_UNAVAILABLE"}', ModuleResponse::PROBLEM_JSON);
        $this->assertSame($problem, ProfileValues::addTo($problem, self::customer(['first_name' => 'X'])));
        $answer = new ModuleResponse(200, '{"status":"unchanged"}', ModuleResponse::JSON);
        $this->assertSame($answer, ProfileValues::addTo($answer, null));
        $notJson = new ModuleResponse(200, 'oops', ModuleResponse::JSON);
        $this->assertSame($notJson, ProfileValues::addTo($notJson, self::customer([])));
    }
}

<?php

use Modules\AidaBilling\Support\AmoCrmLink;
use PHPUnit\Framework\TestCase;

final class AmoCrmLinkTest extends TestCase
{
    /** @dataProvider shown */
    public function testAmoCrmUrlsAreShownAsHttps(string $website, string $expected): void
    {
        $this->assertSame($expected, AmoCrmLink::normalize($website));
    }

    public function shown(): array
    {
        return [
            'seed contact link' => ['https://pavelsmit34ru.amocrm.ru/contacts/detail/75005811', 'https://pavelsmit34ru.amocrm.ru/contacts/detail/75005811'],
            'http upgraded' => ['http://pavelsmit34ru.amocrm.ru/contacts/detail/1', 'https://pavelsmit34ru.amocrm.ru/contacts/detail/1'],
            'bare domain .ru' => ['https://amocrm.ru', 'https://amocrm.ru/'],
            'amocrm.com subdomain' => ['https://team.amocrm.com/leads/detail/5?tab=1#notes', 'https://team.amocrm.com/leads/detail/5?tab=1#notes'],
            'uppercase host and scheme' => ['HTTPS://Team.AmoCRM.RU/contacts/detail/7', 'https://team.amocrm.ru/contacts/detail/7'],
            'surrounding spaces' => ['  https://a.amocrm.ru/x  ', 'https://a.amocrm.ru/x'],
            'typed without scheme' => ['a.amocrm.ru/contacts/detail/3', 'https://a.amocrm.ru/contacts/detail/3'],
            'trailing dot host' => ['https://a.amocrm.ru./x', 'https://a.amocrm.ru/x'],
            'nested subdomain' => ['https://x.y.amocrm.ru/z', 'https://x.y.amocrm.ru/z'],
        ];
    }

    /** @dataProvider refused */
    public function testOtherUrlsAreNeverShown($website): void
    {
        $this->assertNull(AmoCrmLink::normalize($website));
    }

    public function refused(): array
    {
        return [
            'amocrm.ru as a prefix of another host' => ['https://amocrm.ru.evil.example/contacts'],
            'amocrm.ru in the path' => ['https://evil.example/amocrm.ru/contacts'],
            'amocrm.ru in the query' => ['https://evil.example/?u=https://x.amocrm.ru'],
            'lookalike suffix' => ['https://evilamocrm.ru/'],
            'lookalike with dash' => ['https://evil-amocrm.ru/'],
            'userinfo trick' => ['https://amocrm.ru@evil.example/'],
            'userinfo on a real host' => ['https://user:pass@x.amocrm.ru/'],
            'backslash trick' => ['https://evil.example\\@x.amocrm.ru/'],
            'fragment trick' => ['https://evil.example#@x.amocrm.ru'],
            'javascript scheme' => ['javascript:alert(1)//x.amocrm.ru'],
            'javascript scheme uppercase' => ['JavaScript://x.amocrm.ru/%0aalert(1)'],
            'data scheme' => ['data:text/html,<a href="https://x.amocrm.ru">'],
            'ftp scheme' => ['ftp://x.amocrm.ru/'],
            'protocol relative' => ['//x.amocrm.ru/contacts'],
            'with a port' => ['https://x.amocrm.ru:8443/'],
            'whitespace inside' => ["https://x.amocrm.ru/a b"],
            'newline inside' => ["https://x.amocrm.ru/\nfoo"],
            'tab in host' => ["https://x.amo\tcrm.ru/"],
            'percent-encoded host' => ['https://x%2eamocrm.ru/'],
            'empty' => [''],
            'not a string' => [42],
            'null' => [null],
            'other site' => ['https://example.com/'],
            'amocrm.org' => ['https://amocrm.org/'],
            'unicode lookalike' => ['https://x.аmocrm.ru/'],
        ];
    }

    public function testPicksTheFirstAmoCrmLinkAmongSeveralWebsites(): void
    {
        $websites = [
            'http://example.com',
            'https://amocrm.ru.evil.example/contacts/detail/1',
            'http://team.amocrm.ru/contacts/detail/2',
            'https://other.amocrm.com/contacts/detail/3',
        ];
        $this->assertSame('https://team.amocrm.ru/contacts/detail/2', AmoCrmLink::pick($websites));
    }

    public function testNoLinkWithoutAmoCrmWebsites(): void
    {
        $this->assertNull(AmoCrmLink::pick([]));
        $this->assertNull(AmoCrmLink::pick(['http://example.com', 'javascript:alert(1)']));
        $this->assertNull(AmoCrmLink::pick(null));
        $this->assertNull(AmoCrmLink::pick('https://x.amocrm.ru'));
    }
}

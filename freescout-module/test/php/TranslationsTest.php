<?php

use Modules\AidaBilling\Support\Labels;
use PHPUnit\Framework\TestCase;

/**
 * Every text the module shows exists in Russian and English, and module.js's built-in Russian
 * labels (used by the sandbox page) are the same as the translations FreeScout renders.
 */
final class TranslationsTest extends TestCase
{
    private static function lang($locale)
    {
        $data = json_decode(file_get_contents(AIDA_MODULE_DIR.'/Resources/lang/'.$locale.'.json'), true);
        self::assertIsArray($data, $locale.'.json must be a JSON object');

        return $data;
    }

    /** The string literals passed to __() in the module's PHP files and Blade templates. */
    private static function usedStrings()
    {
        $strings = [];
        $iterator = new RecursiveIteratorIterator(new RecursiveDirectoryIterator(AIDA_MODULE_DIR, FilesystemIterator::SKIP_DOTS));
        foreach ($iterator as $file) {
            $path = $file->getPathname();
            if (substr($path, -4) !== '.php') {
                continue;
            }
            $code = file_get_contents($path);
            if (substr($path, -10) === '.blade.php') {
                $code = Php71SyntaxChecker::bladeToPhp($code);
            }
            $tokens = array_values(array_filter(token_get_all($code), function ($t) {
                return !is_array($t) || $t[0] !== T_WHITESPACE;
            }));
            foreach ($tokens as $i => $token) {
                if (is_array($token) && $token[0] === T_STRING && $token[1] === '__'
                    && isset($tokens[$i + 2]) && $tokens[$i + 1] === '(' && is_array($tokens[$i + 2])
                    && $tokens[$i + 2][0] === T_CONSTANT_ENCAPSED_STRING) {
                    $strings[eval('return '.$tokens[$i + 2][1].';')] = basename($path);
                }
            }
        }

        return $strings;
    }

    public function testRussianAndEnglishHaveTheSameKeys(): void
    {
        $ru = self::lang('ru');
        $en = self::lang('en');
        $this->assertSame([], array_diff(array_keys($ru), array_keys($en)), 'missing in en.json');
        $this->assertSame([], array_diff(array_keys($en), array_keys($ru)), 'missing in ru.json');
        foreach ($ru as $key => $value) {
            $this->assertNotSame('', trim($value), $key);
        }
    }

    public function testEveryTranslatedLiteralExists(): void
    {
        $used = self::usedStrings();
        $this->assertGreaterThan(15, count($used));
        $this->assertArrayHasKey('AMOCRM profile', $used);
        $this->assertArrayHasKey('Request balance', $used);
        $ru = self::lang('ru');
        $en = self::lang('en');
        foreach ($used as $text => $file) {
            $this->assertArrayHasKey($text, $ru, 'ru.json lacks a text used in '.$file);
            $this->assertArrayHasKey($text, $en, 'en.json lacks a text used in '.$file);
        }
    }

    /**
     * Laravel merges the application's resources/lang/ru.json after every module's
     * (FileLoader::loadJsonPaths), so for a source FreeScout itself translates the module's text is
     * never shown. These are FreeScout 1.8's own Russian texts for words a label could use, and
     * none fits what the module means by it (a region, an organisation's name).
     */
    const FREESCOUT_OWN = ['State' => 'Состояние', 'Name' => 'Имя'];

    public function testNoLabelUsesASourceFreeScoutTranslatesOtherwise(): void
    {
        $ru = self::lang('ru');
        foreach (Labels::SOURCES as $key => $source) {
            if (isset(self::FREESCOUT_OWN[$source])) {
                $this->assertSame(self::FREESCOUT_OWN[$source], $ru[$source],
                    $key.': FreeScout shows «'.self::FREESCOUT_OWN[$source].'» for «'.$source.'», not the module\'s «'.$ru[$source].'»');
            }
        }
        $this->assertSame('Регион', $ru[Labels::SOURCES['field.state']]);
    }

    public function testSeedLabels(): void
    {
        $ru = self::lang('ru');
        $this->assertSame('Профиль в AMOCRM', $ru['AMOCRM profile']);
        $this->assertSame('Запросить баланс', $ru['Request balance']);
        $this->assertSame('Проверить соединение', $ru['Check connection']);
        $this->assertSame('Профиль обновлен', $ru['Profile updated']);
    }

    public function testEveryLabelIsTranslated(): void
    {
        $ru = self::lang('ru');
        $en = self::lang('en');
        foreach (Labels::SOURCES as $key => $source) {
            $this->assertArrayHasKey($source, $ru, $key);
            $this->assertArrayHasKey($source, $en, $key);
        }
        $translated = Labels::translated(function ($text) use ($ru) {
            return $ru[$text];
        });
        $this->assertSame(array_keys(Labels::SOURCES), array_keys($translated));
        $this->assertSame('Баланс', $translated['balance']);
    }

    public function testModuleJsDefaultsAreTheRussianTranslations(): void
    {
        $js = file_get_contents(AIDA_MODULE_DIR.'/Public/js/module.js');
        $this->assertSame(1, preg_match('/var DEFAULT_LABELS = \{(.*?)\n    \};/s', $js, $m));
        preg_match_all("/^\s*'([^']+)': ('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")/m", $m[1], $pairs, PREG_SET_ORDER);
        $defaults = [];
        foreach ($pairs as $pair) {
            $defaults[$pair[1]] = json_decode('"'.str_replace('"', '\\"', substr($pair[2], 1, -1)).'"');
        }
        $this->assertSame(array_keys(Labels::SOURCES), array_keys($defaults), 'module.js labels and Labels::SOURCES differ');
        $ru = self::lang('ru');
        foreach (Labels::SOURCES as $key => $source) {
            $this->assertSame($ru[$source], $defaults[$key], 'module.js default for '.$key);
        }
    }
}

<?php

use PHPUnit\Framework\TestCase;

/**
 * The PHP 7.1 syntax check (test/php71/check.php, also run by Maven) passes on the module and
 * fails on every sample of newer syntax.
 */
final class Php71CheckTest extends TestCase
{
    private static function check(array $targets)
    {
        $command = escapeshellarg(PHP_BINARY).' '.escapeshellarg(AIDA_PROJECT_DIR.'/test/php71/check.php');
        foreach ($targets as $target) {
            $command .= ' '.escapeshellarg($target);
        }
        exec($command.' 2>&1', $output, $status);

        return [$status, implode("\n", $output)];
    }

    public function testTheModuleIsPhp71Syntax(): void
    {
        list($status, $output) = self::check([AIDA_MODULE_DIR]);
        $this->assertSame(0, $status, $output);
        $this->assertMatchesRegularExpression('/\b2\d PHP files checked/', $output);
    }

    public function testValidPhp71IsAccepted(): void
    {
        list($status, $output) = self::check([AIDA_PROJECT_DIR.'/test/php71/samples/good']);
        $this->assertSame(0, $status, $output);
    }

    /** @dataProvider badSamples */
    public function testNewerSyntaxIsRefused($file): void
    {
        list($status, $output) = self::check([$file]);
        $this->assertSame(1, $status, basename($file).' must fail: '.$output);
        $this->assertStringContainsString(basename($file).': line', $output);
    }

    public function badSamples(): array
    {
        $samples = [];
        foreach (glob(AIDA_PROJECT_DIR.'/test/php71/samples/bad/*.php') as $file) {
            $samples[basename($file, '.php')] = [$file];
        }

        return $samples;
    }

    public function testBadSamplesCoverTheBriefsList(): void
    {
        $names = array_keys($this->badSamples());
        foreach (['typed-property', 'arrow-function', 'match', 'nullsafe', 'named-arguments', 'union-type', 'coalesce-assign',
            'numeric-separator', 'constructor-promotion', 'enum', 'attribute'] as $required) {
            $this->assertContains($required, $names);
        }
    }

    public function testASyntaxErrorInABladeTemplateIsFound(): void
    {
        $file = sys_get_temp_dir().'/aida-bad-'.getmypid().'.blade.php';
        file_put_contents($file, "<div>{{ \$user?->name }}</div>\n@if (\$a ==)\n@endif\n");
        try {
            list($status, $output) = self::check([$file]);
        } finally {
            unlink($file);
        }
        $this->assertSame(1, $status, $output);
        $this->assertStringContainsString('nullsafe', $output);
        $this->assertStringContainsString('php -l', $output);
    }

    public function testUsageErrors(): void
    {
        $this->assertSame(2, self::check([])[0]);
        $this->assertSame(2, self::check(['/nonexistent/folder'])[0]);
    }
}

<?php

/*
 * Lints every PHP file (and the PHP inside every Blade template) under the given folders with
 * `php -l`, then looks for syntax newer than PHP 7.1 with Php71SyntaxChecker.
 * Usage: php check.php DIR_OR_FILE...   Exit 0 when clean, 1 on any finding, 2 on bad usage.
 */

declare(strict_types=1);

require __DIR__.'/Php71SyntaxChecker.php';

$targets = array_slice($argv, 1);
if (!$targets) {
    fwrite(STDERR, "usage: php check.php DIR_OR_FILE...\n");
    exit(2);
}

$files = [];
foreach ($targets as $target) {
    if (is_file($target)) {
        $files[] = $target;
    } elseif (is_dir($target)) {
        $iterator = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($target, FilesystemIterator::SKIP_DOTS));
        foreach ($iterator as $file) {
            if (substr($file->getFilename(), -4) === '.php') {
                $files[] = $file->getPathname();
            }
        }
    } else {
        fwrite(STDERR, "no such file or folder: $target\n");
        exit(2);
    }
}
sort($files);

$failed = 0;
foreach ($files as $file) {
    $problems = [];
    $lintTarget = $file;
    $temporary = null;
    if (substr($file, -10) === '.blade.php') {
        $temporary = tempnam(sys_get_temp_dir(), 'blade-lint-');
        file_put_contents($temporary, Php71SyntaxChecker::bladeToPhp((string) file_get_contents($file)));
        $lintTarget = $temporary;
    }
    exec(escapeshellarg(PHP_BINARY).' -d display_errors=1 -l '.escapeshellarg($lintTarget).' 2>&1', $output, $status);
    if ($status !== 0) {
        $problems[] = 'php -l: '.trim(implode(' ', $output));
    }
    $output = [];
    if ($temporary !== null) {
        unlink($temporary);
    }
    foreach (Php71SyntaxChecker::checkFile($file) as $finding) {
        $problems[] = $finding;
    }
    if ($problems) {
        $failed++;
        foreach ($problems as $problem) {
            echo $file.': '.$problem."\n";
        }
    }
}

echo count($files).' PHP files checked (php -l and PHP 7.1 syntax), '.$failed." with problems\n";
exit($failed === 0 ? 0 : 1);

<?php

/*
 * Test bootstrap: autoloads the module's Laravel-free classes the way FreeScout's composer rule
 * ("Modules\\" => "Modules/") does, from the AidaBilling folder of this repository.
 */

error_reporting(E_ALL);

define('AIDA_MODULE_DIR', dirname(__DIR__, 2).'/AidaBilling');
define('AIDA_PROJECT_DIR', dirname(__DIR__, 2));

spl_autoload_register(function ($class) {
    $prefix = 'Modules\\AidaBilling\\';
    if (strpos($class, $prefix) !== 0) {
        return;
    }
    $file = AIDA_MODULE_DIR.'/'.str_replace('\\', '/', substr($class, strlen($prefix))).'.php';
    if (is_file($file)) {
        require $file;
    }
});

require AIDA_PROJECT_DIR.'/test/php71/Php71SyntaxChecker.php';
require __DIR__.'/FakeTransport.php';
require __DIR__.'/StubService.php';

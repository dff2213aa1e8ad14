<?php

use PHPUnit\Framework\TestCase;

/**
 * The AidaBilling folder is laid out the way FreeScout loads a module.
 */
final class ModuleLayoutTest extends TestCase
{
    private static function moduleJson()
    {
        $json = json_decode(file_get_contents(AIDA_MODULE_DIR.'/module.json'), true);
        self::assertIsArray($json, 'module.json must be valid JSON');

        return $json;
    }

    public function testModuleJson(): void
    {
        $json = self::moduleJson();
        $this->assertSame('AidaBilling', $json['name']);
        $this->assertSame('aidabilling', $json['alias'], 'alias must be the lower-case folder name or laroute skips the routes');
        $this->assertSame('1.8.0', $json['requiredAppVersion']);
        $this->assertSame(['Modules\\AidaBilling\\Providers\\AidaBillingServiceProvider'], $json['providers']);
        $this->assertSame(['start.php'], $json['files']);
        $this->assertSame([], $json['aliases']);
        $this->assertSame([], $json['requires']);
        $this->assertArrayHasKey('active', $json);
        $this->assertArrayHasKey('order', $json);
        $this->assertNotSame('', $json['description']);
        // The version is filled in by Maven's resource filtering when the zip is built.
        $this->assertSame('${project.version}', $json['version']);
        $this->assertStringContainsString('"aliases": {}', file_get_contents(AIDA_MODULE_DIR.'/module.json'), 'aliases must stay a JSON object');
    }

    public function testEveryClassSitsWhereFreeScoutsAutoloaderLooks(): void
    {
        $iterator = new RecursiveIteratorIterator(new RecursiveDirectoryIterator(AIDA_MODULE_DIR, FilesystemIterator::SKIP_DOTS));
        $classes = 0;
        foreach ($iterator as $file) {
            $path = $file->getPathname();
            if (substr($path, -4) !== '.php' || substr($path, -10) === '.blade.php') {
                continue;
            }
            $code = file_get_contents($path);
            if (!preg_match('/^(?:final |abstract )?(?:class|interface|trait) (\w+)/m', $code, $class)) {
                continue;
            }
            $this->assertSame(1, preg_match('/^namespace ([\w\\\\]+);/m', $code, $ns), $path);
            $relative = substr($path, strlen(AIDA_MODULE_DIR) + 1, -4);
            $this->assertSame('Modules\\AidaBilling\\'.str_replace('/', '\\', $relative), $ns[1].'\\'.$class[1], $path);
            $classes++;
        }
        $this->assertGreaterThan(10, $classes);
    }

    public function testStartLoadsTheRoutes(): void
    {
        $this->assertStringContainsString("__DIR__.'/Http/routes.php'", file_get_contents(AIDA_MODULE_DIR.'/start.php'));
    }

    public function testRoutes(): void
    {
        $routes = file_get_contents(AIDA_MODULE_DIR.'/Http/routes.php');
        $this->assertStringContainsString("'middleware' => ['web', 'auth']", $routes);
        $this->assertStringContainsString("'prefix' => \\Helper::getSubdirectory()", $routes);
        $this->assertStringContainsString("'namespace' => 'Modules\\AidaBilling\\Http\\Controllers'", $routes);
        $this->assertStringContainsString("Route::post('/aidabilling/customers/{id}/sync', 'AidaBillingController@sync')", $routes);
        $this->assertStringContainsString("->name('aidabilling.sync')", $routes);
        $this->assertMatchesRegularExpression("/'\\/aidabilling\\/ping', \\[\\s*'uses' => 'AidaBillingController@ping',\\s*'middleware' => \\['auth', 'roles'\\],\\s*'roles' => \\['admin'\\],/", $routes);
        $this->assertStringNotContainsString('roles:admin', $routes);
        $controller = file_get_contents(AIDA_MODULE_DIR.'/Http/Controllers/AidaBillingController.php');
        $this->assertStringContainsString('public function sync(', $controller);
        $this->assertStringContainsString('public function ping(', $controller);
    }

    public function testConfigReadsTheDocumentedVariables(): void
    {
        $config = file_get_contents(AIDA_MODULE_DIR.'/Config/config.php');
        foreach (["env('AIDABILLING_SERVICE_URL', '')", "env('AIDABILLING_TOKEN', '')", "env('AIDABILLING_TIMEOUT', 15)", "env('AIDABILLING_RELOAD', true)"] as $read) {
            $this->assertStringContainsString($read, $config);
        }
    }

    public function testNoTokenOrServiceUrlInBrowserFiles(): void
    {
        $js = file_get_contents(AIDA_MODULE_DIR.'/Public/js/module.js');
        $this->assertStringNotContainsString('Authorization', $js);
        $this->assertStringNotContainsString('8900', $js);
        $partial = file_get_contents(AIDA_MODULE_DIR.'/Resources/views/partials/profile_block.blade.php');
        $this->assertStringNotContainsString('token', strtolower($partial));
        $this->assertStringNotContainsString('service_url', $partial);
    }
}

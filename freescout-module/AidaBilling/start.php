<?php

/*
|--------------------------------------------------------------------------
| AidaBilling module start file: FreeScout requires the files listed under "files" in module.json
| when the module is active; this one loads the module's routes.
|--------------------------------------------------------------------------
*/

if (!app()->routesAreCached()) {
    require __DIR__.'/Http/routes.php';
}

<?php

/*
 * Settings from FreeScout's .env, so an installation can be scripted. A value saved on the module's
 * settings page (Manage » Settings » AidaBilling) wins over these.
 */
return [
    'name' => 'AidaBilling',
    // Base URL of the AidaBilling service (http-app), e.g. http://127.0.0.1:8900
    'service_url' => env('AIDABILLING_SERVICE_URL', ''),
    // One of the service's AIDA_API_TOKENS; sent only server-side as a bearer token.
    'token' => env('AIDABILLING_TOKEN', ''),
    // Seconds to wait for the service, 13 to 120 (longer than its own 12 s deadline; a smaller
    // value is raised to 13).
    'timeout' => env('AIDABILLING_TIMEOUT', 15),
    // Reload the page 2 s after the profile was updated.
    'reload' => env('AIDABILLING_RELOAD', true),
];

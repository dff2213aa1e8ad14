<?php

Route::group([
    'middleware' => ['web', 'auth'],
    'prefix' => \Helper::getSubdirectory(),
    'namespace' => 'Modules\AidaBilling\Http\Controllers',
], function () {
    // «Запросить баланс»: any signed-in user who may view the customer.
    Route::post('/aidabilling/customers/{id}/sync', 'AidaBillingController@sync')
        ->where('id', '[0-9]+')
        ->name('aidabilling.sync');

    // «Проверить соединение» on the settings page: administrators only.
    Route::post('/aidabilling/ping', [
        'uses' => 'AidaBillingController@ping',
        'middleware' => ['auth', 'roles'],
        'roles' => ['admin'],
    ])->name('aidabilling.ping');
});

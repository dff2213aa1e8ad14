<?php

namespace Modules\AidaBilling\Http\Controllers;

use App\Conversation;
use App\Customer;
use Illuminate\Http\Request;
use Illuminate\Routing\Controller;
use Modules\AidaBilling\Providers\AidaBillingServiceProvider;
use Modules\AidaBilling\Support\CustomerAccess;
use Modules\AidaBilling\Support\ModuleResponse;
use Modules\AidaBilling\Support\Problem;
use Modules\AidaBilling\Support\ProfileValues;

/**
 * The module's two routes. The browser may talk only to FreeScout (CSP), so these call the
 * AidaBilling service server-side with the module's token and hand its answer back.
 */
class AidaBillingController extends Controller
{
    const MAX_CONTRACT_LENGTH = 64;

    /** POST /aidabilling/customers/{id}/sync {contract?} — «Запросить баланс». */
    public function sync(Request $request, $id)
    {
        $customer = Customer::find((int) $id);
        $user = auth()->user();
        if (!$customer && $user
            && CustomerAccess::mayLearnAbsence((bool) config('app.limit_user_customer_visibility'), $user->isAdmin())) {
            return $this->answer(Problem::response('CUSTOMER_NOT_FOUND', __('The customer was not found in FreeScout.')));
        }
        if (!$customer || !$user || !self::canView($user, $customer)) {
            return $this->answer(Problem::response('NOT_ALLOWED', __('You are not allowed to view this customer.')));
        }
        $contract = $request->input('contract');
        if ($contract !== null && (!is_string($contract) || mb_strlen($contract) > self::MAX_CONTRACT_LENGTH)) {
            return $this->answer(Problem::response('VALIDATION', __('The contract must be a text of at most 64 characters.')));
        }

        $client = AidaBillingServiceProvider::serviceClient();
        $result = $client->sync($customer->id, $contract, $user->id, $user->email);
        $this->logFailure('sync of customer '.$customer->id, $result, $client->lastFailure());
        if ($result->status() === 200) {
            // What FreeScout holds now, read again: module.js compares it with what its page shows.
            $result = ProfileValues::addTo($result, Customer::find($customer->id));
        }

        return $this->answer($result);
    }

    /** POST /aidabilling/ping — «Проверить соединение» (administrators only, see routes). */
    public function ping()
    {
        $user = auth()->user();
        if (!$user || !$user->isAdmin()) {
            return $this->answer(Problem::response('NOT_ALLOWED', __('Only an administrator may check the connection.')));
        }
        $client = AidaBillingServiceProvider::serviceClient();
        $result = $client->ping($user->id, $user->email);
        $this->logFailure('connection check', $result, $client->lastFailure());

        return $this->answer($result);
    }

    /** FreeScout's customer policy where it has one (1.8.213+), its earlier rule otherwise. */
    private static function canView($user, Customer $customer)
    {
        return CustomerAccess::canView(
            \Gate::getPolicyFor($customer) !== null,
            function () use ($user, $customer) {
                return $user->can('view', $customer);
            },
            (bool) config('app.limit_user_customer_visibility'),
            $user->isAdmin(),
            function () use ($user, $customer) {
                return Conversation::where('customer_id', $customer->id)
                    ->whereIn('mailbox_id', $user->mailboxesIdsCanView())
                    ->exists();
            }
        );
    }

    private function answer(ModuleResponse $result)
    {
        return response($result->body(), $result->status())
            ->header('Content-Type', $result->contentType().'; charset=UTF-8')
            ->header('Cache-Control', 'no-store');
    }

    /** Failures an administrator must act on; FreeScout logs only "error" and above by default. */
    private function logFailure($what, ModuleResponse $result, $reason)
    {
        $code = $result->code();
        if (in_array($code, ['SERVICE_UNREACHABLE', 'SERVICE_AUTH_FAILED', 'NOT_CONFIGURED'], true)) {
            \Log::error('AidaBilling: '.$what.' failed with '.$code.($reason ? ' ('.$reason.')' : ''));
        }
    }
}

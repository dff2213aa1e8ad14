{{-- AidaBilling block in the customer profile (hook customer.profile.extra). module.js finds every
     element relative to the .aida-billing wrapper, so the block may appear twice on a page; only the
     first one carries the seed's ids. Markup documented in freescout-module/README.md. --}}
<div class="aida-billing customer-section" data-customer-id="{{ $customer_id }}" data-reload="{{ $reload ? '1' : '0' }}" data-timeout="{{ $timeout }}" data-profile="{{ json_encode($profile, JSON_UNESCAPED_UNICODE) }}" data-labels="{{ json_encode($labels, JSON_UNESCAPED_UNICODE) }}">
    @if ($amo_url)
        <div class="aida-amocrm-link">
            <i class="glyphicon glyphicon-link" aria-hidden="true"></i>
            <a href="{{ $amo_url }}" target="_blank" rel="noopener noreferrer">{{ __('AMOCRM profile') }}</a>
        </div>
    @endif
    <button type="button" @if ($with_ids)id="aida-request-balance-btn" @endif class="btn btn-default btn-sm aida-request-balance-btn" data-customer-id="{{ $customer_id }}" data-url="{{ $sync_url }}">
        {{-- aria-hidden: Bootstrap draws glyphicon-ruble as the real sign ₽ (U+20BD), which would start the
             button's accessible name («₽ Запросить баланс», read as «рубль …»); the icons are decoration. --}}
        <i class="glyphicon glyphicon-ruble" aria-hidden="true"></i>
        <span class="aida-btn-label">{{ __('Request balance') }}</span>
    </button>
    {{-- Rendered (empty, no height) from the start, never hidden: a live region must be in the accessibility tree
         before its content changes, or screen readers do not announce the answer. --}}
    <div @if ($with_ids)id="aida-balance-result" @endif class="aida-balance-result" aria-live="polite"></div>
</div>

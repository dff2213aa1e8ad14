{{-- Settings » AidaBilling (administrators only: FreeScout's settings routes require the admin role).
     The token is never rendered; a blank token field keeps the saved one. --}}
@php
    $aida_old = old('settings');
    $aida_old = is_array($aida_old) ? $aida_old : [];
    $aida_url = array_key_exists('aidabilling.service_url', $aida_old) ? $aida_old['aidabilling.service_url'] : $settings['aidabilling.service_url'];
    $aida_timeout = array_key_exists('aidabilling.timeout', $aida_old) ? $aida_old['aidabilling.timeout'] : $settings['aidabilling.timeout'];
    // The server's message of each field, listed above the form with an id its field points to (aria-describedby).
    $aida_errors = [];
    foreach (['service_url', 'token', 'timeout'] as $aida_field) {
        if ($errors->has('settings.aidabilling.'.$aida_field)) {
            $aida_errors[$aida_field] = $errors->first('settings.aidabilling.'.$aida_field);
        }
    }
@endphp
{{-- novalidate: the browser's own messages for type="url"/"number" come in the browser's language;
     module.js checks the fields with the module's messages (data-labels), and the server checks again. --}}
<form class="form-horizontal margin-top aida-settings-form" method="POST" action="" autocomplete="off" novalidate
      data-labels="{{ json_encode($aida['labels'], JSON_UNESCAPED_UNICODE) }}" data-url-fallback="{{ $aida['env_service_url'] !== '' ? '1' : '0' }}"
      data-min-timeout="{{ $aida['min_timeout'] }}" data-max-timeout="{{ $aida['max_timeout'] }}">
    {{ csrf_field() }}

    @if (count($errors) > 0)
        <div class="alert alert-danger">
            <ul>
                @foreach ($aida_errors as $aida_field => $aida_message)
                    <li id="aidabilling_{{ $aida_field }}_error">{{ $aida_message }}</li>
                @endforeach
                @foreach ($errors->all() as $error)
                    @if (!in_array($error, $aida_errors, true))
                        <li>{{ $error }}</li>
                    @endif
                @endforeach
            </ul>
        </div>
    @endif

    <p class="help-block">
        {{ __('The «Request balance» button asks the AidaBilling service from the FreeScout server; the browser never sees the service address or the token. Values left blank here are taken from the .env file (AIDABILLING_SERVICE_URL, AIDABILLING_TOKEN, AIDABILLING_TIMEOUT, AIDABILLING_RELOAD).') }}
    </p>

    <div class="form-group{{ $errors->has('settings.aidabilling.service_url') ? ' has-error' : '' }}">
        <label for="aidabilling_service_url" class="col-sm-2 control-label">{{ __('Service URL') }}</label>
        <div class="col-sm-6">
            <input id="aidabilling_service_url" type="url" class="form-control input-sized-lg" name="settings[aidabilling.service_url]" value="{{ $aida_url }}" placeholder="{{ $aida['env_service_url'] !== '' ? $aida['env_service_url'] : 'http://127.0.0.1:8900' }}"
                   aria-describedby="@if (isset($aida_errors['service_url']))aidabilling_service_url_error @endif aidabilling_service_url_help"@if (isset($aida_errors['service_url'])) aria-invalid="true"@endif>
            <p class="help-block" id="aidabilling_service_url_help">
                {{ __('Base address of the AidaBilling service, e.g. http://127.0.0.1:8900') }}
                @if ($aida['env_service_url'] !== '')
                    <br>{{ __('Set in .env:') }} {{ $aida['env_service_url'] }}
                @endif
            </p>
        </div>
    </div>

    <div class="form-group{{ $errors->has('settings.aidabilling.token') ? ' has-error' : '' }}">
        <label for="aidabilling_token" class="col-sm-2 control-label">{{ __('Token') }}</label>
        <div class="col-sm-6">
            <input id="aidabilling_token" type="password" class="form-control input-sized-lg" name="settings[aidabilling.token]" value="" autocomplete="new-password" placeholder="{{ $aida['token_saved'] ? '••••••••' : '' }}"
                   aria-describedby="@if (isset($aida_errors['token']))aidabilling_token_error @endif aidabilling_token_help"@if (isset($aida_errors['token'])) aria-invalid="true"@endif>
            <p class="help-block" id="aidabilling_token_help">
                @if ($aida['token_saved'])
                    {{ __('A token is saved. Leave the field blank to keep it.') }}
                @elseif ($aida['token_in_env'])
                    {{ __('The token from .env is used. Type a token here to override it.') }}
                @else
                    {{ __('One of the tokens in the service\'s AIDA_API_TOKENS.') }}
                @endif
            </p>
        </div>
    </div>

    <div class="form-group{{ $errors->has('settings.aidabilling.timeout') ? ' has-error' : '' }}">
        <label for="aidabilling_timeout" class="col-sm-2 control-label">{{ __('Time-out (seconds)') }}</label>
        <div class="col-sm-6">
            <input id="aidabilling_timeout" type="number" min="{{ $aida['min_timeout'] }}" max="{{ $aida['max_timeout'] }}" step="1" class="form-control input-sized" name="settings[aidabilling.timeout]" value="{{ $aida_timeout }}" placeholder="{{ $aida['env_timeout'] ? $aida['env_timeout'] : $aida['default_timeout'] }}"
                   aria-describedby="@if (isset($aida_errors['timeout']))aidabilling_timeout_error @endif @if ($aida['timeout_raised_from'] !== null)aidabilling_timeout_raised @endif aidabilling_timeout_help"@if (isset($aida_errors['timeout'])) aria-invalid="true"@endif>
            <p class="help-block" id="aidabilling_timeout_help">{{ __('How long to wait for the service, from 13 to 120 seconds: longer than the service\'s own 12 second deadline and shorter than your web server\'s limit for a PHP request (nginx: fastcgi_read_timeout, 60 s by default).') }}</p>
            @if ($aida['timeout_raised_from'] !== null)
                <p class="help-block text-warning aida-timeout-raised" id="aidabilling_timeout_raised">{{ __('The configured time-out is shorter than the AidaBilling service\'s 12 second deadline, so the module waits 13 seconds instead. Set at least 13 here (or in AIDABILLING_TIMEOUT) and save.') }}</p>
            @endif
        </div>
    </div>

    <div class="form-group">
        <label for="aidabilling_reload" class="col-sm-2 control-label">{{ __('Reload the page') }}</label>
        <div class="col-sm-6">
            <div class="controls">
                <div class="onoffswitch-wrap">
                    <div class="onoffswitch">
                        <input type="checkbox" name="settings[aidabilling.reload]" value="1" id="aidabilling_reload" class="onoffswitch-checkbox" aria-describedby="aidabilling_reload_help" @if ($settings['aidabilling.reload'])checked="checked"@endif>
                        <label class="onoffswitch-label" for="aidabilling_reload"></label>
                    </div>
                </div>
            </div>
            <p class="help-block" id="aidabilling_reload_help">{{ __('Reload the page 2 seconds after the profile was updated, so the new name and contract show at once.') }}</p>
        </div>
    </div>

    <div class="form-group aida-ping" data-timeout="{{ $aida['timeout'] }}" data-labels="{{ json_encode($aida['labels'], JSON_UNESCAPED_UNICODE) }}">
        <div class="col-sm-6 col-sm-offset-2">
            <button type="button" class="btn btn-default aida-ping-btn" data-url="{{ $aida['ping_url'] }}">{{ __('Check connection') }}</button>
            <span class="help-block">{{ __('Checks the saved settings: save first.') }}</span>
            <div class="aida-ping-result" aria-live="polite"></div>
        </div>
    </div>

    <div class="form-group margin-top">
        <div class="col-sm-6 col-sm-offset-2">
            <button type="submit" class="btn btn-primary">{{ __('Save') }}</button>
        </div>
    </div>
</form>

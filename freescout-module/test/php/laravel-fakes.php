<?php

/*
 * Minimal stand-ins for the FreeScout/Laravel pieces the service provider touches, so ProviderTest
 * can boot the real provider and run its hooks. Loaded only by ProviderTest.
 */

namespace Illuminate\Support {
    abstract class ServiceProvider
    {
        public static $configs = [];
        public static $views = [];
        public static $translations = [];
        protected $app;

        public function __construct($app = null)
        {
            $this->app = $app;
        }

        protected function mergeConfigFrom($path, $key)
        {
            $loaded = require $path;
            \FakeConfig::$values[$key] = array_merge($loaded, isset(\FakeConfig::$values[$key]) ? \FakeConfig::$values[$key] : []);
            self::$configs[$key] = $path;
        }

        protected function loadViewsFrom($path, $namespace)
        {
            self::$views[$namespace] = $path;
        }

        protected function loadJsonTranslationsFrom($path)
        {
            self::$translations[] = $path;
        }
    }
}

namespace Illuminate\Validation {
    class ValidationException extends \Exception
    {
        public $messages;

        public static function withMessages(array $messages)
        {
            $e = new static('The given data was invalid.');
            $e->messages = $messages;

            return $e;
        }
    }
}

namespace {
    final class FakeConfig
    {
        public static $values = [];
    }

    function env($key, $default = null)
    {
        return array_key_exists($key, FakeEnv::$values) ? FakeEnv::$values[$key] : $default;
    }

    final class FakeEnv
    {
        public static $values = [];
    }

    function config($key)
    {
        return isset(FakeConfig::$values[$key]) ? FakeConfig::$values[$key] : null;
    }

    function __($text)
    {
        return isset(FakeLang::$lines[$text]) ? FakeLang::$lines[$text] : $text;
    }

    final class FakeLang
    {
        public static $lines = [];
    }

    function route($name, $parameters = [])
    {
        $paths = ['aidabilling.sync' => '/aidabilling/customers/{id}/sync', 'aidabilling.ping' => '/aidabilling/ping'];
        $path = $paths[$name];
        foreach ($parameters as $key => $value) {
            $path = str_replace('{'.$key.'}', rawurlencode((string) $value), $path);
        }

        return 'https://help.isp.example'.$path;
    }

    function decrypt($value)
    {
        if (strpos($value, 'enc:') !== 0) {
            throw new RuntimeException('The payload is invalid.');
        }

        return substr($value, 4);
    }

    function old($key)
    {
        return isset(FakeRequest::$old[$key]) ? FakeRequest::$old[$key] : null;
    }

    function csrf_field()
    {
        return '<input type="hidden" name="_token" value="csrf">';
    }

    final class Eventy
    {
        public static $actions = [];
        public static $filters = [];

        public static function addAction($name, $callback, $priority = 20, $args = 1)
        {
            self::$actions[$name][] = ['callback' => $callback, 'priority' => $priority, 'args' => $args];
        }

        public static function addFilter($name, $callback, $priority = 20, $args = 1)
        {
            self::$filters[$name][] = ['callback' => $callback, 'priority' => $priority, 'args' => $args];
        }

        public static function action($name, ...$args)
        {
            foreach (self::$actions[$name] as $hook) {
                call_user_func_array($hook['callback'], array_slice($args, 0, $hook['args']));
            }
        }

        public static function filter($name, $value, ...$args)
        {
            foreach (self::$filters[$name] ?? [] as $hook) {
                $value = call_user_func_array($hook['callback'], array_slice(array_merge([$value], $args), 0, $hook['args']));
            }

            return $value;
        }
    }

    final class Module
    {
        public static function getPublicPath($alias)
        {
            return '/modules/'.$alias;
        }
    }

    final class Option
    {
        public static $values = [];

        public static function get($name, $default = false)
        {
            return array_key_exists($name, self::$values) ? self::$values[$name] : $default;
        }
    }

    final class Log
    {
        public static $lines = [];

        public static function error($message)
        {
            self::$lines[] = $message;
        }

        public static function warning($message)
        {
            self::$lines[] = $message;
        }
    }

    final class FakeView
    {
        private $file;
        private $vars;

        public function __construct($file, $vars)
        {
            $this->file = $file;
            $this->vars = $vars;
        }

        public function render()
        {
            return MiniBlade::render($this->file, $this->vars);
        }
    }

    final class View
    {
        public static function make($name, array $vars = [])
        {
            list($namespace, $path) = explode('::', $name);
            $file = Illuminate\Support\ServiceProvider::$views[$namespace].'/'.str_replace('.', '/', $path).'.blade.php';

            return new FakeView($file, $vars);
        }
    }

    final class FakeErrors implements Countable
    {
        private $messages;

        public function __construct(array $messages = [])
        {
            $this->messages = $messages;
        }

        public function has($key)
        {
            return isset($this->messages[$key]);
        }

        public function first($key)
        {
            return isset($this->messages[$key][0]) ? $this->messages[$key][0] : '';
        }

        public function all()
        {
            $all = [];
            foreach ($this->messages as $list) {
                foreach ($list as $message) {
                    $all[] = $message;
                }
            }

            return $all;
        }

        public function count(): int
        {
            return count($this->all());
        }
    }

    final class FakeRequest
    {
        public static $old = [];
        private $input;

        public function __construct(array $input)
        {
            $this->input = $input;
        }

        public function input($key)
        {
            return isset($this->input[$key]) ? $this->input[$key] : null;
        }

        public function merge(array $values)
        {
            $this->input = array_merge($this->input, $values);
        }
    }

    final class FakeCustomer
    {
        public $id;
        private $websites;
        private $attributes;

        public function __construct($id, $websites, array $attributes = [])
        {
            $this->id = $id;
            $this->websites = $websites;
            $this->attributes = $attributes;
        }

        /** Eloquent's attribute access: an attribute not set reads as null. */
        public function __get($name)
        {
            return isset($this->attributes[$name]) ? $this->attributes[$name] : null;
        }

        public function __isset($name)
        {
            return isset($this->attributes[$name]);
        }

        public function getWebsites()
        {
            if ($this->websites instanceof Exception) {
                throw $this->websites;
            }

            return $this->websites;
        }
    }
}

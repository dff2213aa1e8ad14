<?php

/*
 * Stand-ins for what the module's controller touches beyond laravel-fakes.php: the request, the
 * signed-in user, FreeScout's Customer model and Gate, and Laravel's response(). Loaded only by
 * RouteTest.
 */

namespace Illuminate\Routing {
    abstract class Controller
    {
    }
}

namespace Illuminate\Http {
    class Request
    {
        private $input;

        public function __construct(array $input = [])
        {
            $this->input = $input;
        }

        public function input($key)
        {
            return isset($this->input[$key]) ? $this->input[$key] : null;
        }
    }
}

namespace App {
    class Customer
    {
        /** @var array id => attributes of the customers FreeScout holds */
        public static $records = [];
        public $id;
        private $attributes;

        public function __construct($id, array $attributes)
        {
            $this->id = $id;
            $this->attributes = $attributes;
        }

        public static function find($id)
        {
            return isset(self::$records[$id]) ? new self($id, self::$records[$id]) : null;
        }

        public function __get($name)
        {
            return isset($this->attributes[$name]) ? $this->attributes[$name] : null;
        }

        public function __isset($name)
        {
            return isset($this->attributes[$name]);
        }
    }
}

namespace {
    require_once __DIR__.'/laravel-fakes.php';

    final class FakeUser
    {
        public $id;
        public $email;
        private $admin;

        public function __construct($id, $email, $admin)
        {
            $this->id = $id;
            $this->email = $email;
            $this->admin = $admin;
        }

        public function isAdmin()
        {
            return $this->admin;
        }
    }

    final class FakeAuth
    {
        /** @var FakeUser|null */
        public static $user;

        public function user()
        {
            return self::$user;
        }
    }

    function auth()
    {
        return new FakeAuth();
    }

    /** What the controller hands Laravel: status, headers and body as they would go to the browser. */
    final class FakeResponse
    {
        public $body;
        public $status;
        public $headers = [];

        public function __construct($body, $status)
        {
            $this->body = $body;
            $this->status = $status;
        }

        public function header($name, $value)
        {
            $this->headers[$name] = $value;

            return $this;
        }
    }

    function response($body = '', $status = 200)
    {
        return new FakeResponse($body, $status);
    }

    final class Gate
    {
        /** FreeScout before 1.8.213 has no customer policy. */
        public static function getPolicyFor($model)
        {
            return null;
        }
    }
}

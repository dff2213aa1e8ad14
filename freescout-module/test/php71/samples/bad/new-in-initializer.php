<?php function f($a = new Foo()) {}

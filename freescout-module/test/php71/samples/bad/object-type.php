<?php function f(object $a): object { return $a; }

<?php function f(int|string $a) { return $a; }

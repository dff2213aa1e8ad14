<?php $f = function () use ($a, $b,) { return $a; };

<?php class A { public function __construct(public readonly int $x) {} }

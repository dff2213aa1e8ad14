<?php class A { public function __construct(private $x) {} }

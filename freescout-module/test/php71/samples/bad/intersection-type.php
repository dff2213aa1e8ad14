<?php function f(Countable&Iterator $a) {}

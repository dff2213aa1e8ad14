<?php class A { private int $x = 0; }

<?php function f($a): int|false { return 1; }

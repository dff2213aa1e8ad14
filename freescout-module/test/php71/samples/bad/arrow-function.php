<?php $f = fn($x) => $x * 2;

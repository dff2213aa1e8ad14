<?php class A { public static ?string $x = null; }

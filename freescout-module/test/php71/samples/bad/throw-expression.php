<?php $a = $b ?? throw new Exception("x");

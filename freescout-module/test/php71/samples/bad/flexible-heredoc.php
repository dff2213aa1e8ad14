<?php
$a = <<<EOT
    text
    EOT;

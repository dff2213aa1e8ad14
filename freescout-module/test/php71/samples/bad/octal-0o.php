<?php $a = 0o17;

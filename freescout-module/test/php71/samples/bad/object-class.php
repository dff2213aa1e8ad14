<?php echo $obj::class;

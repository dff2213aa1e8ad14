<?php echo str_pad(string: "x", length: 3);

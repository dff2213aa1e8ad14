<?php echo match ($a) { 1 => "one", default => "other" };

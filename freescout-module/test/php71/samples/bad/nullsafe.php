<?php echo $user?->email;

<?php $f = strlen(...);

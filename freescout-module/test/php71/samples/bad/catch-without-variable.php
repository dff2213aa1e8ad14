<?php try { f(); } catch (Exception) { }

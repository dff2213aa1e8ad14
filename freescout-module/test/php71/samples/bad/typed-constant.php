<?php class A { const int X = 1; }

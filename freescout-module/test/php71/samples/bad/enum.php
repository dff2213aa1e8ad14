<?php enum Suit { case Hearts; }

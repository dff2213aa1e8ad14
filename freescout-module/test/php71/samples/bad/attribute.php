<?php #[Deprecated] function f() {}

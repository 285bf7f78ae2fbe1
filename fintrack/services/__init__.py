"""Use cases. Each public function is one unit of work: it validates, enforces ownership and commits."""

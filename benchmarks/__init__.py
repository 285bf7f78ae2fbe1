"""Speed and memory at scale, with ratios to the database's own floor. Not tests: `make bench`."""

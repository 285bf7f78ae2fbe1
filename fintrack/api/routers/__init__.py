"""One router per resource; each route reads its input, calls a service with the token's owner, answers."""

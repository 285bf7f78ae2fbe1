"""Tables, engine, transactions and migrations."""

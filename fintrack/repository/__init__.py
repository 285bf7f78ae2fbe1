"""SQLAlchemy queries, always scoped by owner id. Repositories never validate, format or commit."""

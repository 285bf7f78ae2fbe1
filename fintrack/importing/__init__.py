"""Bank and card statements, read into rows the ledger understands. Pure: bytes in, values out.

- `reading`: bytes -> `Table` (encoding, delimiter, header row, CSV or XLSX).
- `mapping`: which column is the date, the amount, ... (`ColumnMapping`), and its best guess from headers.
- `dates` and `amounts`: the formats a statement writes and how to read them.
- `rows`: a table and a mapping -> `(rows, errors)`; a bad row never stops the others from being read.
"""

"""The offline parser, one job a module. Recognisers: `text` (cutting what was recognised), `spelling`
(typos in date and kind words), `dates`, `amounts` (amounts and reference numbers), `periods` (of
questions), `covers` (the month, quarter or year an entry pays for), `lexicon` (the words it knows),
`recognise` (payment methods, categories, kind cues), `parties` (vendors and clients) and `words` (what is
left: the note). Deciders: `entries` (an expense or income to propose) and `questions` (totals, tops,
breakdowns, searches), over `model` (what the parser knows of the owner's books, and what it returns).
`fintrack.services.assistant.offline` routes a sentence to them."""

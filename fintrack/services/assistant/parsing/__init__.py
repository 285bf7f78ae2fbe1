"""The offline parser's recognisers, one job each: `text` (cutting what was recognised), `dates`,
`amounts` (amounts and reference numbers), `periods` (of questions), `lexicon` (the words it knows),
`recognise` (payment methods, categories, kind cues), `parties` (vendors and clients) and `words`
(what is left: the note). `fintrack.services.assistant.offline` runs them as a pipeline and decides."""

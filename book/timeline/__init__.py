"""The book's interleaving timelines: what each shows (specs), what orders
its steps (order), what it draws of that (figure) and how (svg).
`book/timelines.py` records the runs and puts them together."""

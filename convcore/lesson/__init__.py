"""The Lesson page's library (section 6.2, cell by cell): `steps` (the editable values and their defaults),
`correlation` (what each step computes), `notebook_code` (the cells' code and printouts) and `training` (step 6).
Its chart is convcore.plots.lesson_chart, its link convcore.links.schemas.lesson_query."""

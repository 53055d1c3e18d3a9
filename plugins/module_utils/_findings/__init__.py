# PRIVATE to the devsecops.aws collection: the findings pipeline (model, parsers, ASFF, gate).

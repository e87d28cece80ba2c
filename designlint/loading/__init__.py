"""Stage 1, loading: files -> validated data that remembers where every value stood.

Nothing here knows what a design means; designlint.model builds the model from
what these modules return.
"""

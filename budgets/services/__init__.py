"""Every write of the budgets app, one small typed function per business action.

- flat_rates: keeping the flat-rate lines' amounts in step with their base categories.

A refused precondition raises hankehallinta.services.ActionRefused.
"""

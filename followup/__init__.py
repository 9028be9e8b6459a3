"""A funded project's follow-up: actual costs from the ledger, actual against plan, payment claims
(maksatushakemus), reports with indicator values, and closure.

Layer: above projects (its models point at Project), below decisions. The project page shows the
follow-up through this app's template tags (followup/templatetags), so projects imports nothing of it.
"""

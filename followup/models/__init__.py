"""The follow-up's models, one module per role (actual costs, claims, reports)."""

from __future__ import annotations

from followup.models.actuals import AccountMapping, ActualCost, LedgerImport
from followup.models.claims import PaymentClaim
from followup.models.reports import IndicatorValue, Report, ReportAttachment, ReportNarrative

__all__ = ["AccountMapping", "ActualCost", "LedgerImport"]
__all__ += ["PaymentClaim"]
__all__ += ["IndicatorValue", "Report", "ReportAttachment", "ReportNarrative"]

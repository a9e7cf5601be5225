"""The beta reader: fiction-aware writing feedback on an analysed work."""

from ficlens.check.findings import Finding
from ficlens.check.runner import RULES, run_checks

__all__ = ["RULES", "Finding", "run_checks"]

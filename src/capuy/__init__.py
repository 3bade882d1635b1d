"""Cấp ủy số: the work cycle of a Vietnamese party committee."""

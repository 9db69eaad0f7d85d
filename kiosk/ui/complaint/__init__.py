"""The wage-arrears complaint, its receipt, and the market's decision told at the next
visit (issue 14)."""

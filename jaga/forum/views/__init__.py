"""Pages of the FP2ATBM forum, one module per subject (thin: parse, call a service or a
selector, render)."""
